import { Route, Routes } from 'react-router';
import { allowed } from '../../app/access';
import { useViewer } from '../../app/shell/viewer';
import { NotFoundPage } from '../../app/NotFoundPage';
import ExceptionsPage from './ExceptionsPage';
import ExportsPage from './ExportsPage';
import FrameworkPage from './FrameworkPage';
import OverviewPage from './OverviewPage';
import RecordsPage from './RecordsPage';
import TemplatesPage from './TemplatesPage';

/** /compliance, /compliance/frameworks/new, /compliance/frameworks/:id, /compliance/exceptions, /compliance/records and /compliance/exports. */
export default function ComplianceRoutes() {
  const viewer = useViewer();
  const read = allowed(viewer, 'compliance.read');
  return (
    <Routes>
      <Route index element={<OverviewPage />} />
      {allowed(viewer, 'compliance.manage') ? <Route path="frameworks/new" element={<TemplatesPage />} /> : null}
      {read ? <Route path="frameworks/:id" element={<FrameworkPage />} /> : null}
      {read ? <Route path="exceptions" element={<ExceptionsPage />} /> : null}
      {allowed(viewer, 'complianceRecords.read') ? <Route path="records" element={<RecordsPage />} /> : null}
      {allowed(viewer, 'compliance.export') ? <Route path="exports" element={<ExportsPage />} /> : null}
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
