import { Route, Routes } from 'react-router';
import { RequireCapability } from '../../app/shell/RequireCapability';
import { PageHeader } from '../../ui/PageHeader';
import { BackLink } from '../../ui/BackLink';
import PoliciesPage from './PoliciesPage';
import PolicyDetailPage from './PolicyDetailPage';
import { PolicyEditor } from './PolicyEditor';

function NewPolicyPage() {
  return (
    <>
      <BackLink to="/policies" label="Policies" />
      <PageHeader title="New policy" description="Saved as version 1. Every condition must compile; try each one on an agent or a sample as you write it." />
      <PolicyEditor />
    </>
  );
}

/** /policies, /policies/new and /policies/:id. */
export default function PoliciesRoutes() {
  return (
    <Routes>
      <Route index element={<PoliciesPage />} />
      <Route
        path="new"
        element={
          <RequireCapability capability="policies.manage" page="New policy">
            <NewPolicyPage />
          </RequireCapability>
        }
      />
      <Route path=":id" element={<PolicyDetailPage />} />
    </Routes>
  );
}
