import type { ClassType } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { Selection } from './selection';

const JOINED = Symbol('steward.joined');

type Joined = { [JOINED]?: Record<string, object | null> };

/**
 * The object a read joined in for `field` of `parent`: the object, null when the join found none
 * (absent, or hidden by row-level security, as a loader would answer), undefined when the read did
 * not join it, so the caller falls back to its loader.
 */
export function joinedOf<R>(parent: object, field: string): R | null | undefined {
  return (parent as Joined)[JOINED]?.[field] as R | null | undefined;
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
  joins: { field: string; mapping: Mapping }[];
}

function build(mapping: Mapping, row: Record<string, unknown>): object {
  const target = Object.create(mapping.proto) as Record<string, unknown> & Joined;
  for (const [key, property] of mapping.columns) target[property] = row[key];
  if (mapping.joins.length) {
    const joined: Record<string, object | null> = {};
    for (const { field, mapping: inner } of mapping.joins) joined[field] = row[inner.idKey] == null ? null : build(inner, row);
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
  private idProperty = 'uuid';
  private readonly plans = new Map<string, ReadPlan<T>>();

  readonly table: string;
  private readonly always: string[];
  private readonly needs: Record<string, string[]>;
  private readonly joins: Record<string, { model: () => ReadModel<object>; via: string }>;

  constructor(
    readonly type: ClassType<T>,
    spec: ReadModelSpec<T>,
  ) {
    this.table = spec.table;
    this.always = spec.always;
    this.needs = spec.needs ?? {};
    this.joins = spec.joins ?? {};
  }

  private columns(dataSource: DataSource): Map<string, string> {
    if (!this.columnNames) {
      const metadata = dataSource.getMetadata(this.type);
      const readable = metadata.columns.filter((c) => c.isSelect && !c.relationMetadata);
      const transformed = readable.find((c) => c.transformer);
      if (transformed) throw new Error(`${metadata.name}.${transformed.propertyName} has a transformer, which the read model would skip`);
      this.idProperty = metadata.primaryColumns[0].propertyName;
      this.columnNames = new Map(readable.map((c) => [c.propertyName, c.databaseName]));
    }
    return this.columnNames;
  }

  /** The column a property is stored in, for filters and sort orders written against the model. */
  column(dataSource: DataSource, property: keyof T & string): string {
    const name = this.columns(dataSource).get(property);
    if (!name) throw new Error(`${this.type.name}.${property} is not a readable column`);
    return name;
  }

  private shape(dataSource: DataSource, selection: Selection): Shape {
    const columns = this.columns(dataSource);
    const properties = new Set<string>([this.idProperty, ...this.always]);
    const joins: Shape['joins'] = [];
    let wholeRow = false;
    for (const field of selection.names()) {
      const join = this.joins[field];
      const needed = this.needs[field];
      if (join) {
        properties.add(join.via);
        const model = join.model();
        joins.push({ field, via: join.via, model, shape: model.shape(dataSource, selection.child(field)) });
      } else if (needed) {
        for (const property of needed) properties.add(property);
      } else if (columns.has(field)) {
        properties.add(field);
      } else if (field !== 'id' && field !== '__typename') {
        wholeRow = true;
      }
    }
    const list = wholeRow ? [...columns.keys()] : [...columns.keys()].filter((p) => properties.has(p));
    const signature = `${list.join(',')}${joins.map((j) => `;${j.field}(${j.shape.signature})`).join('')}`;
    return { properties: list, joins, signature };
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
      plan = this.compile(dataSource, alias, shape, present);
      this.plans.set(key, plan);
    }
    return plan;
  }

  private compile(dataSource: DataSource, alias: string, shape: Shape, present: Record<string, string>): ReadPlan<T> {
    const select: string[] = [];
    let joins = '';
    let joinCount = 0;
    const walk = (model: ReadModel<object>, tableAlias: string, part: Shape, presentHere: Record<string, string>): Mapping => {
      const columns = model.columns(dataSource);
      const mapping: Mapping = { proto: model.type.prototype as object, columns: [], idKey: '', joins: [] };
      for (const property of part.properties) {
        const key = `c${select.length}`;
        select.push(`${tableAlias}.${columns.get(property)} AS ${key}`);
        mapping.columns.push([key, property]);
        if (property === model.idProperty) mapping.idKey = key;
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
