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
