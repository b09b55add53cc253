import { ArgsType, ClassType, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { StewardError } from './errors';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;
/** totalCount counts at most this many rows, so asking for it stays cheap on any table. */
export const TOTAL_COUNT_CAP = 10000;

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(OrderDirection, {
  name: 'OrderDirection',
  description: 'Which way an ordering runs',
  valuesConfig: { ASC: { description: 'Smallest, earliest or A first' }, DESC: { description: 'Largest, latest or Z first' } },
});

@ObjectType({ description: 'Where a page sits in the whole list, and the cursors to ask for the pages around it' })
export class PageInfo {
  @Field({ description: 'Whether asking with `after: endCursor` would return more items' }) hasNextPage: boolean;
  @Field({ description: 'Whether asking with `before: startCursor` would return more items' }) hasPreviousPage: boolean;
  @Field(() => String, { nullable: true, description: "The first item's cursor; null on an empty page" }) startCursor: string | null;
  @Field(() => String, { nullable: true, description: "The last item's cursor; null on an empty page" }) endCursor: string | null;
}

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: `Page size from the start (default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE})` })
  first?: number | null;
  @Field(() => String, { nullable: true, description: 'Start after the item with this cursor (an endCursor from an earlier page)' }) after?: string | null;
  @Field(() => Int, { nullable: true, description: `Page size from the end (at most ${MAX_PAGE_SIZE})` })
  last?: number | null;
  @Field(() => String, { nullable: true, description: 'End before the item with this cursor (a startCursor from an earlier page)' }) before?: string | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
  readonly totalCount: Promise<number>;
}

/** The GraphQL connection and edge types for `node`, named `${name}Connection` and `${name}Edge`. */
export function connectionType<T extends object>(node: ClassType<T>, name: string): ClassType<Connection<T>> {
  @ObjectType(`${name}Edge`, { description: `One ${name} in a page of a list, with its place in the list` })
  class Edge {
    @Field({ description: 'Opaque position of this item: pass it as `after` or `before` to page from here' }) cursor: string;
    @Field(() => node, { description: `The ${name} itself` }) node: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items, at most ${MAX_PAGE_SIZE} at a time, with where it sits in the whole list` })
  class ConnectionClass {
    @Field(() => [Edge], { description: 'The items of the page with their cursors' }) edges: Edge[];
    @Field(() => [node], { description: 'The nodes of the edges, for callers that need no cursors' }) nodes: T[];
    @Field(() => PageInfo, { description: 'Whether there are pages before and after this one, and the cursors to reach them' }) pageInfo: PageInfo;
    @Field(() => Int, { description: `Number of items matching the filter, counted up to ${TOTAL_COUNT_CAP}; counted only when asked for` })
    totalCount: Promise<number>;
  }
  return ConnectionClass as unknown as ClassType<Connection<T>>;
}

type SortValue = string | number;

export function encodeCursor(value: SortValue, id: string): string {
  return Buffer.from(JSON.stringify([value, id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, field: string): [SortValue, string] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[1] === 'string' && ['string', 'number'].includes(typeof parsed[0])) {
      return parsed as [SortValue, string];
    }
  } catch {
    // falls through to the error below
  }
  throw StewardError.badInput(field, `${field} is not a cursor from this list`);
}

export function pageSize(args: ConnectionArgs): { size: number; backward: boolean } {
  if (args.first != null && args.last != null) throw StewardError.badInput('last', 'Pass either first or last, not both');
  for (const field of ['first', 'last'] as const) {
    const value = args[field];
    if (value != null && (value < 0 || value > MAX_PAGE_SIZE)) {
      throw StewardError.badInput(field, `${field} must be between 0 and ${MAX_PAGE_SIZE}`);
    }
  }
  if (args.last != null) return { size: args.last, backward: true };
  return { size: args.first ?? DEFAULT_PAGE_SIZE, backward: false };
}

export interface SortSpec<T> {
  /** SQL expression of the sort column, e.g. `m.created_at`. */
  column: string;
  /** SQL expression of the unique tie-breaker, e.g. `m.id`. */
  id: string;
  direction: OrderDirection;
  idOf: (row: T) => string;
  /** Cast applied to the cursor parameter, e.g. `timestamptz`. */
  cast?: string;
}

/**
 * Keyset pagination over a query builder that already holds the list's filters. The page is one
 * indexed statement; totalCount is a second, capped one, run only when the field is selected.
 */
/** Adds the keyset condition of `after`/`before` to `qb`; answers whether the page reads in descending order. */
export function cursorCondition<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, args: ConnectionArgs, sort: SortSpec<T>, backward: boolean): boolean {
  const cursorArg = backward ? args.before : args.after;
  const descending = (sort.direction === OrderDirection.DESC) !== backward;
  if (cursorArg) {
    const [value, id] = decodeCursor(cursorArg, backward ? 'before' : 'after');
    const cast = sort.cast ? `::${sort.cast}` : '';
    qb.andWhere(`(${sort.column}, ${sort.id}) ${descending ? '<' : '>'} (:cursorValue${cast}, :cursorId::uuid)`, { cursorValue: value, cursorId: id });
  }
  return descending;
}

/** Edges for a page's rows; cursor values come from PostgreSQL as text, since a JavaScript Date would drop the microseconds. */
export function edgesOf<T>(page: T[], sort: SortSpec<T>, cursorValues: Map<string, string>): { cursor: string; node: T }[] {
  return page.map((node) => ({ cursor: encodeCursor(cursorValues.get(sort.idOf(node)) ?? '', sort.idOf(node)), node }));
}

/**
 * Keyset pagination over a query builder that already holds the list's filters. The page is one
 * indexed statement; totalCount is a second, capped one, run only when the field is selected.
 */
export async function paginate<T extends ObjectLiteral>(
  manager: EntityManager,
  qb: SelectQueryBuilder<T>,
  args: ConnectionArgs,
  sort: SortSpec<T>,
): Promise<Connection<T>> {
  const { size, backward } = pageSize(args);
  const countQb = qb.clone();
  const order = cursorCondition(qb, args, sort, backward) ? 'DESC' : 'ASC';
  qb.addSelect(`${sort.column}::text`, 'steward_cursor_value').addSelect(`${sort.id}::text`, 'steward_cursor_id');
  qb.orderBy(sort.column, order)
    .addOrderBy(sort.id, order)
    .limit(size + 1);
  const { entities: rows, raw } = size === 0 ? { entities: [], raw: [] } : await qb.getRawAndEntities();
  const cursorValues = new Map<string, string>(raw.map((r: Record<string, string>) => [r.steward_cursor_id, r.steward_cursor_value]));
  const hasMore = rows.length > size;
  const page = rows.slice(0, size);
  if (backward) page.reverse();
  const edges = edgesOf(page, sort, cursorValues);
  let counted: Promise<number> | undefined;
  return {
    edges,
    nodes: page,
    pageInfo: {
      hasNextPage: backward ? Boolean(args.before) : hasMore,
      hasPreviousPage: backward ? hasMore : Boolean(args.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    get totalCount() {
      counted ??= cappedCount(manager, countQb);
      return counted;
    },
  };
}

async function cappedCount<T extends ObjectLiteral>(manager: EntityManager, qb: SelectQueryBuilder<T>): Promise<number> {
  const [sql, params] = qb.select('1').orderBy().limit(TOTAL_COUNT_CAP).getQueryAndParameters();
  const rows: { n: string }[] = await manager.query(`SELECT count(*) AS n FROM (${sql}) AS page`, params);
  return Number(rows[0].n);
}
