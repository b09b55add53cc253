import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import type { StewardContext } from '../context';
import { isDatabaseUnavailable } from '../db/availability';
import { RolledBackBeforeCommit } from '../scope';
import { StewardError } from './errors';
import { ApiKeyLimiter } from './api-key-limits';
import type { RequestMeter } from './request-meter';
import { enforceLimits, readsSchema } from './limits';

function unknownOperation(name: string | undefined): StewardError {
  const error = name
    ? StewardError.badInput('operationName', `The document has no operation named "${name}"`)
    : StewardError.badInput('operationName', 'The document holds several operations: name the one to run in operationName');
  Object.assign(error.extensions, { http: { status: 400 } });
  return error;
}

/**
 * The request's life around execution: refuse over-budget operations before they run, report the
 * cost, and commit the request's scope (ScopeTransaction, which then writes the audit entries of
 * anything that failed or was denied). Rolling back is not done here: the transaction belongs to
 * the HTTP exchange, which ends it on every path, including those that never reach this plugin.
 */
export function requestLifecyclePlugin(
  schema: () => GraphQLSchema,
  options: { maxCost: number; introspectionNeedsSignIn: boolean; apiKeyCostPerMinute: number; apiRateLimits: boolean; meter: RequestMeter },
): ApolloServerPlugin<StewardContext> {
  const apiKeys = new ApiKeyLimiter(options.apiKeyCostPerMinute, options.apiRateLimits);
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
          if (!ctx.operation) throw unknownOperation(ctx.request.operationName);
          cost = enforceLimits(schema(), ctx.document, ctx.operation, ctx.request.variables ?? {}, options.maxCost);
          await apiKeys.admit(caller, ctx.document, ctx.operation.name?.value ?? null, cost);
          await apiKeys.admitSession(caller, (tenantId) => options.meter.sessionRate(tenantId));
          if (caller.tenantId) options.meter.count(caller.tenantId);
        },
        async willSendResponse(ctx) {
          const { contextValue } = ctx;
          const body = ctx.response.body;
          try {
            await contextValue.tx.commit();
          } catch (error) {
            const unavailable = isDatabaseUnavailable(error);
            // A client that went away mid-request is routine (a closed tab, a load generator stopping): no error.
            if (error instanceof RolledBackBeforeCommit) contextValue.log.info('the client went away before its answer; nothing it changed was saved');
            else contextValue.log.error({ err: error }, 'commit failed');
            if (unavailable) ctx.response.http.status = 503;
            if (body.kind === 'single') {
              body.singleResult.data = null;
              // A connection lost during COMMIT leaves its outcome unknown to us; anything else rolled back.
              body.singleResult.errors = [
                unavailable
                  ? {
                      message: 'The database became unavailable while saving; the change may not have been saved',
                      extensions: { code: 'UNAVAILABLE', requestId: contextValue.requestId },
                    }
                  : { message: 'The change could not be saved; nothing was written', extensions: { code: 'INTERNAL', requestId: contextValue.requestId } },
              ] as GraphQLFormattedError[];
            }
          }
          if (ctx.errors?.some((e) => isDatabaseUnavailable(e))) ctx.response.http.status = 503;
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
