import { type ClassType, getMetadataStorage } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { Selection } from './selection';

const JOINED = Symbol('steward.joined');
const COMPUTED = Symbol('steward.computed');

type Joined = { [JOINED]?: Record<string, object | null>; [COMPUTED]?: Record<string, unknown> };

/**
 * Column types, with the cast that makes pg hand over what TypeORM's entities hold: pg parses
 * everything else the same way, but turns a date into a JavaScript Date where TypeORM gives 'YYYY-MM-DD'.
 */
const AS_TYPEORM_READS: Record<string, string> = {
  uuid: '',
  text: '',
  boolean: '',
  int: '',
  integer: '',
  bigint: '',
  numeric: '',
  jsonb: '',
  timestamptz: '',
  date: '::text',
};

/** Column types that come back from a JSON value exactly as pg parses the column itself (no Date, no numeric or bigint string). */
const JSON_EXACT = new Set(['uuid', 'text', 'boolean', 'int', 'integer', 'jsonb']);

/** A model's rows as JSON arrays inside another statement (see {@link ReadModel.jsonPlan}). */
export interface JsonReadPlan<T> {
  /** `json_build_array(…)` of the row as the plan's alias: its selected columns, each joined object a nested array or null. */
  array: string;
  /** LEFT JOINs of the joined relations, to add after the model's table. */
  joins: string;
  /** One such array, parsed, as an instance of the GraphQL object type, its joined objects attached. */
  map(values: unknown[]): T;
}

interface JsonMapping {
  proto: object;
  properties: string[];
  joins: { field: string; mapping: JsonMapping }[];
}

/**
 * The object a read joined in for `field` of `parent`: the object, null when the join found none
 * (absent, or hidden by row-level security, as a loader would answer), undefined when the read did
 * not join it, so the caller falls back to its loader.
 */
export function joinedOf<R>(parent: object, field: string): R | null | undefined {
  return (parent as Joined)[JOINED]?.[field] as R | null | undefined;
}

/**
 * The value of `field` with arguments `key` that a read computed in its statement (see
 * {@link ComputedField}), or undefined when it did not: the resolver then reads it itself.
 */
export function computedOf<V>(parent: object, field: string, key: string): V | undefined {
  return (parent as Joined)[COMPUTED]?.[`${field}(${key})`] as V | undefined;
}

/**
 * A field another module resolves whose value a list can compute in its own statement, per row,
 * instead of a follow-up statement (e.g. an agent's costTotal). `sql` must inline only values it
 * has validated itself (it runs as part of a cached, prepared statement), and answers null for
 * arguments it leaves to the resolver (e.g. invalid ones, which the resolver refuses).
 */
export interface ComputedField {
  /** Identifies arguments that give the same value; the resolver looks the value up by it. */
  key(args: Record<string, unknown>): string;
  /** A scalar SQL expression over the row as `alias`. */
  sql(args: Record<string, unknown>, alias: string): string | null;
}

export interface ReadModelSpec<T> {
  /** The table, and the alias its rows go by in list queries that filter on it. */
  table: string;
  /** Properties read whatever is selected: the id, and every property the type's authorization rules read. */
  always: (keyof T & string)[];
  /** GraphQL fields whose resolvers read properties other than the column of their own name (e.g. `model` reads `modelId`). */
  needs?: Record<string, (keyof T & string)[]>;
  /** GraphQL fields whose object is read in the same statement, by a join on `via` (the property holding its id), when selected. */
  joins?: Record<string, { model: () => ReadModel<object>; via: keyof T & string }>;
}

/** What one query reads of a model: its columns, and the joined relations with what they read. */
interface Shape {
  properties: string[];
  computed: { field: string; key: string; sql: (alias: string) => string }[];
  joins: { field: string; via: string; model: ReadModel<object>; shape: Shape }[];
  signature: string;
}

export interface ReadPlan<T> {
  /** The select list, e.g. `a.id AS c0, a.name AS c1, j1.full_name AS c2`. */
  select: string;
  /** LEFT JOINs of the relations read along, e.g. ` LEFT JOIN users j1 ON j1.id = a.created_by_id`. */
  joins: string;
  /** The row as an instance of the GraphQL object type, holding only the columns read, its joined objects attached. */
  map(row: Record<string, unknown>): T;
}

interface Mapping {
  proto: object;
  columns: [key: string, property: string][];
  /** Set when this object is joined in: the key of its id, null when the join found nothing. */
  idKey: string;
  computed: [key: string, name: string][];
  joins: { field: string; mapping: Mapping }[];
}

function build(mapping: Mapping, row: Record<string, unknown>): object {
  const target = Object.create(mapping.proto) as Record<string, unknown> & Joined;
  for (const [key, property] of mapping.columns) target[property] = row[key];
  if (mapping.computed.length) {
    const computed: Record<string, unknown> = {};
    for (const [key, name] of mapping.computed) computed[name] = row[key];
    target[COMPUTED] = computed;
  }
  if (mapping.joins.length) {
    const joined: Record<string, object | null> = {};
    for (const { field, mapping: inner } of mapping.joins) joined[field] = row[inner.idKey] == null ? null : build(inner, row);
    target[JOINED] = joined;
  }
  return target;
}

function buildFromJson(mapping: JsonMapping, values: unknown[]): object {
  const target = Object.create(mapping.proto) as Record<string, unknown> & Joined;
  const { properties } = mapping;
  for (let i = 0; i < properties.length; i++) target[properties[i]] = values[i];
  if (mapping.joins.length) {
    const joined: Record<string, object | null> = {};
    for (let j = 0; j < mapping.joins.length; j++) {
      const inner = values[properties.length + j] as unknown[] | null;
      joined[mapping.joins[j].field] = inner == null ? null : buildFromJson(mapping.joins[j].mapping, inner);
    }
    target[JOINED] = joined;
  }
  return target;
}

/**
 * How a GraphQL object type is read without TypeORM: which columns a selection needs, and rows
 * mapped straight onto the type's class (its getters, `isTypeOf` and the Node interface's
 * `resolveType` still hold). Columns come from the entity's TypeORM metadata, so they cannot drift;
 * columns TypeORM never selects (`select: false`, e.g. password hashes) are never read. A selected
 * field the model does not know reads the whole row: a new field resolver is safe before it is declared.
 */
export class ReadModel<T extends object> {
  private columnNames?: Map<string, string>;
  private casts = new Map<string, string>();
  private types = new Map<string, string>();
  /** GraphQL fields that are plain reads of one column, by field name: their property. */
  private plainFields?: Map<string, string>;
  private idProperty = 'uuid';
  private readonly plans = new Map<string, ReadPlan<T>>();

  readonly table: string;
  private readonly always: string[];
  private readonly needs: Record<string, string[]>;
  private readonly joins: Record<string, { model: () => ReadModel<object>; via: string }>;
  private readonly computed: Record<string, ComputedField> = {};

  constructor(
    readonly type: ClassType<T>,
    spec: ReadModelSpec<T>,
  ) {
    this.table = spec.table;
    this.always = spec.always;
    this.needs = spec.needs ?? {};
    this.joins = spec.joins ?? {};
  }

  /** Lets the module that resolves `field` compute it in this model's statements (see {@link ComputedField}). */
  compute(field: string, computed: ComputedField): void {
    if (this.computed[field]) throw new Error(`${this.type.name}.${field} is already computed`);
    this.computed[field] = computed;
  }

  private columns(dataSource: DataSource): Map<string, string> {
    if (!this.columnNames) {
      const metadata = dataSource.getMetadata(this.type);
      const readable = metadata.columns.filter((c) => c.isSelect && !c.relationMetadata);
      for (const column of readable) {
        const type = String(column.type);
        if (column.transformer || !(type in AS_TYPEORM_READS))
          throw new Error(
            `${metadata.name}.${column.propertyName} (${type}${column.transformer ? ', transformed' : ''}) is not a column type the read model maps as TypeORM would`,
          );
      }
      this.idProperty = metadata.primaryColumns[0].propertyName;
      this.columnNames = new Map(readable.map((c) => [c.propertyName, c.databaseName]));
      this.casts = new Map(readable.map((c) => [c.propertyName, AS_TYPEORM_READS[String(c.type)]]));
      this.types = new Map(readable.map((c) => [c.propertyName, String(c.type)]));
    }
    return this.columnNames;
  }

  /**
   * The type's fields that read exactly one column: a decorated property (not a getter) backed by
   * a column, with no @FieldResolver of the same name. Anything else needs a `needs` entry, or reads the whole row.
   */
  private plain(dataSource: DataSource): Map<string, string> {
    if (!this.plainFields) {
      const columns = this.columns(dataSource);
      const storage = getMetadataStorage();
      const resolved = new Set(storage.fieldResolvers.filter((r) => r.getObjectType?.() === this.type).map((r) => r.schemaName));
      const proto = this.type.prototype as object;
      this.plainFields = new Map(
        storage.fields
          .filter((f) => f.target === this.type && columns.has(f.name) && !resolved.has(f.schemaName) && !Object.getOwnPropertyDescriptor(proto, f.name)?.get)
          .map((f) => [f.schemaName, f.name]),
      );
    }
    return this.plainFields;
  }

  /** The GraphQL fields that are plain reads of one column, as field name → column name (the SQL compiler's columns). */
  columnFields(dataSource: DataSource): Map<string, string> {
    const columns = this.columns(dataSource);
    return new Map([...this.plain(dataSource)].map(([field, property]) => [field, columns.get(property)!]));
  }

  /** The column a property is stored in, for filters and sort orders written against the model. */
  column(dataSource: DataSource, property: keyof T & string): string {
    const name = this.columns(dataSource).get(property);
    if (!name) throw new Error(`${this.type.name}.${property} is not a readable column`);
    return name;
  }

  private shape(dataSource: DataSource, selection: Selection): Shape {
    const columns = this.columns(dataSource);
    const plain = this.plain(dataSource);
    const properties = new Set<string>([this.idProperty, ...this.always]);
    const joins: Shape['joins'] = [];
    const computed: Shape['computed'] = [];
    let wholeRow = false;
    for (const field of selection.names()) {
      const join = this.joins[field];
      const computing = this.computed[field];
      if (computing) {
        for (const args of selection.argumentsOf(field)) {
          const key = computing.key(args);
          if (computed.some((c) => c.field === field && c.key === key) || computing.sql(args, 'x') === null) continue;
          computed.push({ field, key, sql: (alias) => computing.sql(args, alias)! });
        }
      }
      const needed = this.needs[field];
      if (computing) {
        for (const property of this.needs[field] ?? []) properties.add(property);
      } else if (join) {
        properties.add(join.via);
        const model = join.model();
        joins.push({ field, via: join.via, model, shape: model.shape(dataSource, selection.child(field)) });
      } else if (needed) {
        for (const property of needed) properties.add(property);
      } else if (plain.has(field)) {
        properties.add(plain.get(field)!);
      } else if (field !== 'id' && field !== '__typename') {
        wholeRow = true;
      }
    }
    const list = wholeRow ? [...columns.keys()] : [...columns.keys()].filter((p) => properties.has(p));
    const signature = `${list.join(',')}${joins.map((j) => `;${j.field}(${j.shape.signature})`).join('')}${computed.map((c) => `;${c.field}=${c.sql('a')}`).join('')}`;
    return { properties: list, computed, joins, signature };
  }

  /**
   * The select list, joins and row mapping for `selection`, with this model's table as `alias`.
   * `present` names relations the query already joins itself (e.g. to filter on them), by alias.
   */
  plan(dataSource: DataSource, alias: string, selection: Selection, present: Record<string, string> = {}): ReadPlan<T> {
    const shape = this.shape(dataSource, selection);
    const key = `${alias}|${JSON.stringify(present)}|${shape.signature}`;
    let plan = this.plans.get(key);
    if (!plan) {
      // Computed fields inline the day, so shapes change over time: keep the cache bounded.
      if (this.plans.size >= 500) this.plans.clear();
      plan = this.compile(dataSource, alias, shape, present);
      this.plans.set(key, plan);
    }
    return plan;
  }

  /**
   * The selected columns of a row as one JSON array (a joined object as a nested array, null when the join found
   * none), for rows PostgreSQL gathers into one JSON value (`json_agg`): pg parses the whole list with one
   * JSON.parse instead of a row each. Null when the selection computes anything, or reads a column whose value
   * JSON would not carry as pg parses it (timestamps, numeric, bigint): the caller then reads rows the usual way.
   */
  jsonPlan(dataSource: DataSource, alias: string, selection: Selection): JsonReadPlan<T> | null {
    const shape = this.shape(dataSource, selection);
    let joins = '';
    let joinCount = 0;
    const walk = (model: ReadModel<object>, tableAlias: string, part: Shape): { sql: string; mapping: JsonMapping } | null => {
      const columns = model.columns(dataSource);
      if (part.computed.length || !part.properties.every((p) => JSON_EXACT.has(model.types.get(p)!))) return null;
      const parts = part.properties.map((p) => `${tableAlias}.${columns.get(p)}`);
      const mapping: JsonMapping = { proto: model.type.prototype as object, properties: part.properties, joins: [] };
      for (const join of part.joins) {
        const joinAlias = `${alias}_j${++joinCount}`;
        const idColumn = join.model.column(dataSource, join.model.idProperty as never);
        joins += ` LEFT JOIN ${join.model.table} ${joinAlias} ON ${joinAlias}.${idColumn} = ${tableAlias}.${columns.get(join.via)}`;
        const inner = walk(join.model, joinAlias, join.shape);
        if (!inner) return null;
        parts.push(`CASE WHEN ${joinAlias}.${idColumn} IS NULL THEN NULL ELSE ${inner.sql} END`);
        mapping.joins.push({ field: join.field, mapping: inner.mapping });
      }
      return { sql: `json_build_array(${parts.join(', ')})`, mapping };
    };
    const built = walk(this as unknown as ReadModel<object>, alias, shape);
    if (!built) return null;
    const { mapping } = built;
    return { array: built.sql, joins, map: (values) => buildFromJson(mapping, values) as T };
  }

  private compile(dataSource: DataSource, alias: string, shape: Shape, present: Record<string, string>): ReadPlan<T> {
    const select: string[] = [];
    let joins = '';
    let joinCount = 0;
    const walk = (model: ReadModel<object>, tableAlias: string, part: Shape, presentHere: Record<string, string>): Mapping => {
      const columns = model.columns(dataSource);
      const mapping: Mapping = { proto: model.type.prototype as object, columns: [], idKey: '', computed: [], joins: [] };
      for (const property of part.properties) {
        const key = `c${select.length}`;
        select.push(`${tableAlias}.${columns.get(property)}${model.casts.get(property)} AS ${key}`);
        mapping.columns.push([key, property]);
        if (property === model.idProperty) mapping.idKey = key;
      }
      for (const computed of part.computed) {
        const key = `c${select.length}`;
        select.push(`${computed.sql(tableAlias)} AS ${key}`);
        mapping.computed.push([key, `${computed.field}(${computed.key})`]);
      }
      for (const join of part.joins) {
        let joinAlias = presentHere[join.field];
        if (!joinAlias) {
          joinAlias = `j${++joinCount}`;
          joins += ` LEFT JOIN ${join.model.table} ${joinAlias} ON ${joinAlias}.${join.model.column(dataSource, join.model.idProperty as never)} = ${tableAlias}.${columns.get(join.via)}`;
        }
        mapping.joins.push({ field: join.field, mapping: walk(join.model, joinAlias, join.shape, {}) });
      }
      return mapping;
    };
    const mapping = walk(this as unknown as ReadModel<object>, alias, shape, present);
    return { select: select.join(', '), joins, map: (row) => build(mapping, row) as T };
  }
}
