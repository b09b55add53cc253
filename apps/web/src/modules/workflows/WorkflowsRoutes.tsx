import { Route, Routes } from 'react-router';
import { RequireCapability } from '../../app/shell/RequireCapability';
import ExecutionPage from './ExecutionPage';
import ExecutionsPage from './ExecutionsPage';
import WorkflowDetailPage from './WorkflowDetailPage';
import { WorkflowCreatePage, WorkflowEditPage } from './WorkflowFormPages';
import WorkflowsPage from './WorkflowsPage';

/** /workflows, /workflows/new, /workflows/:id, /workflows/:id/edit, /workflows/executions and /workflows/executions/:id. */
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
      <Route path="executions" element={<ExecutionsPage />} />
      <Route path="executions/:id" element={<ExecutionPage />} />
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
