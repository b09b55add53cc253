import { useSubscription } from '@apollo/client/react';
import { useLiveAvailable } from '../../app/apollo/LiveProvider';
import { placeInLists, useRereadAfterReconnect } from '../../app/apollo/live-lists';
import { getFragmentData } from '../../gql';
import { type ApprovalRequestFilter, type ApprovalRequestRowFragment, ApprovalRequestStatus } from '../../gql/graphql';
import { ApprovalRequestChangedSubscription, ApprovalRequestLiveSubscription, ApprovalRequestRow } from './approval.operations';

type LiveRequest = ApprovalRequestRowFragment & { viewerCanDecide: boolean };

/**
 * Whether a request belongs in a stored list of all requests; undefined (left as it is) for a
 * filter the event cannot settle (a title search, an agent or policy the row does not carry).
 */
function requestMatches(filter: ApprovalRequestFilter | null, request: LiveRequest, viewerId: string | null): boolean | undefined {
  if (!filter) return true;
  if (filter.search || filter.agentId || filter.policyId) return undefined;
  if (filter.statuses?.length && !filter.statuses.includes(request.status)) return false;
  if (filter.kinds?.length && !filter.kinds.includes(request.kind)) return false;
  if (filter.requestedByViewer && request.requestedBy?.id !== viewerId) return false;
  return true;
}

/**
 * Places a request the live connection sent in the cached inboxes (pending and the viewer may
 * decide it: the server says so in `viewerCanDecide`) and lists of requests; returns whether it
 * was added to any.
 */
export function placeLiveRequest(cache: Parameters<typeof placeInLists>[0], request: LiveRequest, viewerId: string | null): boolean {
  const object = { __typename: 'ApprovalRequest', id: request.id };
  const inInbox = request.status === ApprovalRequestStatus.Pending && request.viewerCanDecide;
  const intoInbox = placeInLists(cache, 'approvalInbox', object, () => inInbox);
  const intoLists = placeInLists(cache, 'approvalRequests', object, (args) =>
    requestMatches((args?.filter as ApprovalRequestFilter | undefined) ?? null, request, viewerId),
  );
  return intoInbox || intoLists;
}

/** Keeps the cached inboxes and request lists current from the live connection; `reread` once after a reconnect. */
export function useLiveApprovals(viewerId: string | null, reread: () => unknown): void {
  const available = useLiveAvailable();
  useRereadAfterReconnect(reread);
  useSubscription(ApprovalRequestChangedSubscription, {
    skip: !available,
    ignoreResults: true,
    onData: ({ client, data }) => {
      const changed = data.data?.approvalRequestChanged;
      if (!changed) return;
      placeLiveRequest(client.cache, { ...getFragmentData(ApprovalRequestRow, changed), viewerCanDecide: changed.viewerCanDecide }, viewerId);
    },
  });
}

/**
 * Keeps a request page current: the server sends this request, read with the page's fields, after each
 * decision (also one that leaves the step open), comment or step; Apollo writes it over the cached one.
 */
export function useLiveApprovalRequest(id: string, withChange: boolean, reread: () => unknown): void {
  const available = useLiveAvailable();
  useRereadAfterReconnect(reread);
  useSubscription(ApprovalRequestLiveSubscription, { skip: !available || !id, variables: { id, withChange }, ignoreResults: true });
}
