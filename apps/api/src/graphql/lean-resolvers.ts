import { GraphQLFieldResolver, GraphQLSchema, isInterfaceType, isObjectType, isScalarType } from 'graphql';
import { getMetadataStorage } from 'type-graphql';

/** A decorated class, as type-graphql's metadata names it: only compared by identity here. */
type Class = object;

function propertyReader(property: string): GraphQLFieldResolver<unknown, unknown> {
  return (parent: unknown) => (parent as Record<string, unknown>)[property];
}

/**
 * type-graphql gives every plain `@Field` property a resolver that builds a `resolverData` object and a
 * closure and runs them through its (here empty) middleware chain, for each field of each object:
 * two allocations per leaf of every answer. Where a field has no middleware, no roles and no
 * `@FieldResolver`, that resolver returns `parent[property]` and nothing else, so it is replaced by a
 * plain property read (the same value, nothing allocated). Runs before authorization wraps resolvers.
 * Returns how many fields it replaced.
 */
export function leanPropertyResolvers(schema: GraphQLSchema): number {
  const storage = getMetadataStorage();
  const classes = new Map<
    string,
    { target: Class; fields: { schemaName: string; name: string; target: Class; middlewares?: unknown[]; roles?: unknown[] }[] }
  >();
  for (const meta of [...storage.objectTypes, ...storage.interfaceTypes]) {
    const interfaceFields = (meta as { interfaceClasses?: Class[] }).interfaceClasses
      ? storage.interfaceTypes
          .filter((i) => (meta as { interfaceClasses?: Class[] }).interfaceClasses!.includes(i.target as Class))
          .flatMap((i) => i.fields ?? [])
      : [];
    classes.set(meta.name, { target: meta.target, fields: [...interfaceFields, ...(meta.fields ?? [])] });
  }
  let replaced = 0;
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(isObjectType(type) || isInterfaceType(type)) || type.name.startsWith('__')) continue;
    const meta = classes.get(type.name);
    if (!meta) continue;
    for (const field of Object.values(type.getFields())) {
      if (!field.resolve || !isBasicResolver(field.resolve)) continue;
      // The last declaration wins, as in type-graphql's own reduce over the fields.
      const declared = meta.fields.filter((f) => f.schemaName === field.name).pop();
      if (!declared || declared.middlewares?.length || declared.roles) continue;
      const resolved = storage.fieldResolvers.some((r) => r.getObjectType?.() === declared.target && r.methodName === declared.name);
      if (resolved) continue;
      field.resolve = propertyReader(declared.name);
      replaced++;
    }
  }
  return replaced;
}

type ResolverInstance = Record<string, (...args: unknown[]) => unknown>;

/** A resolver method's parameter as type-graphql's metadata records it. */
interface ParamMeta {
  kind: string;
  index: number;
  propertyName?: string;
  getType?: () => unknown;
}

interface HandlerMeta {
  target: Class;
  methodName: string;
  kind?: string;
  params?: ParamMeta[];
  middlewares?: unknown[];
  roles?: unknown[];
  getObjectType?: () => Class;
}

/** type-graphql's createHandlerResolver: the resolver class from its container, then getParams through applyMiddlewares. */
function isHandlerResolver(resolve: (...args: never[]) => unknown): boolean {
  const source = resolve.toString();
  return source.includes('container.getInstance') && source.includes('getParams') && source.includes('resolverMetadata.methodName');
}

/**
 * A `@FieldResolver` whose parameters are only `@Root()`, `@Ctx()` and `@Info()` (no arguments to convert or
 * validate), with no middleware and no roles, called directly: type-graphql's handler allocates a
 * `resolverData`, sorts and maps the parameter list and runs an empty middleware chain on every call
 * (400 calls on the framework page). The root goes through type-graphql's conversion only when it is
 * not already an instance of the declared type, by calling type-graphql's own resolver for that call.
 */
function directResolver(meta: HandlerMeta, original: GraphQLFieldResolver<unknown, unknown>): GraphQLFieldResolver<unknown, unknown> | undefined {
  const params = [...(meta.params ?? [])].sort((a, b) => a.index - b.index);
  if (params.some((p, i) => p.index !== i || p.propertyName || !['root', 'context', 'info'].includes(p.kind))) return undefined;
  const rootParam = params.find((p) => p.kind === 'root');
  let instance: ResolverInstance | undefined;
  let rootType: unknown;
  const kinds = params.map((p) => p.kind).join(',');
  return (root, args, ctx, info) => {
    if (rootParam?.getType) {
      rootType ??= rootParam.getType();
      // type-graphql converts a root that is not an instance of the declared class (a plain object): its resolver does that call.
      if (root != null && typeof rootType === 'function' && !(root instanceof (rootType as new () => unknown))) return original(root, args, ctx, info);
    }
    if (!instance) {
      // The first call goes through type-graphql, which takes the resolver class from its container; the instance
      // the method ran on is kept (seen synchronously, as the handler calls it when nothing in between is async).
      const proto = (meta.target as { prototype: Record<string, (...a: unknown[]) => unknown> }).prototype;
      const method = proto[meta.methodName];
      let seen: ResolverInstance | undefined;
      const see = (target: ResolverInstance) => {
        seen = target;
      };
      proto[meta.methodName] = function (this: ResolverInstance, ...a: unknown[]) {
        see(this);
        return method.apply(this, a);
      };
      try {
        return original(root, args, ctx, info);
      } finally {
        proto[meta.methodName] = method;
        instance = seen;
      }
    }
    const method = instance[meta.methodName];
    switch (kinds) {
      case 'root':
        return method.call(instance, root);
      case 'root,context':
        return method.call(instance, root, ctx);
      case 'root,context,info':
        return method.call(instance, root, ctx, info);
      default:
        return method.apply(
          instance,
          params.map((p) => (p.kind === 'root' ? root : p.kind === 'context' ? ctx : info)),
        );
    }
  };
}

/**
 * Replaces type-graphql's handler of each `@FieldResolver` taking only root, context and info (see
 * {@link directResolver}) with a direct call of the method. Runs before authorization wraps resolvers.
 * Returns how many fields it replaced.
 */
export function leanFieldResolvers(schema: GraphQLSchema): number {
  const storage = getMetadataStorage();
  const handlers = storage.fieldResolvers as unknown as HandlerMeta[];
  const objectTypes = new Map(storage.objectTypes.map((meta) => [meta.name, meta]));
  let replaced = 0;
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const meta = objectTypes.get(type.name);
    if (!meta) continue;
    for (const field of Object.values(type.getFields())) {
      if (!field.resolve || !isHandlerResolver(field.resolve)) continue;
      const declared = (meta.fields ?? []).filter((f) => f.schemaName === field.name).pop();
      if (!declared) continue;
      // The handler type-graphql built this field's resolver from: the one field resolver of that class and method.
      const candidates = handlers.filter((h) => h.kind === 'external' && h.getObjectType?.() === declared.target && h.methodName === declared.name);
      if (candidates.length !== 1) continue;
      const [handler] = candidates;
      if (handler.middlewares?.length || handler.roles) continue;
      const direct = directResolver(handler, field.resolve);
      if (!direct) continue;
      field.resolve = direct;
      replaced++;
    }
  }
  return replaced;
}

/** type-graphql's createBasicFieldResolver: `root[fieldMetadata.name]` through applyMiddlewares. */
function isBasicResolver(resolve: (...args: never[]) => unknown): boolean {
  const source = resolve.toString();
  return source.includes('applyMiddlewares') && source.includes('root[fieldMetadata.name]');
}

/** ISO strings of recently answered instants: charts answer the same bucket starts for every agent. */
const isoStrings = new Map<number, string>();
const ISO_STRINGS_KEPT = 20_000;
const remembering = new WeakSet<object>();

/**
 * `DateTimeISO` answers a `Date` as `toISOString()`, once for each date of each answer (a 30-day hourly
 * chart of 20 agents: 14,400 dates of 720 distinct instants). The same text is now kept per instant
 * (a bounded map, emptied when full), so each instant is formatted once. Invalid dates, strings and
 * numbers go through the scalar's own serialize, which refuses or converts them as before.
 */
export function rememberIsoStrings(schema: GraphQLSchema): void {
  const scalar = schema.getType('DateTimeISO');
  // graphql-scalars' scalar is one object shared by every schema built: wrapped once.
  if (!scalar || !isScalarType(scalar) || remembering.has(scalar)) return;
  remembering.add(scalar);
  const serialize = scalar.serialize.bind(scalar);
  scalar.serialize = (value: unknown) => {
    if (value instanceof Date) {
      const time = value.getTime();
      if (time === time) {
        let text = isoStrings.get(time);
        if (text === undefined) {
          text = value.toISOString();
          if (isoStrings.size >= ISO_STRINGS_KEPT) isoStrings.clear();
          isoStrings.set(time, text);
        }
        return text;
      }
    }
    return serialize(value);
  };
}
