import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '../../..');
export const dataDir = process.env.STEWARD_DATA_DIR ?? join(repoRoot, '.data');

export interface Config {
  port: number;
  databaseUrl?: string;
  production: boolean;
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  dbPoolSize: number;
  /** Static cost budget per operation, in points (see graphql/limits.ts). */
  maxOperationCost: number;
  /** How long a client may take to send a request's headers, and its whole request; then 408. */
  httpHeadersTimeoutMs: number;
  httpRequestTimeoutMs: number;
  /** How long an idle kept-alive connection stays open. */
  httpKeepAliveTimeoutMs: number;
  /** Largest request body accepted; larger ones get 413. */
  maxRequestBodyBytes: number;
}

/** A whole number of at least `min` from the environment, or the default; anything else stops the start with its name. */
function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 1): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number of at least ${min}, not "${raw}"`);
  return value;
}

/** A stable secret in .data/ so sessions survive restarts in development; set JWT_SECRET in production. */
function developmentSecret(): string {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  if (production && !env.JWT_SECRET) throw new Error('JWT_SECRET must be set in production');
  return {
    port: Number(env.PORT ?? 4000),
    databaseUrl: env.DATABASE_URL || undefined,
    production,
    jwtSecret: env.JWT_SECRET ?? developmentSecret(),
    accessTokenTtlSeconds: Number(env.ACCESS_TOKEN_TTL_SECONDS ?? 900),
    refreshTokenTtlDays: Number(env.REFRESH_TOKEN_TTL_DAYS ?? 14),
    dbPoolSize: Number(env.DB_POOL_SIZE ?? 10),
    maxOperationCost: Number(env.MAX_OPERATION_COST ?? 20000),
    ...httpLimits(env),
  };
}

function httpLimits(env: NodeJS.ProcessEnv): Pick<Config, 'httpHeadersTimeoutMs' | 'httpRequestTimeoutMs' | 'httpKeepAliveTimeoutMs' | 'maxRequestBodyBytes'> {
  const limits = {
    httpHeadersTimeoutMs: wholeNumber(env, 'HTTP_HEADERS_TIMEOUT_MS', 10_000),
    httpRequestTimeoutMs: wholeNumber(env, 'HTTP_REQUEST_TIMEOUT_MS', 30_000),
    httpKeepAliveTimeoutMs: wholeNumber(env, 'HTTP_KEEP_ALIVE_TIMEOUT_MS', 5_000),
    maxRequestBodyBytes: wholeNumber(env, 'MAX_REQUEST_BODY_BYTES', 1_048_576, 1024),
  };
  if (limits.httpHeadersTimeoutMs > limits.httpRequestTimeoutMs) {
    throw new Error('HTTP_HEADERS_TIMEOUT_MS must not be longer than HTTP_REQUEST_TIMEOUT_MS');
  }
  return limits;
}
