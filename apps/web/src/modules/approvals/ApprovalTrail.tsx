import { useQuery } from '@apollo/client/react';
import { Alert, Anchor, Group, Loader, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ApprovalRequestQuery, readRequest } from './approval.operations';
import { RequestStatusBadge } from './approval-labels';
import { DecisionTrail } from './DecisionTrail';

/**
 * An approval request's decision trail (each step, who decided, when, with what comment and form values)
 * for another page to embed, such as an execution's approval node; `headingId` keeps several on one page apart.
 */
export function ApprovalTrail({ requestId, heading, headingId }: { requestId: string; heading: string; headingId: string }) {
  const { data, loading, error } = useQuery(ApprovalRequestQuery, {
    variables: { id: requestId, withChange: false },
    errorPolicy: 'all',
    fetchPolicy: 'cache-and-network',
  });
  const request = readRequest(data?.approvalRequest);
  let body: ReactNode;
  if (request)
    body = (
      <DecisionTrail
        request={request}
        heading={heading}
        headingId={headingId}
        extra={
          <Group gap="xs" mb="sm">
            <RequestStatusBadge status={request.status} />
            <Anchor component={Link} to={`/approvals/${encodeURIComponent(request.id)}`} size="sm">
              {request.title}
            </Anchor>
            <Text size="xs" c="dimmed">
              asked by {request.requestedBy?.fullName ?? 'Steward'}
            </Text>
          </Group>
        }
      />
    );
  else if (loading)
    body = (
      <Group gap="xs" aria-live="polite">
        <Loader size="xs" />
        <Text size="sm" c="dimmed">
          Loading the approval trail of {heading}…
        </Text>
      </Group>
    );
  else
    body = (
      <Alert color="yellow" variant="light" title={`${heading}: the approval trail could not be shown`}>
        {error ? error.message : 'The request is not there any more.'}
      </Alert>
    );
  return (
    <div data-testid="approval-trail" data-request-id={requestId}>
      {body}
    </div>
  );
}
