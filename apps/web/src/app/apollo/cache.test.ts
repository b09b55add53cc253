import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gql } from '@apollo/client';
import { buildSchema, type DocumentNode, getNamedType, TypeInfo, visit, visitWithTypeInfo } from 'graphql';
import * as operations from '../../gql/graphql';
import { createCache, typePolicies } from './cache';

const schema = buildSchema(readFileSync(resolve(__dirname, '../../../../../packages/schema/schema.graphql'), 'utf8'));
const PAGING = new Set(['first', 'after', 'last', 'before']);

/** Every `Type.field` the app's operations read with `after`: the lists a "load more" pages through. */
function pagedFields(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const documents = Object.values(operations).filter((value): value is DocumentNode => (value as DocumentNode)?.kind === 'Document');
  for (const document of documents) {
    const info = new TypeInfo(schema);
    visit(
      document,
      visitWithTypeInfo(info, {
        Field(node) {
          if (!node.arguments?.some((a) => a.name.value === 'after')) return;
          const parent = getNamedType(info.getParentType())?.name ?? '?';
          const args = info.getFieldDef()?.args.map((a) => a.name) ?? [];
          found.set(
            `${parent}.${node.name.value}`,
            args.filter((a) => !PAGING.has(a)),
          );
        },
      }),
    );
  }
  return found;
}

describe('every list the app pages through has a cache pagination rule', () => {
  const paged = pagedFields();

  it('finds the paged lists in the operations', () => {
    expect([...paged.keys()]).toEqual(
      expect.arrayContaining(['Query.alerts', 'Query.approvalInbox', 'Query.approvalRequests', 'Agent.tasks', 'Policy.versions']),
    );
  });

  it.each([...paged.keys()])('%s merges its pages, keyed by every argument that is not paging', (path) => {
    const [type, field] = path.split('.');
    const policy = typePolicies[type]?.fields?.[field];
    expect({ path, merges: typeof policy === 'object' && typeof policy.merge === 'function' }).toEqual({ path, merges: true });
    const keyArgs = typeof policy === 'object' ? policy.keyArgs : undefined;
    const keyed = Array.isArray(keyArgs) ? keyArgs : [];
    expect({ path, unkeyed: paged.get(path)!.filter((arg) => !keyed.includes(arg)) }).toEqual({ path, unkeyed: [] });
  });
});

type Shape = 'edges' | 'nodes';

/** The connections that had no rule before this file's first run: how each is read, and the argument that makes another list. */
const LISTS: [field: string, shape: Shape, keyArg: string | null][] = [
  ['alerts', 'edges', 'filter'],
  ['approvalInbox', 'edges', null],
  ['approvalRequests', 'edges', 'filter'],
  ['budgets', 'edges', 'filter'],
  ['workflows', 'edges', 'filter'],
  ['workflowExecutions', 'edges', 'filter'],
  ['tenants', 'edges', null],
  ['architectures', 'nodes', 'filter'],
  ['complianceControls', 'nodes', 'filter'],
  ['complianceEvidenceItems', 'nodes', 'filter'],
  ['complianceRecords', 'nodes', 'filter'],
  ['recentlyDeleted', 'nodes', 'kinds'],
];

function listQuery(field: string, shape: Shape, keyArg: string | null) {
  const rows = shape === 'edges' ? 'edges { cursor node { id name } }' : 'nodes { id name }';
  const key = keyArg ? `, ${keyArg}: $key` : '';
  return gql(`query List($first: Int!, $after: String, $key: Any) {
    list: ${field}(first: $first, after: $after${key}) { totalCount ${rows} pageInfo { hasNextPage endCursor } }
  }`);
}

function page(field: string, shape: Shape, ids: number[], { hasNextPage, totalCount }: { hasNextPage: boolean; totalCount: number }) {
  const nodes = ids.map((n) => ({ __typename: 'Thing', id: `T${n}`, name: `Thing ${n}` }));
  const rows = shape === 'edges' ? { edges: nodes.map((node) => ({ __typename: 'ThingEdge', cursor: `c${node.id}`, node })) } : { nodes };
  return {
    list: { __typename: `${field}Connection`, totalCount, ...rows, pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor: `c${nodes.at(-1)?.id ?? ''}` } },
  };
}

function idsOf(data: unknown, shape: Shape): string[] {
  const list = (data as { list: { edges?: { node: { id: string } }[]; nodes?: { id: string }[] } }).list;
  return shape === 'edges' ? list.edges!.map((e) => e.node.id) : list.nodes!.map((n) => n.id);
}

describe.each(LISTS)('%s', (field, shape, keyArg) => {
  const query = listQuery(field, shape, keyArg);
  const mine = keyArg ? { key: { statuses: ['OPEN'] } } : {};

  it('appends the page read with `after` to the list, and a refetch of the first page starts it again', () => {
    const cache = createCache();
    cache.writeQuery({ query, variables: { first: 2, ...mine }, data: page(field, shape, [1, 2], { hasNextPage: true, totalCount: 3 }) });
    cache.writeQuery({ query, variables: { first: 2, after: 'cT2', ...mine }, data: page(field, shape, [3], { hasNextPage: false, totalCount: 3 }) });
    const read = cache.readQuery({ query, variables: { first: 2, ...mine } });
    expect(idsOf(read, shape)).toEqual(['T1', 'T2', 'T3']);
    expect((read as { list: { pageInfo: { hasNextPage: boolean; endCursor: string } } }).list.pageInfo).toMatchObject({ hasNextPage: false, endCursor: 'cT3' });

    cache.writeQuery({ query, variables: { first: 2, ...mine }, data: page(field, shape, [4, 1], { hasNextPage: true, totalCount: 4 }) });
    expect(idsOf(cache.readQuery({ query, variables: { first: 2, ...mine } }), shape)).toEqual(['T4', 'T1']);
  });

  it('keeps another page size (a count, a short preview) and another filter apart', () => {
    const cache = createCache();
    cache.writeQuery({ query, variables: { first: 2, ...mine }, data: page(field, shape, [1, 2], { hasNextPage: true, totalCount: 3 }) });
    cache.writeQuery({ query, variables: { first: 0, ...mine }, data: page(field, shape, [], { hasNextPage: true, totalCount: 3 }) });
    if (keyArg)
      cache.writeQuery({
        query,
        variables: { first: 2, key: { statuses: ['RESOLVED'] } },
        data: page(field, shape, [9], { hasNextPage: false, totalCount: 1 }),
      });
    expect(idsOf(cache.readQuery({ query, variables: { first: 2, ...mine } }), shape)).toEqual(['T1', 'T2']);
    if (keyArg) expect(idsOf(cache.readQuery({ query, variables: { first: 2, key: { statuses: ['RESOLVED'] } } }), shape)).toEqual(['T9']);
  });
});
