import type { ApolloCache, Reference } from '@apollo/client';
import { useEffect, useRef } from 'react';
import { useLiveStatus } from './LiveProvider';

export interface StoredEdge {
  __typename?: string;
  cursor: string;
  node: Reference;
}
export interface StoredConnection {
  edges?: StoredEdge[];
  totalCount?: number;
  [key: string]: unknown;
}

/**
 * The arguments a stored root field was read with: its key arguments after a colon when a field
 * policy names them (`alerts:{"filter":…}`), else every argument in parentheses (`alerts({"first":0})`).
 */
export function storedArgs(storeFieldName: string): Record<string, unknown> | null {
  const paren = storeFieldName.indexOf('(');
  const colon = storeFieldName.indexOf(':');
  let json: string;
  if (paren >= 0 && (colon < 0 || paren < colon)) json = storeFieldName.slice(paren + 1, storeFieldName.lastIndexOf(')'));
  else if (colon >= 0) json = storeFieldName.slice(colon + 1);
  else return {};
  try {
    return JSON.parse(json) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/**
 * Places one object the live connection sent in every stored list of `field` of `owner` (the root query by default):
 * at the top of those it now belongs to and that lack it, out of those it no longer belongs to,
 * with their totals adjusted (`belongs` undefined: left as they are). Lists stored without rows (counts only) are left to `adjustCount`.
 * Returns whether it was added to any list.
 */
export function placeInLists(
  cache: ApolloCache,
  field: string,
  object: { __typename: string; id: string },
  belongs: (args: Record<string, unknown> | null) => boolean | undefined,
  adjustCount?: (args: Record<string, unknown> | null) => number,
  owner = 'ROOT_QUERY',
): boolean {
  const ref = cache.identify(object);
  if (!ref) return false;
  let added = false;
  cache.modify<Record<string, StoredConnection>>({
    id: owner,
    fields: {
      [field]: (existing: unknown, { storeFieldName, toReference }: { storeFieldName: string; toReference: (ref: string) => Reference | undefined }) => {
        const stored = existing as StoredConnection | undefined;
        if (!stored || typeof stored !== 'object') return existing;
        const args = storedArgs(storeFieldName);
        if (args?.first === 0 || !stored.edges) {
          const delta = adjustCount?.(args) ?? 0;
          if (!delta || stored.totalCount === undefined) return existing;
          return { ...stored, totalCount: Math.max(0, stored.totalCount + delta) };
        }
        const edges = stored.edges ?? [];
        const listed = edges.some((e) => e.node.__ref === ref);
        const now = belongs(args);
        if (now === undefined) return existing;
        if (now && !listed) {
          added = true;
          const node = toReference(ref)!;
          return {
            ...stored,
            edges: [{ __typename: `${object.__typename}Edge`, cursor: '', node }, ...edges],
            totalCount: stored.totalCount === undefined ? undefined : stored.totalCount + 1,
          };
        }
        if (!now && listed) {
          return {
            ...stored,
            edges: edges.filter((e) => e.node.__ref !== ref),
            totalCount: stored.totalCount === undefined ? undefined : Math.max(0, stored.totalCount - 1),
          };
        }
        return existing;
      },
    } as never,
  });
  return added;
}

/** Calls `reread` once each time the live connection is back after a loss (not when it first connects). */
export function useRereadAfterReconnect(reread: () => unknown): void {
  const up = useLiveStatus() === 'live';
  const wasUp = useRef<boolean | null>(null);
  useEffect(() => {
    if (up && wasUp.current === false) void reread();
    if (up || wasUp.current !== null) wasUp.current = up;
  }, [up, reread]);
}
