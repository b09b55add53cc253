import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import type { TenantScope } from '../../scope';
import { Connection, ConnectionArgs, decodeCursor, encodeCursor, OrderDirection, pageSize, TOTAL_COUNT_CAP } from '../connection';
import { byKey } from '../loader';
import { ReadModel } from './read-model';
import { Selection } from './selection';

/** Where a filter's values go: `add` keeps a value and answers its placeholder in the SQL. */
export interface ParamSink {
  add(value: unknown): string;
}

/** Positional parameters of one statement (`$1`, `$2`, …). */
export class SqlParams implements ParamSink {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Named parameters for a TypeORM query builder (`:p1`, `:p2`, …), so one filter serves both paths. */
export class NamedParams implements ParamSink {
  readonly values: Record<string, unknown> = {};
  private count = 0;

  add(value: unknown): string {
    const name = `p${++this.count}`;
    this.values[name] = value;
    return `:${name}`;
  }
}

/** A statement of the read path, on the request's connection, in its transaction, as its role (RLS holds). */
export function readRows(ctx: TenantScope, sql: string, params: unknown[]): Promise<Record<string, unknown>[]> {
  return ctx.tx.manager.query(sql, params);
}

/** Which rows of a model a read is about. */
export interface ReadQuery {
  /** The model's table as this alias. */
  alias: string;
  /** FROM clause when the query joins more than the model's table, e.g. to filter on a relation; defaults to `table alias`. */
  from?: string;
  /** Relations `from` already joins, by the GraphQL field they serve, as their alias: read from there instead of joined again. */
  present?: Record<string, string>;
  where: string[];
  params: SqlParams;
}

function fromOf(model: { table: string }, query: ReadQuery): string {
  return query.from ?? `${model.table} ${query.alias}`;
}

function whereOf(conditions: string[]): string {
  return conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';
}

/** The rows `query` finds, each with what `selection` needs, in `orderBy` order: one statement. */
export async function readList<T extends object>(ctx: TenantScope, model: ReadModel<T>, selection: Selection, query: ReadQuery, orderBy = ''): Promise<T[]> {
  const plan = model.plan(ctx.app.dataSource, query.alias, selection, query.present);
  const sql = `SELECT ${plan.select} FROM ${fromOf(model, query)}${plan.joins}${whereOf(query.where)}${orderBy ? ` ORDER BY ${orderBy}` : ''}`;
  return (await readRows(ctx, sql, query.params.values)).map(plan.map);
}

/** One row `query` finds (null when none), with what `selection` needs: one statement. */
export async function readOne<T extends object>(ctx: TenantScope, model: ReadModel<T>, selection: Selection, query: ReadQuery): Promise<T | null> {
  const [row] = await readList(ctx, model, selection, query);
  return row ?? null;
}

/** Prefix of every loader the read path keeps in a scope: {@link forgetReads} drops them all. */
const READ = 'read:';

/**
 * Rows by id, batched per tick like any loader, holding what `selection` needs. One loader per
 * model and selected shape: a partly read object never reaches code that expects a whole entity.
 */
export function readById<T extends object>(ctx: TenantScope, model: ReadModel<T>, selection: Selection): DataLoader<string, T | null> {
  const plan = model.plan(ctx.app.dataSource, 'r', selection);
  const key = `${READ}by-id:${model.table}:${plan.select}${plan.joins}`;
  let found = ctx.loaders.get(key) as DataLoader<string, T | null> | undefined;
  if (!found) {
    const id = model.column(ctx.app.dataSource, 'uuid' as keyof T & string);
    found = new DataLoader<string, T | null>(async (ids) => {
      const rows = await readRows(ctx, `SELECT ${plan.select} FROM ${model.table} r${plan.joins} WHERE r.${id} = ANY($1::uuid[])`, [ids]);
      return byKey(ids, rows.map(plan.map), (row) => (row as { uuid: string }).uuid);
    });
    ctx.loaders.set(key, found);
  }
  return found;
}

/**
 * The loader for a field resolver that returns `model`'s objects by id (an agent's creator, a
 * violation's policy), reading what the query selects under that field: {@link readById} for
 * `Selection.of(info)`, worked out once per field of the query, not once per parent object.
 */
export function readByIdFor<T extends object>(ctx: TenantScope, model: ReadModel<T>, info: GraphQLResolveInfo): DataLoader<string, T | null> {
  let perField = ctx.loaders.get(READ) as WeakMap<object, DataLoader<string, unknown>> | undefined;
  if (!perField) ctx.loaders.set(READ, (perField = new WeakMap()));
  let found = perField.get(info.fieldNodes) as DataLoader<string, T | null> | undefined;
  if (!found) perField.set(info.fieldNodes, (found = readById(ctx, model, Selection.of(info))));
  return found;
}

/**
 * Rows of `model` by a parent's id in column property `by` (an agent's channels, a user's
 * memberships), for every parent asked for in the same tick in one statement, in `orderBy` order
 * (SQL over the model's table as `r`), each with what the field's selection needs.
 */
export function readByParentFor<T extends object>(
  ctx: TenantScope,
  model: ReadModel<T>,
  info: GraphQLResolveInfo,
  by: keyof T & string,
  orderBy: string,
): DataLoader<string, T[]> {
  let perField = ctx.loaders.get(`${READ}parent`) as WeakMap<object, DataLoader<string, unknown>> | undefined;
  if (!perField) ctx.loaders.set(`${READ}parent`, (perField = new WeakMap()));
  let found = perField.get(info.fieldNodes) as DataLoader<string, T[]> | undefined;
  if (!found) {
    const plan = model.plan(ctx.app.dataSource, 'r', Selection.of(info));
    const parent = model.column(ctx.app.dataSource, by);
    const sql = `SELECT ${plan.select}, r.${parent}::text AS parent_key FROM ${model.table} r${plan.joins} WHERE r.${parent} = ANY($1::uuid[]) ORDER BY ${orderBy}`;
    found = new DataLoader<string, T[]>(async (ids) => {
      const groups = new Map<string, T[]>(ids.map((id) => [id, []]));
      for (const row of await readRows(ctx, sql, [ids])) groups.get(row.parent_key as string)?.push(plan.map(row));
      return ids.map((id) => groups.get(id)!);
    });
    perField.set(info.fieldNodes, found);
  }
  return found;
}

/**
 * Forgets every object the read path has loaded in this scope, so what a mutation wrote is read
 * anew (mutate() calls it after each mutation's work). Loaders of the read path keep their keys
 * under the {@link READ} prefix.
 */
export function forgetReads(ctx: TenantScope): void {
  for (const key of ctx.loaders.keys()) if (typeof key === 'string' && key.startsWith(READ)) ctx.loaders.delete(key);
}

/** The key under which a read-path loader of `name` is kept in a scope (see {@link forgetReads}). */
export function readLoaderKey(name: string): string {
  return `${READ}${name}`;
}

/** The rows of the caller's tenant with the given ids, as `alias` (every table has `id` and `tenant_id`): a per-parent list's `load`. */
export function byIds(ctx: TenantScope, alias: string, ids: readonly string[]): ReadQuery {
  const params = new SqlParams();
  return { alias, where: [`${alias}.tenant_id = ${params.add(ctx.caller.tenantId)}`, `${alias}.id = ANY(${params.add(ids)}::uuid[])`], params };
}

/** A list's order: the sort expression, the unique tie-breaker, and how a cursor's value is cast back. */
export interface PageOrder {
  /** SQL expression of the sort column, e.g. `a.created_at`. */
  column: string;
  /** SQL expression of the unique tie-breaker, e.g. `a.id`. */
  id: string;
  direction: OrderDirection;
  /** Cast applied to the cursor's value, e.g. `timestamptz`. */
  cast?: string;
}

/**
 * A keyset page of `query`'s rows, each with what `selection` needs: one statement, whose text does
 * not depend on the page size (it stays prepared). totalCount is a second, capped one, sent only when selected.
 */
export async function readPage<T extends object>(
  ctx: TenantScope,
  model: ReadModel<T>,
  selection: Selection,
  query: ReadQuery,
  args: ConnectionArgs,
  order: PageOrder,
): Promise<Connection<T>> {
  const { size, backward } = pageSize(args);
  const from = fromOf(model, query);
  const filters = [...query.where];
  const countParams = [...query.params.values];
  const cursor = backward ? args.before : args.after;
  const descending = (order.direction === OrderDirection.DESC) !== backward;
  if (cursor) {
    const [value, id] = decodeCursor(cursor, backward ? 'before' : 'after');
    filters.push(
      `(${order.column}, ${order.id}) ${descending ? '<' : '>'} (${query.params.add(value)}${order.cast ? `::${order.cast}` : ''}, ${query.params.add(id)}::uuid)`,
    );
  }
  const plan = model.plan(ctx.app.dataSource, query.alias, selection, query.present);
  const direction = descending ? 'DESC' : 'ASC';
  const limit = query.params.add(size + 1);
  const sql =
    `SELECT ${plan.select}, ${order.column}::text AS cursor_value, ${order.id}::text AS cursor_id FROM ${from}${plan.joins}${whereOf(filters)}` +
    ` ORDER BY ${order.column} ${direction}, ${order.id} ${direction} LIMIT ${limit}`;
  const rows = size === 0 ? [] : await readRows(ctx, sql, query.params.values);
  const hasMore = rows.length > size;
  const page = rows.slice(0, size);
  if (backward) page.reverse();
  const nodes = page.map(plan.map);
  const cursorOf = (row: Record<string, unknown> | undefined) => (row ? encodeCursor(row.cursor_value as string, row.cursor_id as string) : null);
  let edges: { cursor: string; node: T }[] | undefined;
  let counted: Promise<number> | undefined;
  return {
    // Cursors are encoded only when edges are selected: most pages read nodes.
    get edges() {
      return (edges ??= page.map((row, i) => ({ cursor: cursorOf(row)!, node: nodes[i] })));
    },
    nodes,
    pageInfo: {
      hasNextPage: backward ? Boolean(args.before) : hasMore,
      hasPreviousPage: backward ? hasMore : Boolean(args.after),
      get startCursor() {
        return cursorOf(page[0]);
      },
      get endCursor() {
        return cursorOf(page[page.length - 1]);
      },
    },
    get totalCount() {
      counted ??= readRows(
        ctx,
        `SELECT count(*)::int AS n FROM (SELECT 1 FROM ${from}${whereOf(query.where)} LIMIT ${TOTAL_COUNT_CAP}) AS page`,
        countParams,
      ).then((r) => r[0].n as number);
      return counted;
    },
  };
}
