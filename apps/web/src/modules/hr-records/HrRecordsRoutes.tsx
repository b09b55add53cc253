import { Route, Routes } from 'react-router';
import HrRecordDetailPage from './HrRecordDetailPage';
import { HrRecordCreatePage, HrRecordEditPage } from './HrRecordFormPages';
import HrRecordsPage from './HrRecordsPage';

/** /hr-records, /hr-records/new, /hr-records/:id and /hr-records/:id/edit. */
export default function HrRecordsRoutes() {
  return (
    <Routes>
      <Route index element={<HrRecordsPage />} />
      <Route path="new" element={<HrRecordCreatePage />} />
      <Route path=":id" element={<HrRecordDetailPage />} />
      <Route path=":id/edit" element={<HrRecordEditPage />} />
    </Routes>
  );
}
