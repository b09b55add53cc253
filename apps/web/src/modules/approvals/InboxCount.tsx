import { useQuery } from '@apollo/client/react';
import { Badge, VisuallyHidden } from '@mantine/core';
import { ApprovalInboxCountQuery } from './approval.operations';

/** How often the navigation asks how many requests wait for the viewer. */
const POLL_MS = 60_000;

/** The navigation's count of requests waiting for the viewer's decision; nothing when none wait. */
export default function InboxCount() {
  const { data } = useQuery(ApprovalInboxCountQuery, { pollInterval: POLL_MS, errorPolicy: 'all' });
  const count = data?.approvalInboxCount ?? 0;
  if (!count) return null;
  return (
    <Badge size="sm" variant="filled" color="violet" circle={count < 10} data-testid="approval-inbox-count">
      {count}
      <VisuallyHidden> waiting for you</VisuallyHidden>
    </Badge>
  );
}
