import type { ApolloCache, Reference } from '@apollo/client';
import { useSubscription } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { useLiveAvailable, useLiveStatus } from '../../app/apollo/LiveProvider';
import { getFragmentData } from '../../gql';
import type { PolicyViolationFilter, ViolationRowFragment } from '../../gql/graphql';
import { PolicyViolationChanged, ViolationRow } from './violation.operations';

interface StoredEdge {
  __typename?: string;
  cursor: string;
  node: Reference;
}
interface StoredConnection {
  edges?: StoredEdge[];
  totalCount?: number;
  [key: string]: unknown;
}

/** The filter a stored `policyViolations` list was read with (its key arguments, as `relayStylePagination(['filter'])` keeps them). */
function filterOf(storeFieldName: string): PolicyViolationFilter | null {
  const args = storeFieldName.slice(storeFieldName.indexOf(':') + 1);
  if (!args.startsWith('{')) return null;
  try {
    return (JSON.parse(args) as { filter?: PolicyViolationFilter | null }).filter ?? null;
  } catch {
    return null;
  }
}

export function matches(filter: PolicyViolationFilter | null, v: ViolationRowFragment): boolean {
  if (!filter) return true;
  if (filter.agentId && v.agent?.id !== filter.agentId) return false;
  if (filter.policyId && v.policy.id !== filter.policyId) return false;
  if (filter.statuses?.length && !filter.statuses.includes(v.status)) return false;
  if (filter.severities?.length && !filter.severities.includes(v.severity)) return false;
  return true;
}

/**
 * Places a violation the live connection sent in every list of violations the cache holds: at the
 * top of those whose filter it now meets and that lack it (newest first, as the server orders
 * them), out of those whose filter it no longer meets, with their totals adjusted. Its fields
 * themselves are already merged by id. Returns whether it was added to any list.
 */
export function placeLiveViolation(cache: ApolloCache, violation: ViolationRowFragment): boolean {
  const ref = cache.identify({ __typename: 'PolicyViolation', id: violation.id });
  if (!ref) return false;
  let added = false;
  cache.modify<{ policyViolations: StoredConnection }>({
    id: 'ROOT_QUERY',
    fields: {
      policyViolations(existing, { storeFieldName, toReference }) {
        const stored = existing as StoredConnection | undefined;
        if (!stored?.edges) return existing;
        const listed = stored.edges.some((e) => e.node.__ref === ref);
        const belongs = matches(filterOf(storeFieldName), violation);
        if (belongs && !listed) {
          added = true;
          const node = toReference(ref)!;
          return {
            ...stored,
            edges: [{ __typename: 'PolicyViolationEdge', cursor: '', node }, ...stored.edges],
            totalCount: stored.totalCount === undefined ? undefined : stored.totalCount + 1,
          } as never;
        }
        if (!belongs && listed) {
          return {
            ...stored,
            edges: stored.edges.filter((e) => e.node.__ref !== ref),
            totalCount: stored.totalCount === undefined ? undefined : Math.max(0, stored.totalCount - 1),
          } as never;
        }
        return existing;
      },
    },
  });
  return added;
}

/**
 * Keeps every cached list of violations current from the live connection while the component is
 * shown (no refetch); `reread` is called once when the connection is back after a loss, for what
 * changed meanwhile. Returns the ids of the violations it added, for the table to highlight.
 */
export function useLiveViolations(reread: () => unknown): ReadonlySet<string> {
  const available = useLiveAvailable();
  const up = useLiveStatus() === 'live';
  const wasUp = useRef<boolean | null>(null);
  useEffect(() => {
    if (up && wasUp.current === false) void reread();
    if (up || wasUp.current !== null) wasUp.current = up;
  }, [up, reread]);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(() => new Set());
  useSubscription(PolicyViolationChanged, {
    skip: !available,
    ignoreResults: true,
    onData: ({ client, data }) => {
      const changed = data.data?.policyViolationChanged;
      if (!changed) return;
      const row = getFragmentData(ViolationRow, changed);
      if (placeLiveViolation(client.cache, row)) setFresh((before) => new Set(before).add(row.id));
    },
  });
  return fresh;
}
