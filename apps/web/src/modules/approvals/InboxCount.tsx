import { useQuery } from '@apollo/client/react';
import { Badge, VisuallyHidden } from '@mantine/core';
import { useViewer } from '../../app/shell/viewer';
import { ApprovalInboxCountQuery } from './approval.operations';
import { useLiveApprovals } from './live-approvals';

/**
 * The navigation's count of requests waiting for the viewer's decision, live; nothing when none wait. Every way a
 * request enters or leaves an inbox announces itself (opened, passed on to its next step, decided), so it reads
 * the count once, and again only after the live connection was lost.
 */
export default function InboxCount() {
  const { data, refetch } = useQuery(ApprovalInboxCountQuery, { errorPolicy: 'all' });
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
