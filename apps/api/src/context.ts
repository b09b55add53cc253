import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { AccessTokens } from './auth/tokens';
import { sha256Hex } from './auth/secrets';
import type { Config } from './config';
import { Caller, Credentials, RequestTransaction } from './db/request-transaction';
import { StewardError } from './graphql/errors';
import type { AuditDraft } from './modules/audit/audit.service';

/** What every request shares: built once per process. */
export interface AppServices {
  config: Config;
  dataSource: DataSource;
  tokens: AccessTokens;
  log: Logger;
}

export interface StewardContext {
  app: AppServices;
  requestId: string;
  ip: string | null;
  userAgent: string | null;
  caller: Caller;
  tx: RequestTransaction;
  /** Per-request DataLoaders, keyed by the factory that builds them (see graphql/loader.ts). */
  loaders: Map<unknown, unknown>;
  /** Audit entries for mutations that failed or were denied; written after the request's transaction ends. */
  failedAudits: AuditDraft[];
  /** Answers of the rules that depend only on the caller, worked out at their first use (auth/authorize.ts). */
  permitted?: (boolean | Promise<boolean>)[];
  /** Present for HTTP requests; sessions set and clear the refresh cookie on it. */
  res?: Response;
  req?: Request;
  log: Logger;
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
  requestId?: string;
  ip?: string | null;
  userAgent?: string | null;
  req?: Request;
  res?: Response;
}

/** One fresh context per request: the caller confirmed by the database, and its transaction opened. */
export async function createContext(app: AppServices, input: ContextInput): Promise<StewardContext> {
  const requestId = input.requestId ?? randomUUID();
  const { tx, caller } = await RequestTransaction.open(app.dataSource, input.credentials);
  if (!caller) {
    await tx.rollback();
    throw unauthenticated(input.credentials.kind === 'apiKey' ? 'The API key is unknown, revoked or expired' : 'The session is no longer valid');
  }
  return {
    app,
    requestId,
    ip: input.ip ?? null,
    userAgent: input.userAgent ?? null,
    caller,
    tx,
    loaders: new Map(),
    failedAudits: [],
    req: input.req,
    res: input.res,
    log: app.log.child({ requestId }),
  };
}
