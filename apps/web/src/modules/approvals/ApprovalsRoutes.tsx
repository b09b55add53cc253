import { Route, Routes } from 'react-router';
import ApprovalRequestPage from './ApprovalRequestPage';
import ApprovalsPage from './ApprovalsPage';

/** /approvals and /approvals/:id. */
export default function ApprovalsRoutes() {
  return (
    <Routes>
      <Route index element={<ApprovalsPage />} />
      <Route path=":id" element={<ApprovalRequestPage />} />
    </Routes>
  );
}
