import type { FieldPolicy, Reference } from '@apollo/client';

interface NodesConnection {
  nodes?: unknown[];
  [key: string]: unknown;
}

const identity = (node: unknown) => (node && typeof node === 'object' && '__ref' in node ? (node as Reference).__ref : node);

/**
 * relayStylePagination for connections read through `nodes` rather than `edges` (it keeps `nodes` as an extra
 * field and would replace it): a page read with `after` is appended to the stored list, without the rows already
 * in it; a page read without it (the first, a refetch) replaces the list. pageInfo and totals come from the newest page.
 */
export function nodesPagination(keyArgs: string[] | false = false): FieldPolicy<NodesConnection> {
  return {
    keyArgs,
    merge(existing, incoming, { args }) {
      if (!existing?.nodes || !incoming.nodes || !args?.after) return incoming;
      const stored = new Set(existing.nodes.map(identity));
      return { ...incoming, nodes: [...existing.nodes, ...incoming.nodes.filter((node) => !stored.has(identity(node)))] };
    },
  };
}
