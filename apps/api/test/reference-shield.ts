import type { GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { IRules, shield } from 'graphql-shield';
import { refusal } from '../src/auth/authorize';
import { nobody, PermissionMap } from '../src/auth/rules';
import type { StewardContext } from '../src/context';
import { buildBareSchema } from '../src/graphql/schema';

/**
 * Authorization as Steward ran it before it was compiled: graphql-shield's middleware around every
 * field, each field checking its own rule or its type's '*'. Kept only as the differential test's reference.
 */
export async function shieldedSchema(permissions: PermissionMap): Promise<GraphQLSchema> {
  const rules: IRules = {};
  for (const [type, fields] of Object.entries(permissions)) {
    rules[type] = Object.fromEntries(Object.entries(fields).map(([field, p]) => [field, p.rule]));
  }
  return applyMiddleware(
    await buildBareSchema(),
    shield(rules, {
      fallbackRule: nobody.rule,
      fallbackError: (_thrown, _parent, _args, ctx, info) => refusal(ctx as unknown as StewardContext, info),
      allowExternalErrors: true,
      debug: false,
    }),
  );
}
