import {
  defaultFieldResolver,
  DocumentNode,
  execute,
  ExecutionResult,
  getNamedType,
  getNullableType,
  GraphQLAbstractType,
  GraphQLError,
  GraphQLField,
  GraphQLFieldResolver,
  GraphQLObjectType,
  GraphQLOutputType,
  GraphQLResolveInfo,
  GraphQLSchema,
  isAbstractType,
  isListType,
  isObjectType,
  OperationDefinitionNode,
  visit,
} from 'graphql';
import { getArgumentValues, getVariableValues } from 'graphql/execution/values';
import { compileQuery, CompiledQuery, isCompiledQuery } from 'graphql-jit';
import type { StewardContext } from '../context';
import { RawJsonData, SqlCompiler } from './sql-compiler';

type IsTypeOf = NonNullable<GraphQLObjectType['isTypeOf']>;
/** Checks one value of a field's type; returns the value, a promise of it, or the refusal as an Error value. */
type ValueCheck = (value: unknown, ctx: StewardContext, info: GraphQLResolveInfo) => unknown;

function isPromise(value: unknown): value is Promise<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/** A refusal thrown by a type's check, as the value the executor puts at the object's path (null, with the error). */
function asErrorValue(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * Queries run as compiled code (graphql-jit): each document and operation is compiled once into a
 * function that resolves and completes the whole answer without graphql-js's per-field work (a
 * resolve info, a path, a promise check and a completion call for every field and list item). Mutations (run serially, with input coercion as
 * graphql-js does it), subscriptions and schema introspection stay on graphql-js.
 *
 * Authorization is unchanged in meaning. graphql-js asks an object type's `isTypeOf` (the per-object
 * check compiled by auth/authorize.ts) about every object it completes; graphql-jit calls `isTypeOf`
 * without the request's context and cannot take a refusal there. So the compiled code sees the schema
 * without `isTypeOf`, and every field whose value holds objects of a checked type (directly, in a list,
 * or through an interface or union) resolves through a wrapper that runs the same check on each such
 * object and, on a refusal, hands the executor the error in the object's place: the object is null with
 * the error at its own path, as under graphql-js. Field rules are in the field resolvers already.
 */
export class CompiledExecutor {
  private readonly checkedTypes = new Map<GraphQLObjectType, IsTypeOf>();
  /** The resolvers the compiled code uses, where they differ from the schema's. */
  private readonly compiledResolvers = new Map<GraphQLField<unknown, unknown>, GraphQLFieldResolver<unknown, StewardContext> | undefined>();
  private readonly compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | null>>();
  /** Each running operation's variables as graphql-js coerced them, by its context. */
  private readonly variables = new WeakMap<object, Record<string, unknown>>();
  /** Queries it fully understands are answered by one SQL statement building the answer's JSON (sql-compiler/). */
  readonly sql: SqlCompiler;
  /** Off: every query runs on the executor (the differential test compares both). */
  sqlEnabled = true;

  constructor(private readonly schema: GraphQLSchema) {
    this.sql = new SqlCompiler(schema);
    const types = Object.values(schema.getTypeMap());
    for (const type of types) if (isObjectType(type) && type.isTypeOf) this.checkedTypes.set(type, type.isTypeOf);
    for (const type of types) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        const check = this.checkFor(field.type);
        let resolve = field.resolve as GraphQLFieldResolver<unknown, StewardContext> | undefined;
        if (field.args.length) resolve = withArguments(field, resolve ?? defaultFieldResolver, this.variables);
        if (check) this.compiledResolvers.set(field, checked(resolve ?? defaultFieldResolver, check));
        else if (field.args.length) this.compiledResolvers.set(field, resolve);
        // Property readers stay resolvers: a property may hold a promise (a connection's lazy totalCount), which jit
        // awaits only for what a resolver returns, not for a property it reads inline.
      }
    }
  }

  /** Runs an operation Apollo has parsed and validated. */
  async run(
    document: DocumentNode,
    operation: OperationDefinitionNode,
    context: StewardContext,
    variables: Record<string, unknown> | undefined,
  ): Promise<ExecutionResult> {
    const compiled = operation.operation === 'query' ? this.compiledFor(document, operation) : null;
    if (!compiled) {
      return execute({ schema: this.schema, document, contextValue: context, variableValues: variables, operationName: operation.name?.value });
    }
    // Variables are coerced by graphql-js first, so a bad variable is refused with graphql-js's words.
    const coerced = getVariableValues(this.schema, operation.variableDefinitions ?? [], variables ?? {});
    if (coerced.errors) return { errors: coerced.errors };
    if (this.sqlEnabled) {
      const statement = this.sql.compile(document, operation, context, coerced.coerced);
      const text = statement && (await this.sql.run(context, statement));
      if (text) return { data: new RawJsonData(text, [statement.key]) as unknown as Record<string, unknown> };
    }
    this.variables.set(context, coerced.coerced);
    const result = await compiled.query(undefined, context, variables ?? {});
    if (!('data' in result)) {
      // graphql-jit refused variables graphql-js accepted (its coercion of some input-object defaults and enum
      // values differs): this document runs on graphql-js from now on. Nothing was resolved yet.
      this.compiled.get(document)?.set(operation.name?.value ?? '', null);
      return execute({ schema: this.schema, document, contextValue: context, variableValues: variables, operationName: operation.name?.value });
    }
    return result.errors?.length ? { ...result, errors: result.errors.map(located) } : result;
  }

  private compiledFor(document: DocumentNode, operation: OperationDefinitionNode): CompiledQuery | null {
    let byOperation = this.compiled.get(document);
    if (!byOperation) this.compiled.set(document, (byOperation = new Map()));
    const key = operation.name?.value ?? '';
    let compiled = byOperation.get(key);
    if (compiled === undefined) {
      compiled = readsSchema(document) ? null : this.compile(document, operation.name?.value);
      byOperation.set(key, compiled);
    }
    return compiled;
  }

  /**
   * graphql-jit reads `isTypeOf` and each field's resolver while it compiles; for that synchronous moment
   * the schema shows it the compiled view (no `isTypeOf`, the checking resolvers, no property readers),
   * and is put back before anything else runs.
   */
  private compile(document: DocumentNode, operationName: string | undefined): CompiledQuery | null {
    const resolvers = [...this.compiledResolvers].map(([field]) => [field, field.resolve] as const);
    try {
      for (const type of this.checkedTypes.keys()) type.isTypeOf = undefined;
      for (const [field, resolve] of this.compiledResolvers) field.resolve = resolve as GraphQLFieldResolver<unknown, unknown> | undefined;
      const compiled = compileQuery(this.schema, document, operationName, { disablingCapturingStackErrors: true });
      return isCompiledQuery(compiled) ? compiled : null;
    } finally {
      for (const [type, isTypeOf] of this.checkedTypes) type.isTypeOf = isTypeOf;
      for (const [field, resolve] of resolvers) field.resolve = resolve;
    }
  }

  /** The check a value of `type` needs, or undefined when no object in it has a checked type. */
  private checkFor(type: GraphQLOutputType): ValueCheck | undefined {
    const nullable = getNullableType(type);
    if (isListType(nullable)) {
      const item = this.checkFor(nullable.ofType);
      if (!item) return undefined;
      return (value, ctx, info) => {
        if (value == null || value instanceof Error || typeof value !== 'object' || !(Symbol.iterator in value)) return value;
        return Array.from(value as Iterable<unknown>, (v) => item(v, ctx, info));
      };
    }
    const named = getNamedType(nullable);
    if (isObjectType(named)) {
      const isTypeOf = this.checkedTypes.get(named);
      return isTypeOf ? objectCheck(isTypeOf) : undefined;
    }
    if (isAbstractType(named)) {
      const possible = this.schema.getPossibleTypes(named);
      if (!possible.some((t) => this.checkedTypes.has(t))) return undefined;
      return abstractCheck(this.schema, named, this.checkedTypes);
    }
    return undefined;
  }
}

function objectCheck(isTypeOf: IsTypeOf): ValueCheck {
  return (value, ctx, info) => {
    if (value == null || value instanceof Error) return value;
    if (isPromise(value)) return value.then((v) => objectCheck(isTypeOf)(v, ctx, info));
    try {
      const verdict = isTypeOf(value, ctx, info);
      return isPromise(verdict) ? verdict.then(() => value, asErrorValue) : value;
    } catch (error) {
      return asErrorValue(error);
    }
  };
}

function abstractCheck(schema: GraphQLSchema, type: GraphQLAbstractType, checkedTypes: Map<GraphQLObjectType, IsTypeOf>): ValueCheck {
  const checkAs = (value: unknown, typeName: unknown, ctx: StewardContext, info: GraphQLResolveInfo) => {
    const runtime = typeof typeName === 'string' ? schema.getType(typeName) : undefined;
    const isTypeOf = runtime && isObjectType(runtime) ? checkedTypes.get(runtime) : undefined;
    return isTypeOf ? objectCheck(isTypeOf)(value, ctx, info) : value;
  };
  return (value, ctx, info) => {
    if (value == null || value instanceof Error) return value;
    if (isPromise(value)) return value.then((v) => abstractCheck(schema, type, checkedTypes)(v, ctx, info));
    try {
      const typeName = type.resolveType!(value, ctx, info, type);
      return isPromise(typeName) ? typeName.then((name) => checkAs(value, name, ctx, info), asErrorValue) : checkAs(value, typeName, ctx, info);
    } catch {
      // The executor resolves the type again and reports this failure itself.
      return value;
    }
  };
}

/**
 * A field's arguments as graphql-js coerces them (input-object defaults, enum values, custom scalars),
 * from the operation's variables as graphql-js coerced them: resolvers get exactly what they get under
 * graphql-js, whatever graphql-jit's own coercion would make of them.
 */
function withArguments(
  field: GraphQLField<unknown, unknown>,
  resolve: GraphQLFieldResolver<unknown, StewardContext>,
  variables: WeakMap<object, Record<string, unknown>>,
): GraphQLFieldResolver<unknown, StewardContext> {
  return (parent, _args, ctx, info) => resolve(parent, getArgumentValues(field, info.fieldNodes[0], variables.get(ctx)), ctx, info);
}

function checked(resolve: GraphQLFieldResolver<unknown, StewardContext>, check: ValueCheck): GraphQLFieldResolver<unknown, StewardContext> {
  return (parent, args, ctx, info) => {
    const value = resolve(parent, args, ctx, info);
    return isPromise(value) ? value.then((v) => check(v, ctx, info)) : check(value, ctx, info);
  };
}

/** graphql-jit's errors as graphql-js makes them: a GraphQLError with its path, locations, original error and that error's extensions. */
function located(error: GraphQLError): GraphQLError {
  const original = error.originalError ?? undefined;
  const result = new GraphQLError(error.message, { path: error.path, originalError: original });
  if (error.locations) (result as { locations?: GraphQLError['locations'] }).locations = error.locations;
  return result;
}

/** Whether the document reads the schema (`__schema`, `__type`): introspection runs on graphql-js. */
function readsSchema(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') found = true;
    },
  });
  return found;
}

/**
 * Apollo Server's way to hand execution to another executor (its gateway interface, made for
 * federation): a fixed schema that never changes, and an executor for each validated operation.
 */
export function executorGateway(schema: GraphQLSchema, executor: CompiledExecutor) {
  return {
    async load() {
      return {
        schema,
        executor: (request: {
          document: DocumentNode;
          operation: OperationDefinitionNode;
          context: Record<string, unknown>;
          request: { variables?: Record<string, unknown> };
        }): Promise<ExecutionResult> =>
          executor.run(request.document, request.operation, request.context as unknown as StewardContext, request.request.variables),
      };
    },
    onSchemaLoadOrUpdate(callback: (schemaContext: { apiSchema: GraphQLSchema; coreSupergraphSdl: string }) => void) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => {};
    },
    async stop() {},
  };
}
