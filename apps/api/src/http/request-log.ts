import type { ApolloServerPlugin } from '@apollo/server';
import type { Request, RequestHandler } from 'express';
import { API_KEY_PREFIX, type AppServices, type StewardContext } from '../context';
import type { Caller } from '../scope';

export type CallerKind = 'user' | 'apiKey' | 'anonymous';

function kindOf(caller: Caller): CallerKind {
  if (caller.apiKeyId) return 'apiKey';
  if (caller.userId) return 'user';
  return 'anonymous';
}

/** Who the caller claims to be, for requests refused before their credential was confirmed. */
function claimedKind(req: Request): CallerKind {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '')?.[1];
  if (req.header('x-api-key') || bearer?.startsWith(API_KEY_PREFIX)) return 'apiKey';
  return bearer ? 'user' : 'anonymous';
}

/** Tells the request's log line which operation ran and for whom. */
export const requestLogPlugin: ApolloServerPlugin<StewardContext> = {
  async requestDidStart({ contextValue }) {
    const locals = contextValue.res?.locals;
    if (locals) locals.caller = kindOf(contextValue.caller);
    return {
      async willSendResponse(ctx) {
        if (locals) locals.operation = ctx.operationName ?? ctx.request.operationName ?? null;
      },
    };
  },
};

/**
 * One line per request when its answer is sent, with no body, query text or credential in it.
 * GraphQL requests at info; static files, the favicon and probes at debug; failures of ours at error.
 */
export function requestLog(services: AppServices): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const path = req.originalUrl.split('?')[0];
      const graphql = path === '/graphql' && (req.method === 'POST' || res.locals.operation !== undefined);
      const level = res.statusCode >= 500 ? 'error' : graphql ? 'info' : 'debug';
      if (!services.log.isLevelEnabled(level)) return;
      const line: Record<string, unknown> = {
        requestId: res.locals.requestId,
        method: req.method,
        path,
        status: res.statusCode,
        ms: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
      };
      if (graphql) Object.assign(line, { operation: res.locals.operation ?? null, caller: res.locals.caller ?? claimedKind(req) });
      if (res.locals.problem) line.problem = res.locals.problem;
      services.log[level](line, graphql ? 'graphql' : 'request');
    });
    next();
  };
}
