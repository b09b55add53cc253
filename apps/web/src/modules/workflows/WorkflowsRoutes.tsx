import { Route, Routes } from 'react-router';
import { RequireCapability } from '../../app/shell/RequireCapability';
import WorkflowDetailPage from './WorkflowDetailPage';
import { WorkflowCreatePage, WorkflowEditPage } from './WorkflowFormPages';
import WorkflowsPage from './WorkflowsPage';

/** /workflows, /workflows/new, /workflows/:id and /workflows/:id/edit. */
export default function WorkflowsRoutes() {
  return (
    <Routes>
      <Route index element={<WorkflowsPage />} />
      <Route
        path="new"
        element={
          <RequireCapability capability="workflows.manage" page="New workflow">
            <WorkflowCreatePage />
          </RequireCapability>
        }
      />
      <Route path=":id" element={<WorkflowDetailPage />} />
      <Route
        path=":id/edit"
        element={
          <RequireCapability capability="workflows.manage" page="Edit workflow">
            <WorkflowEditPage />
          </RequireCapability>
        }
      />
    </Routes>
  );
}
