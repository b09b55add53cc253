import {
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  GraphQLObjectType,
  GraphQLOutputType,
  GraphQLSchema,
  isEnumType,
  isListType,
  isObjectType,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
} from 'graphql';
import { getArgumentValues } from 'graphql/execution/values';
import { fieldReadable, objectReadable } from '../../auth/authorize';
import type { StewardContext } from '../../context';
import { SqlParams } from '../read-model';
import { RootStatement, SqlFields, sqlFieldsOf, sqlRootOf } from './sql-objects';

/** The compiler does not take this operation; `lasting` when no caller or argument would change that (the document's shape). */
class Decline {
  constructor(readonly lasting: boolean) {}
}

/** json_build_object takes at most 100 arguments. */
const MOST_KEYS = 50;

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** The SQL of a scalar or enum value as its GraphQL type serializes it, or null for types the compiler does not know. */
function serialized(type: GraphQLOutputType, sql: string): string | null {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return null;
  if (isEnumType(nullable)) {
    const values = nullable.getValues();
    if (!values.every((v) => typeof v.value === 'string')) return null;
    return `CASE ${sql} ${values.map((v) => `WHEN ${quote(v.value as string)} THEN ${quote(v.name)}`).join(' ')} END`;
  }
  switch (getNamedType(nullable).name) {
    case 'String':
    case 'ID':
      return `(${sql})::text`;
    case 'Boolean':
      return `(${sql})::boolean`;
    case 'Int':
      return `(${sql})::int`;
    case 'Float':
      return `(${sql})::float8`;
    case 'LocalDate':
      return `(${sql})::date::text`;
    case 'DateTimeISO':
      return `to_char((${sql}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    default:
      return null;
  }
}

/** Fields selected on an object of `type`, by response key in selection order, merged as graphql-js merges them. */
function collect(
  type: GraphQLObjectType,
  set: SelectionSetNode | undefined,
  fragments: Record<string, FragmentDefinitionNode>,
  into: Map<string, FieldNode[]>,
): void {
  for (const selection of set?.selections ?? []) {
    if (selection.directives?.length) throw new Decline(true);
    if (selection.kind === Kind.FIELD) {
      const key = selection.alias?.value ?? selection.name.value;
      const list = into.get(key);
      if (list) list.push(selection);
      else into.set(key, [selection]);
    } else {
      // Fragments on the object's own type only: on an interface or union the executor answers.
      const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments[selection.name.value];
      if (!fragment || (fragment.typeCondition && fragment.typeCondition.name.value !== type.name)) throw new Decline(true);
      collect(type, fragment.selectionSet, fragments, into);
    }
  }
}

/**
 * Answers a query whose selection it fully understands with ONE SQL statement that builds the answer's JSON in
 * PostgreSQL, run in the request's transaction (row-level security holds), its text passed through to the
 * response as it is (see raw-json.ts). It takes an operation only when every field on the way is declared in
 * SQL (sql-objects.ts) and the caller may read every object and field it selects by rules that depend on the
 * caller alone (auth/authorize.ts): where a rule would refuse, or depends on the object, the executor answers,
 * with its errors. Anything else (several root fields, mutations, fragments on interfaces, directives,
 * arguments below the root, unknown fields or scalars) also goes to the executor.
 */
export class SqlCompiler {
  /** Operations that can never compile, whoever asks. */
  private readonly never = new WeakMap<OperationDefinitionNode, true>();
  /** Answers given by SQL since start (tests read it). */
  answered = 0;

  constructor(private readonly schema: GraphQLSchema) {}

  /** The statement answering `operation` for this caller, or null when the executor should. */
  compile(
    document: DocumentNode,
    operation: OperationDefinitionNode,
    ctx: StewardContext,
    variables: Record<string, unknown>,
  ): { sql: string; params: unknown[]; statement: RootStatement; key: string } | null {
    if (operation.operation !== 'query' || this.never.has(operation)) return null;
    try {
      return this.build(document, operation, ctx, variables);
    } catch (error) {
      if (!(error instanceof Decline)) throw error;
      if (error.lasting) this.never.set(operation, true);
      return null;
    }
  }

  private build(document: DocumentNode, operation: OperationDefinitionNode, ctx: StewardContext, variables: Record<string, unknown>) {
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
    const query = this.schema.getQueryType()!;
    const top = new Map<string, FieldNode[]>();
    collect(query, operation.selectionSet, fragments, top);
    if (top.size !== 1) throw new Decline(true);
    const [[key, nodes]] = [...top];
    const name = nodes[0].name.value;
    const root = sqlRootOf(name);
    const definition = query.getFields()[name];
    if (!root || !definition || nodes.some((n) => n.name.value !== name)) throw new Decline(true);
    if (fieldReadable(this.schema, ctx, query.name, name) !== true) throw new Decline(false);
    let args: Record<string, unknown>;
    try {
      args = getArgumentValues(definition, nodes[0], variables);
    } catch {
      throw new Decline(false);
    }
    const params = new SqlParams();
    const dataSource = ctx.app.dataSource;
    let aliases = 0;
    const objectSql = (type: GraphQLObjectType, on: FieldNode[], alias: string, overrides: Record<string, SqlFields>): string => {
      if (objectReadable(this.schema, ctx, type.name) !== true) throw new Decline(false);
      const fields = overrides[type.name] ?? sqlFieldsOf(type.name, dataSource);
      if (!fields) throw new Decline(true);
      const selected = new Map<string, FieldNode[]>();
      for (const node of on) collect(type, node.selectionSet, fragments, selected);
      if (selected.size > MOST_KEYS) throw new Decline(true);
      const parts: string[] = [];
      for (const [responseKey, fieldNodes] of selected) {
        const fieldName = fieldNodes[0].name.value;
        parts.push(quote(responseKey));
        if (fieldName === '__typename') {
          parts.push(quote(type.name));
          continue;
        }
        const field = type.getFields()[fieldName];
        const spec = fields[fieldName];
        if (!field || !spec || fieldNodes.some((n) => n.arguments?.length)) throw new Decline(true);
        if (fieldReadable(this.schema, ctx, type.name, fieldName) !== true) throw new Decline(false);
        const nullable = getNullableType(field.type);
        const target = getNamedType(field.type);
        if (spec.kind === 'value') {
          const sql = serialized(field.type, spec.sql(alias));
          if (!sql || fieldNodes.some((n) => n.selectionSet)) throw new Decline(true);
          parts.push(sql);
        } else if (spec.kind === 'json') {
          parts.push(spec.sql(alias));
        } else if (!isObjectType(target)) {
          throw new Decline(true);
        } else if (spec.kind === 'embedded' && !isListType(nullable)) {
          parts.push(objectSql(target, fieldNodes, alias, overrides));
        } else if (spec.kind === 'one' && !isListType(nullable)) {
          const inner = `s${++aliases}`;
          parts.push(`(SELECT ${objectSql(target, fieldNodes, inner, overrides)} FROM ${spec.from(alias, inner)})`);
        } else if (spec.kind === 'many' && isListType(nullable) && isObjectType(getNullableType(nullable.ofType))) {
          const inner = `s${++aliases}`;
          parts.push(
            `(SELECT coalesce(json_agg(${objectSql(target, fieldNodes, inner, overrides)} ORDER BY ${spec.orderBy(inner)}), '[]') FROM ${spec.from(alias, inner)})`,
          );
        } else {
          throw new Decline(true);
        }
      }
      return `json_build_object(${parts.join(', ')})`;
    };
    const statement = root(args, {
      params,
      ctx,
      object: (typeName, alias, overrides = {}) => {
        const type = this.schema.getType(typeName);
        if (!isObjectType(type) || getNamedType(definition.type) !== type) throw new Decline(true);
        return objectSql(type, nodes, alias, overrides);
      },
    });
    if (!statement) throw new Decline(false);
    const extra = statement.verify?.columns.map((c) => `, q.${c}`).join('') ?? '';
    // OFFSET 0 keeps the root's statement a subquery of its own: pulled up, its value (read twice here) would be built twice.
    const sql = `SELECT json_build_object(${quote(key)}, q.value)::text AS steward_data, q.value IS NULL AS steward_null${extra} FROM (${statement.sql} OFFSET 0) q`;
    return { sql, params: params.values, statement, key };
  }

  /** Runs a compiled statement: the answer's JSON text, or null when the root asks the executor to answer after all. */
  async run(ctx: StewardContext, compiled: { sql: string; params: unknown[]; statement: RootStatement }): Promise<string | null> {
    const [row] = (await ctx.tx.manager.query(compiled.sql, compiled.params)) as Record<string, unknown>[];
    if (!row) return null;
    if (row.steward_null && compiled.statement.nullFallsBack) return null;
    if (compiled.statement.verify && !compiled.statement.verify.holds(row)) return null;
    this.answered++;
    return row.steward_data as string;
  }
}
