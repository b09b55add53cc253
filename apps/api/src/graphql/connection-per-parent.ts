import DataLoader from 'dataloader';
import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { TenantScope } from '../scope';
import { Connection, ConnectionArgs, cursorCondition, edgesOf, pageSize, SortSpec, TOTAL_COUNT_CAP } from './connection';

/** The SQL alias of the parent a per-parent list is read for: its conditions compare with `steward_parent.id`. */
export const PARENT = 'steward_parent.id';

export interface PerParentList<T extends ObjectLiteral> {
  /** Names the list and its filters; lists with the same key and page arguments are read together. */
  key: string;
  /** The list's rows with their filters, for the parent {@link PARENT}, e.g. `e.agent_id = steward_parent.id`. */
  query: () => SelectQueryBuilder<T>;
  sort: SortSpec<T>;
  /** The page's rows by id, in any order. */
  load: (ids: string[]) => Promise<T[]>;
}

/**
 * A connection nested under each row of a list (an agent's activity, a policy's versions) costs the
 * same statements for a page of 50 parents as for one: the pages of every parent asked for in the
 * same tick are one keyset query per parent through a LATERAL join, then their rows by id; totalCount,
 * when selected, is one more statement for all of them.
 */
export function connectionOf<T extends ObjectLiteral>(
  ctx: TenantScope,
  parentId: string,
  args: ConnectionArgs,
  list: PerParentList<T>,
): Promise<Connection<T>> {
  const key = `per-parent:${list.key}:${JSON.stringify([args.first, args.after, args.last, args.before])}`;
  let pages = ctx.loaders.get(key) as DataLoader<string, Connection<T>> | undefined;
  if (!pages) {
    // Not cached: a mutation later in the same request must see its own writes.
    pages = new DataLoader((parents) => pagesOf(ctx.tx.manager, parents, args, list), { cache: false });
    ctx.loaders.set(key, pages);
  }
  return pages.load(parentId);
}

function overParents(sql: string, params: unknown[], select: string): [string, unknown[]] {
  return [`SELECT steward_parent.id::text AS parent_id, ${select} FROM unnest($${params.length + 1}::uuid[]) AS steward_parent(id) ${sql}`, params];
}

async function pagesOf<T extends ObjectLiteral>(
  manager: EntityManager,
  parents: readonly string[],
  args: ConnectionArgs,
  list: PerParentList<T>,
): Promise<Connection<T>[]> {
  const { size, backward } = pageSize(args);
  const { sort } = list;
  const qb = list.query();
  const countQb = qb.clone();
  const descending = cursorCondition(qb, args, sort, backward);
  const order = descending ? 'DESC' : 'ASC';
  qb.select(`${sort.id}::text`, 'row_id')
    .addSelect(`${sort.column}::text`, 'cursor_value')
    .addSelect(`row_number() OVER (ORDER BY ${sort.column} ${order}, ${sort.id} ${order})`, 'rank')
    .orderBy(sort.column, order)
    .addOrderBy(sort.id, order)
    .limit(size + 1);
  const [pageSql, pageParams] = qb.getQueryAndParameters();
  const [sql, params] = overParents(`CROSS JOIN LATERAL (${pageSql}) AS page`, pageParams, 'page.row_id, page.cursor_value, page.rank::int AS rank');
  const rows: { parent_id: string; row_id: string; cursor_value: string; rank: number }[] = size === 0 ? [] : await manager.query(sql, [...params, parents]);
  const loaded = rows.length ? await list.load([...new Set(rows.map((r) => r.row_id))]) : [];
  const byId = new Map(loaded.map((row) => [sort.idOf(row), row]));

  const counts = new DataLoader<string, number>(async (ids) => {
    const [countSql, countParams] = countQb.select('1').orderBy().limit(TOTAL_COUNT_CAP).getQueryAndParameters();
    const [sql2, params2] = overParents('', countParams, `(SELECT count(*) FROM (${countSql}) AS counted)::int AS n`);
    const found: { parent_id: string; n: number }[] = await manager.query(sql2, [...params2, ids]);
    const n = new Map(found.map((r) => [r.parent_id, r.n]));
    return ids.map((id) => n.get(id) ?? 0);
  });

  return parents.map((parent) => {
    const mine = rows.filter((r) => r.parent_id === parent).sort((a, b) => a.rank - b.rank);
    const hasMore = mine.length > size;
    const page = mine.slice(0, size);
    if (backward) page.reverse();
    const nodes = page.map((r) => byId.get(r.row_id)).filter((row): row is T => row !== undefined);
    const cursorValues = new Map(page.map((r) => [r.row_id, r.cursor_value]));
    const edges = edgesOf(nodes, sort, cursorValues);
    return {
      edges,
      nodes,
      pageInfo: {
        hasNextPage: backward ? Boolean(args.before) : hasMore,
        hasPreviousPage: backward ? hasMore : Boolean(args.after),
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
      get totalCount() {
        return counts.load(parent);
      },
    };
  });
}
