import { useQuery } from '@apollo/client/react';
import { Stack } from '@mantine/core';
import { graphql } from '../../gql';
import { ApprovalRequestStatus } from '../../gql/graphql';
import { HeldForApproval } from '../../ui/HeldForApproval';

export const PendingApprovalsQuery = graphql(`
  query PendingApprovals($filter: ApprovalRequestFilter!) {
    approvalRequests(first: 5, filter: $filter) {
      nodes {
        id
        title
      }
    }
  }
`);

/**
 * The changes of one agent or one policy that wait for approval, each with its request: on its page
 * after a reload as much as right after the change was held. `except` is a request the page already shows.
 */
export function PendingApprovals({ agentId, policyId, except }: { agentId?: string; policyId?: string; except?: string | null }) {
  const { data } = useQuery(PendingApprovalsQuery, {
    variables: { filter: { agentId: agentId ?? null, policyId: policyId ?? null, statuses: [ApprovalRequestStatus.Pending] } },
    errorPolicy: 'all',
    fetchPolicy: 'cache-and-network',
  });
  const pending = (data?.approvalRequests?.nodes ?? []).filter((r) => r.id !== except);
  if (!pending.length) return null;
  const what = agentId ? 'agent' : 'policy';
  return (
    <Stack gap="xs" data-testid="pending-approvals">
      {pending.map((r) => (
        <HeldForApproval key={r.id} request={r} title={`A change of this ${what} waits for approval: not applied yet`} />
      ))}
    </Stack>
  );
}
