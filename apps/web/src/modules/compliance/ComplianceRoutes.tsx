import { Route, Routes } from 'react-router';
import { can } from '../../app/access';
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
  const read = can(viewer.role, 'compliance.read');
  return (
    <Routes>
      <Route index element={<OverviewPage />} />
      {can(viewer.role, 'compliance.manage') ? <Route path="frameworks/new" element={<TemplatesPage />} /> : null}
      {read ? <Route path="frameworks/:id" element={<FrameworkPage />} /> : null}
      {read ? <Route path="exceptions" element={<ExceptionsPage />} /> : null}
      {can(viewer.role, 'complianceRecords.read') ? <Route path="records" element={<RecordsPage />} /> : null}
      {can(viewer.role, 'compliance.export') ? <Route path="exports" element={<ExportsPage />} /> : null}
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
