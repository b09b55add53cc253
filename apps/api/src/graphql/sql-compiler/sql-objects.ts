import type { DataSource } from 'typeorm';
import type { StewardContext } from '../../context';
import type { ReadModel } from '../read-model';
import type { SqlParams } from '../read-model';

/**
 * How a field of an object type is read in SQL, over the SQL alias of the object's row:
 * - `value`: a scalar or enum in the database's form; the compiler serializes it as the field's GraphQL type does
 *   (enum values to their names, DateTimeISO to ISO text, Float to float8, …);
 * - `json`: an expression that already is the field's GraphQL JSON value (a module vouches for its form);
 * - `one` / `many`: the object(s) of the field's type, read from `from` (`table inner WHERE …`, over the outer
 *   row), `many` in `orderBy` order;
 * - `embedded`: the object of the field's type read from the same row (e.g. a chart's buckets as columns of its series).
 */
export type SqlField =
  | { kind: 'value'; sql: (alias: string) => string }
  | { kind: 'json'; sql: (alias: string) => string }
  | { kind: 'one'; from: (outer: string, inner: string) => string }
  | { kind: 'many'; from: (outer: string, inner: string) => string; orderBy: (inner: string) => string }
  | { kind: 'embedded' };

export type SqlFields = Record<string, SqlField>;

export const value = (sql: (alias: string) => string): SqlField => ({ kind: 'value', sql });
export const column = (name: string): SqlField => value((a) => `${a}.${name}`);
export const one = (from: (outer: string, inner: string) => string): SqlField => ({ kind: 'one', from });
export const many = (from: (outer: string, inner: string) => string, orderBy: (inner: string) => string): SqlField => ({ kind: 'many', from, orderBy });

/** A Node's global id (base64url of `Type:uuid`, as toGlobalId makes it) from its uuid column. */
export const globalId = (type: string, idColumn = 'id'): SqlField =>
  value((a) => `rtrim(translate(encode(convert_to('${type}:' || ${a}.${idColumn}::text, 'UTF8'), 'base64'), E'+/\\n', '-_'), '=')`);

/** What the compiler asks a root field: the SQL of its JSON value for this request, or null (the executor answers). */
export interface RootStatement {
  /** One row with a column `value` (json): the root field's answer. */
  sql: string;
  /** When the value is null, the executor answers instead (e.g. it refuses an unknown id with NOT_FOUND). */
  nullFallsBack?: boolean;
  /** Other columns of the row `verify` reads, and whether the answer holds (false: the executor answers instead). */
  verify?: { columns: string[]; holds: (row: Record<string, unknown>) => boolean };
}

/** What a root compiler builds with: parameters, and the JSON object of the root's selection. */
export interface RootBuild {
  params: SqlParams;
  ctx: StewardContext;
  /**
   * The JSON object the selection under the root field asks of `type` over the row aliased `alias`; `overrides`
   * give this request's fields of types that are not tables (a chart's series), by type name.
   */
  object(type: string, alias: string, overrides?: Record<string, SqlFields>): string;
}

/** A root Query field the compiler can answer: its SQL for the (coerced) arguments, or null to leave it to the executor. */
export type SqlRoot = (args: Record<string, unknown>, build: RootBuild) => RootStatement | null;

type FieldsOf = (dataSource: DataSource) => SqlFields;

const objects = new Map<string, FieldsOf>();
const roots = new Map<string, SqlRoot>();

/** Declares how the compiler reads `type`'s fields; a field not declared makes any selection of it fall back to the executor. */
export function sqlObject(type: string, fields: FieldsOf): void {
  if (objects.has(type)) throw new Error(`${type} already has SQL fields`);
  let known: SqlFields | undefined;
  objects.set(type, (dataSource) => (known ??= fields(dataSource)));
}

/**
 * A table-backed type from its read model: every field that is a plain read of one column, the global id as `id`,
 * and `extra` fields (field resolvers, getters, relations) by hand.
 */
export function sqlObjectFromReadModel(type: string, model: ReadModel<object>, extra: SqlFields = {}): void {
  sqlObject(type, (dataSource) => {
    const fields: SqlFields = { id: globalId(type) };
    for (const [field, name] of model.columnFields(dataSource)) fields[field] = column(name);
    return { ...fields, ...extra };
  });
}

export function sqlRoot(field: string, root: SqlRoot): void {
  if (roots.has(field)) throw new Error(`Query.${field} already has an SQL root`);
  roots.set(field, root);
}

export function sqlFieldsOf(type: string, dataSource: DataSource): SqlFields | undefined {
  return objects.get(type)?.(dataSource);
}

export function sqlRootOf(field: string): SqlRoot | undefined {
  return roots.get(field);
}
