import 'reflect-metadata';
import { GraphQLSchema } from 'graphql';
import { buildSchema, NonEmptyArray } from 'type-graphql';
import { everyone, PermissionMap, signedIn } from '../auth/rules';
import { authorizeSchema, mergePermissions } from '../auth/authorize';
import { modules } from '../modules';
import type { Class } from '../modules/module';
import { leanFieldResolvers, leanPropertyResolvers, rememberIsoStrings } from './lean-resolvers';
import { nodeResolver } from './node.resolver';

/** Permissions of the shared GraphQL plumbing; each module brings its own. */
const sharedPermissions: PermissionMap = {
  Query: { node: signedIn, nodes: signedIn },
  PageInfo: { '*': everyone },
  UserError: { '*': everyone },
};

export function allPermissions(): PermissionMap {
  return mergePermissions([sharedPermissions, ...modules.map((m) => m.permissions)]);
}

/** The schema as type-graphql builds it, before authorization: what is emitted to packages/schema. */
export async function buildBareSchema(): Promise<GraphQLSchema> {
  const fetchers = Object.assign({}, ...modules.map((m) => m.nodes ?? {}));
  const resolvers = [nodeResolver(fetchers), ...modules.flatMap((m) => m.resolvers)] as NonEmptyArray<Class>;
  const schema = await buildSchema({
    resolvers,
    validate: { forbidUnknownValues: false },
    emitSchemaFile: false,
    // Every subscription brings its own source (modules/events liveStream); type-graphql insists on a PubSub all the same.
    pubSub: noPubSub,
  });
  describeRootTypes(schema);
  return schema;
}

const noPubSub = {
  publish(): void {
    throw new Error('Steward publishes events through the domain_events outbox, not a PubSub');
  },
  subscribe(): AsyncIterable<unknown> {
    throw new Error('Subscriptions name their source with subscribe (modules/events liveStream)');
  },
};

/** type-graphql has no option for the root types' descriptions, so they are set on the built types. */
function describeRootTypes(schema: GraphQLSchema): void {
  const query = schema.getQueryType();
  if (query) query.description = 'Reads. Tenant data is always that of the tenant the caller acts in (see viewer); what a role may not see is refused or null';
  const mutation = schema.getMutationType();
  if (mutation) {
    mutation.description =
      'Changes. Each takes one input object and returns a payload whose userErrors list every problem that stopped it; ' +
      "a refused change writes nothing, and changes to a tenant's data are recorded in its audit trail";
  }
  const subscription = schema.getSubscriptionType();
  if (subscription) {
    subscription.description =
      "Live updates over WebSocket (graphql-ws) at /graphql, authenticated in connection_init like HTTP; each event is read in the subscriber's own transaction and its fields follow the same rules as queries";
  }
}

/** The served schema: a schema of its own with every rule of the permission map compiled into it. */
export async function buildStewardSchema(): Promise<{ schema: GraphQLSchema }> {
  const schema = await buildBareSchema();
  leanPropertyResolvers(schema);
  leanFieldResolvers(schema);
  rememberIsoStrings(schema);
  authorizeSchema(schema, allPermissions());
  return { schema };
}
