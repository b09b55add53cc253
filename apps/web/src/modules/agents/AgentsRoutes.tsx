import { Route, Routes } from 'react-router';
import { RequireCapability } from '../../app/shell/RequireCapability';
import AgentDetailPage from './AgentDetailPage';
import { AgentCreatePage, AgentEditPage } from './AgentFormPages';
import AgentsPage from './AgentsPage';

/** /agents, /agents/new, /agents/:id and /agents/:id/edit. */
export default function AgentsRoutes() {
  return (
    <Routes>
      <Route index element={<AgentsPage />} />
      <Route
        path="new"
        element={
          <RequireCapability capability="agents.manage" page="Register agent">
            <AgentCreatePage />
          </RequireCapability>
        }
      />
      <Route path=":id" element={<AgentDetailPage />} />
      <Route
        path=":id/edit"
        element={
          <RequireCapability capability="agents.manage" page="Edit agent">
            <AgentEditPage />
          </RequireCapability>
        }
      />
    </Routes>
  );
}
