import type { Request, Response } from 'express';
import type { AccessTokens } from './auth/tokens';
import { sha256Hex } from './auth/secrets';
import { isDatabaseUnavailable, UNAVAILABLE_MESSAGE } from './db/availability';
import { codeOf, StewardError } from './graphql/errors';
import { auditFailedAuthentication } from './audit-trail';
import { openScope, type AppServices, type Credentials, type TenantScope } from './scope';

export type { AppServices } from './scope';

/** A GraphQL request: its tenant scope plus what only HTTP has. */
export interface StewardContext extends TenantScope {
  ip: string | null;
  userAgent: string | null;
  /** Answers of the rules that depend only on the caller, worked out at their first use (auth/authorize.ts). */
  permitted?: (boolean | Promise<boolean>)[];
  /** Present for HTTP requests; sessions set and clear the refresh cookie on it. */
  res?: Response;
  req?: Request;
}

export const API_KEY_PREFIX = 'stw_';

/** Reads the caller's claimed identity from headers; throws UNAUTHENTICATED for a bad credential. */
export async function credentialsFrom(headers: Request['headers'], tokens: AccessTokens): Promise<Credentials> {
  const header = (name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const bearer = /^Bearer\s+(\S+)$/i.exec(header('authorization') ?? '')?.[1];
  const apiKey = header('x-api-key') ?? (bearer?.startsWith(API_KEY_PREFIX) ? bearer : undefined);
  if (apiKey) return { kind: 'apiKey', keyHash: sha256Hex(apiKey) };
  if (bearer) {
    const claims = await tokens.verify(bearer);
    if (!claims) throw unauthenticated('The access token is invalid or has expired');
    return { kind: 'user', userId: claims.userId, tenantId: claims.tenantId, sessionFamilyId: claims.sessionId };
  }
  return { kind: 'anonymous' };
}

function unauthenticated(message: string): StewardError {
  const error = StewardError.unauthenticated(message);
  (error.extensions as Record<string, unknown>).http = { status: 401 };
  return error;
}

export interface ContextInput {
  credentials: Credentials;
  /**
   * What the request's transaction belongs to: when it aborts, the transaction ends (ScopeTransaction.open).
   * HTTP requests always have one (createHttpContext); without one, the caller ends the transaction itself.
   */
  owner?: AbortSignal;
  requestId?: string;
  ip?: string | null;
  userAgent?: string | null;
  req?: Request;
  res?: Response;
}

/** One fresh context per request: its scope opened through the one opener, the caller confirmed by the database. */
export async function createContext(app: AppServices, input: ContextInput): Promise<StewardContext> {
  const client = { ip: input.ip ?? null, userAgent: input.userAgent ?? null };
  const scope = await openScope(app, { actor: input.credentials, owner: input.owner, requestId: input.requestId, client });
  if (!scope) throw unauthenticated(input.credentials.kind === 'apiKey' ? 'The API key is unknown, revoked or expired' : 'The session is no longer valid');
  // The HTTP details go onto the scope itself, which keeps its prototype (its logger is made there, on first use).
  return Object.assign(scope, client, { req: input.req, res: input.res });
}

const EXCHANGE = Symbol('steward.exchange');
/** The reason an answered exchange ends with: made once, as nobody reads it after the answer. */
const ANSWERED = new Error('the exchange was answered');

/**
 * A signal that aborts when the HTTP exchange is over, however it ends: answered, refused by the
 * HTTP layer, or abandoned by its client. Taken before the body is read, so it cannot miss the end.
 */
export function exchangeSignal(res: Response): AbortSignal {
  const holder = res as Response & { [EXCHANGE]?: AbortSignal };
  if (!holder[EXCHANGE]) {
    const controller = new AbortController();
    // Once the answer is out, nobody reads the reason: no error (and its stack) is built for every request.
    res.once('close', () => controller.abort(res.writableFinished ? ANSWERED : StewardError.unavailable('The client closed the request before its answer')));
    holder[EXCHANGE] = controller.signal;
  }
  return holder[EXCHANGE];
}

/**
 * The context of a GraphQL request over HTTP. Its transaction belongs to the exchange: whatever
 * becomes of the request, it is rolled back (unless committed) and its connection returned when the
 * response closes; Apollo's plugin only commits. Refuses with 503 UNAVAILABLE, before anything runs,
 * while the server shuts down or when the database cannot serve.
 */
export async function createHttpContext(app: AppServices, req: Request, res: Response, shuttingDown: () => boolean): Promise<StewardContext> {
  const request = { requestId: res.locals.requestId as string, ip: req.ip ?? null, userAgent: req.header('user-agent')?.slice(0, 500) ?? null };
  const refuseWhenShuttingDown = () => {
    if (!shuttingDown()) return;
    const error = StewardError.unavailable('Steward is shutting down; retry shortly');
    (error.extensions.http as { headers: Map<string, string> }).headers.set('connection', 'close');
    throw error;
  };
  refuseWhenShuttingDown();
  const owner = exchangeSignal(res);
  let ctx: StewardContext;
  try {
    ctx = await createContext(app, { ...request, credentials: await credentialsFrom(req.headers, app.tokens), owner, req, res });
  } catch (error) {
    if (codeOf(error) === 'UNAUTHENTICATED') await auditFailedAuthentication(app, req.headers, request);
    if (owner.aborted) throw owner.reason;
    if (isDatabaseUnavailable(error)) {
      app.log.warn({ requestId: request.requestId, err: error }, 'the database could not serve a request');
      throw StewardError.unavailable(UNAVAILABLE_MESSAGE);
    }
    throw error;
  }
  try {
    // The wait for a connection may have outlasted the server's decision to stop.
    refuseWhenShuttingDown();
  } catch (error) {
    await ctx.tx.rollback();
    throw error;
  }
  return ctx;
}
