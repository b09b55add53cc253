import { useQuery } from '@apollo/client/react';
import { Badge, VisuallyHidden } from '@mantine/core';
import { useViewer } from '../../app/shell/viewer';
import { ApprovalInboxCountQuery } from './approval.operations';
import { useLiveApprovals } from './live-approvals';

/** How often the navigation asks anyway (a step passed on to the viewer announces no event of its own). */
const POLL_MS = 120_000;

/** The navigation's count of requests waiting for the viewer's decision, live; nothing when none wait. */
export default function InboxCount() {
  const { data, refetch } = useQuery(ApprovalInboxCountQuery, { pollInterval: POLL_MS, errorPolicy: 'all' });
  useLiveApprovals(useViewer().user?.id ?? null, refetch);
  const count = data?.approvalInbox?.totalCount ?? 0;
  if (!count) return null;
  return (
    <Badge size="sm" variant="filled" color="violet" circle={count < 10} data-testid="approval-inbox-count">
      {count}
      <VisuallyHidden> waiting for you</VisuallyHidden>
    </Badge>
  );
}
