import { useSubscription } from '@apollo/client/react';
import { useLiveAvailable } from '../../app/apollo/LiveProvider';
import { placeInLists, useRereadAfterReconnect } from '../../app/apollo/live-lists';
import { graphql } from '../../gql';
import type { AgentActivityFilter, AgentActivityType } from '../../gql/graphql';

/**
 * An agent's lifecycle changes with the feed entry each one wrote (the newest lifecycle entry).
 * Read without writing the cache as it comes: a one-entry page would replace the feed's pages.
 */
export const AgentLifecycleActivity = graphql(`
  subscription AgentLifecycleActivity($agentId: ID) {
    agentChanged(agentId: $agentId) {
      id
      status
      activity(first: 1, filter: { types: [LIFECYCLE] }) {
        edges {
          node {
            id
            type
            summary
            occurredAt
            details
          }
        }
      }
    }
  }
`);

export interface ActivityEntry {
  __typename?: 'AgentActivity';
  id: string;
  type: AgentActivityType;
  summary: string;
  occurredAt: string;
  details: Record<string, unknown>;
}

const ActivityEntryFields = graphql(`
  fragment ActivityEntry on AgentActivity {
    id
    type
    summary
    occurredAt
    details
  }
`);

/** Puts an entry at the top of the agent's cached feeds whose type filter it meets (once), counted. */
export function placeActivity(cache: Parameters<typeof placeInLists>[0], agentId: string, entry: ActivityEntry): boolean {
  const owner = cache.identify({ __typename: 'Agent', id: agentId });
  if (!owner) return false;
  cache.writeFragment({ fragment: ActivityEntryFields, data: { ...entry, __typename: 'AgentActivity' } });
  return placeInLists(
    cache,
    'activity',
    { __typename: 'AgentActivity', id: entry.id },
    (args) => {
      const types = (args?.filter as AgentActivityFilter | undefined)?.types;
      // Present entries stay where they are: a feed never loses one.
      return !types?.length || types.includes(entry.type) ? true : undefined;
    },
    undefined,
    owner,
  );
}

/** Keeps an agent's cached feeds current from its lifecycle events; `reread` once after a reconnect. */
export function useLiveActivity(agentId: string, reread: () => unknown): void {
  const available = useLiveAvailable();
  useRereadAfterReconnect(reread);
  useSubscription(AgentLifecycleActivity, {
    variables: { agentId },
    skip: !available,
    fetchPolicy: 'no-cache',
    ignoreResults: true,
    onData: ({ client, data }) => {
      const entry = data.data?.agentChanged?.activity?.edges[0]?.node;
      if (entry) placeActivity(client.cache, agentId, entry as ActivityEntry);
    },
  });
}
