import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import type { StewardContext } from '../context';
import { recordFailures } from '../modules/audit/audit.service';
import { StewardError } from './errors';
import { enforceLimits, readsSchema } from './limits';

/**
 * The request's life around execution: refuse over-budget operations before they run, report the
 * cost, commit (or roll back) the request's transaction, then write audit entries for anything that
 * failed or was denied in a transaction of their own.
 */
export function requestLifecyclePlugin(schema: () => GraphQLSchema, options: { maxCost: number; introspectionNeedsSignIn: boolean }): ApolloServerPlugin<StewardContext> {
  return {
    async requestDidStart() {
      let cost: number | undefined;
      return {
        async didResolveOperation(ctx) {
          const caller = ctx.contextValue.caller;
          if (options.introspectionNeedsSignIn && readsSchema(ctx.document) && !caller.userId && !caller.apiKeyId) {
            const error = StewardError.unauthenticated('Sign in to explore the schema');
            Object.assign(error.extensions, { http: { status: 401 } });
            throw error;
          }
          cost = enforceLimits(schema(), ctx.document, ctx.operation!, ctx.request.variables ?? {}, options.maxCost);
        },
        async willSendResponse(ctx) {
          const { contextValue } = ctx;
          const body = ctx.response.body;
          try {
            await contextValue.tx.commit();
          } catch (error) {
            contextValue.log.error({ err: error }, 'commit failed');
            if (body.kind === 'single') {
              body.singleResult.data = null;
              body.singleResult.errors = [{ message: 'The change could not be saved; nothing was written', extensions: { code: 'INTERNAL', requestId: contextValue.requestId } }] as GraphQLFormattedError[];
            }
          }
          try {
            await recordFailures(contextValue);
          } catch (error) {
            contextValue.log.error({ err: error }, 'writing failure audit entries failed');
          }
          if (body.kind === 'single') {
            body.singleResult.extensions = {
              ...body.singleResult.extensions,
              requestId: contextValue.requestId,
              ...(cost !== undefined ? { cost: { requested: cost, limit: options.maxCost } } : {}),
              ...(contextValue.req?.headers['x-steward-stats'] ? { sql: { statements: contextValue.tx.statements } } : {}),
            };
          }
        },
      };
    },
  };
}
