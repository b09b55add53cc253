import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EncryptionKeys } from './auth/encryption';
import { Keyring, KeyLength, keysFromFile, parseKeys } from './auth/keyring';

export const repoRoot = resolve(__dirname, '../../..');
export const dataDir = process.env.STEWARD_DATA_DIR ?? join(repoRoot, '.data');

export interface Config {
  port: number;
  databaseUrl?: string;
  /** Where the embedded PostgreSQL keeps its data (postgres/) and development keeps its generated keys. */
  dataDir: string;
  embeddedPgPort: number;
  production: boolean;
  /** Keys for values encrypted at rest (STEWARD_ENCRYPTION_KEYS): the first seals, all open. */
  encryptionKeys: EncryptionKeys;
  /**
   * Keys for personal data encrypted at rest (STEWARD_DATA_KEYS: HR records' personal fields), apart from the keys
   * of secrets so that each rotates on its own: the first seals, all open.
   */
  dataKeys: EncryptionKeys;
  /** Keys that sign access tokens (STEWARD_JWT_KEYS): the first signs, all verify. */
  signingKeys: Keyring;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  dbPoolSize: number;
  /** Jobs the graphile-worker runs at once (WORKER_CONCURRENCY, default 4); each holds one of the API's pooled connections, so at most half of DB_POOL_SIZE. */
  workerConcurrency: number;
  /** How long a request waits for a pooled connection before it is answered 503 UNAVAILABLE. */
  dbCheckoutTimeoutMs: number;
  /** PostgreSQL's statement_timeout for the API's connections. */
  dbStatementTimeoutMs: number;
  /** PostgreSQL's idle_in_transaction_session_timeout for the API's connections: ends a transaction left open. */
  dbIdleInTransactionTimeoutMs: number;
  /** Static cost budget per operation, in points (see graphql/limits.ts). */
  maxOperationCost: number;
  /** How long a client may take to send a request's headers, and its whole request; then 408. */
  httpHeadersTimeoutMs: number;
  httpRequestTimeoutMs: number;
  /** How long an idle kept-alive connection stays open. */
  httpKeepAliveTimeoutMs: number;
  /** Largest request body accepted; larger ones get 413. */
  maxRequestBodyBytes: number;
  /** Outgoing webhooks (modules/webhooks). */
  webhooks: WebhookSettings;
  /** Incoming deliveries one workflow's webhook accepts per minute, in bursts of up to as many; more get 429 (WORKFLOW_WEBHOOK_PER_MINUTE). */
  workflowWebhookPerMinute: number;
  /** Live updates over WebSocket (GraphQL subscriptions; modules/events/live). */
  live: LiveSettings;
  /** Operation cost an API key may spend a minute unless the key sets its own (API_KEY_COST_PER_MINUTE). */
  apiKeyCostPerMinute: number;
  /** STEWARD_PERSISTED_ONLY (on by default in production, "0" turns it off): browser sessions may run only the web app's persisted documents. */
  persistedOnly: boolean;
  /** API keys' rate limits (plan requests a minute, cost a minute) apply; API_RATE_LIMITS=off turns them off (the bench measures throughput). */
  apiRateLimits: boolean;
  /** Outgoing mail (modules/mail). */
  mail: MailSettings;
}

export interface MailSettings {
  /**
   * Where mail is sent (SMTP_URL, e.g. smtps://user:pass@smtp.example.com:465). Unset outside production, start runs an
   * SMTP receiver in the process that keeps what it receives in the data directory's mail/ folder; unset in production,
   * mail waits in the outbox and its send fails, to be retried, with the reason logged.
   */
  smtpUrl: string | null;
  /** The sender of every message (MAIL_FROM). */
  from: string;
  /** The web app's address as people reach it, for links in mail (PUBLIC_URL; defaults to http://localhost:PORT). */
  publicUrl: string;
}

export interface LiveSettings {
  /** Subscriptions one connection may hold at once (LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION). */
  maxSubscriptionsPerConnection: number;
  /** Live connections one tenant may hold on one API process (LIVE_MAX_CONNECTIONS_PER_TENANT). */
  maxConnectionsPerTenant: number;
  /** Events a subscription may have waiting before its client is disconnected as too slow (LIVE_MAX_QUEUED_EVENTS). */
  maxQueuedEvents: number;
  /** Unsent bytes on a socket past which its client is disconnected as too slow (LIVE_MAX_BUFFERED_BYTES). */
  maxBufferedBytes: number;
}

export interface WebhookSettings {
  /** Host names (or literal addresses) a webhook may reach although they resolve to loopback or private addresses (WEBHOOK_ALLOWED_HOSTS). */
  allowedHosts: string[];
  /** How long one delivery attempt may take, answer included (WEBHOOK_TIMEOUT_MS). */
  timeoutMs: number;
  /** Failed attempts in a row after which an endpoint is switched off with an alert (WEBHOOK_DISABLE_AFTER_FAILURES). */
  disableAfterFailures: number;
}

/** A whole number of at least `min` from the environment, or the default; anything else stops the start with its name. */
function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 1): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number of at least ${min}, not "${raw}"`);
  return value;
}

type KeyFile = 'encryption-keys' | 'signing-keys' | 'data-keys';

export const ENCRYPTION_KEY_LENGTH: KeyLength = { exactly: 32 };
export const SIGNING_KEY_LENGTH: KeyLength = { atLeast: 32 };

/** Where development keeps its generated keys: made once, mode 0600, so sessions and secrets survive restarts. */
export function developmentKeyFile(env: NodeJS.ProcessEnv, name: KeyFile): string {
  return join(env.STEWARD_DATA_DIR ?? dataDir, name);
}

function keyringFrom(env: NodeJS.ProcessEnv, production: boolean, variable: string, file: KeyFile, length: KeyLength, usage: string): Keyring {
  const value = env[variable];
  if (value) return new Keyring(parseKeys(variable, value, length), variable);
  if (production) {
    throw new Error(
      `${variable} must be set in production: ${usage}, as kid:base64-key entries separated by commas, the current key first ` +
        `(a key: node -e "console.log(require('crypto').randomBytes(32).toString('base64'))")`,
    );
  }
  const path = developmentKeyFile(env, file);
  return new Keyring(keysFromFile(path, length), path);
}

/** The JWT_SECRET that sealed v1 values (development kept it in .data/jwt-secret), to open them until they are rotated. */
function legacySecret(env: NodeJS.ProcessEnv, production: boolean): string | undefined {
  if (env.JWT_SECRET) return env.JWT_SECRET;
  const file = join(env.STEWARD_DATA_DIR ?? dataDir, 'jwt-secret');
  return !production && existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}

/**
 * The worker's concurrency, checked against the pool: every running job (a workflow node, a webhook delivery…) holds one
 * of the API's pooled connections for its transaction, so jobs may take at most half of them and requests keep the rest.
 */
export function workerConcurrency(env: NodeJS.ProcessEnv, dbPoolSize: number): number {
  const concurrency = wholeNumber(env, 'WORKER_CONCURRENCY', Math.max(1, Math.min(4, Math.floor(dbPoolSize / 2))));
  if (concurrency > Math.max(1, Math.floor(dbPoolSize / 2)))
    throw new Error(
      `WORKER_CONCURRENCY (${concurrency}) must be at most half of DB_POOL_SIZE (${dbPoolSize}): each running job holds one of the pooled ` +
        `connections, and requests need the rest; lower WORKER_CONCURRENCY or raise DB_POOL_SIZE`,
    );
  return concurrency;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const dbPoolSize = Number(env.DB_POOL_SIZE ?? 10);
  return {
    port: Number(env.PORT ?? 4000),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.STEWARD_DATA_DIR ?? dataDir,
    embeddedPgPort: Number(env.EMBEDDED_PG_PORT ?? 54329),
    production,
    encryptionKeys: new EncryptionKeys(
      keyringFrom(
        env,
        production,
        'STEWARD_ENCRYPTION_KEYS',
        'encryption-keys',
        ENCRYPTION_KEY_LENGTH,
        'the keys that encrypt secrets at rest (32 bytes each)',
      ),
      legacySecret(env, production),
    ),
    dataKeys: new EncryptionKeys(
      keyringFrom(env, production, 'STEWARD_DATA_KEYS', 'data-keys', ENCRYPTION_KEY_LENGTH, 'the keys that encrypt personal data at rest (32 bytes each)'),
    ),
    signingKeys: keyringFrom(
      env,
      production,
      'STEWARD_JWT_KEYS',
      'signing-keys',
      SIGNING_KEY_LENGTH,
      'the keys that sign access tokens (32 bytes or more each)',
    ),
    accessTokenTtlSeconds: Number(env.ACCESS_TOKEN_TTL_SECONDS ?? 900),
    refreshTokenTtlDays: Number(env.REFRESH_TOKEN_TTL_DAYS ?? 14),
    dbPoolSize,
    workerConcurrency: workerConcurrency(env, dbPoolSize),
    dbCheckoutTimeoutMs: wholeNumber(env, 'DB_CHECKOUT_TIMEOUT_MS', 5000),
    dbStatementTimeoutMs: wholeNumber(env, 'DB_STATEMENT_TIMEOUT_MS', 30000),
    dbIdleInTransactionTimeoutMs: wholeNumber(env, 'DB_IDLE_IN_TRANSACTION_TIMEOUT_MS', 30000),
    maxOperationCost: Number(env.MAX_OPERATION_COST ?? 20000),
    ...httpLimits(env),
    workflowWebhookPerMinute: wholeNumber(env, 'WORKFLOW_WEBHOOK_PER_MINUTE', 60),
    apiKeyCostPerMinute: wholeNumber(env, 'API_KEY_COST_PER_MINUTE', 60_000),
    persistedOnly: env.STEWARD_PERSISTED_ONLY ? env.STEWARD_PERSISTED_ONLY === '1' : production,
    apiRateLimits: env.API_RATE_LIMITS !== 'off',
    mail: {
      smtpUrl: env.SMTP_URL || null,
      from: env.MAIL_FROM || 'Steward <no-reply@steward.test>',
      publicUrl: (env.PUBLIC_URL || `http://localhost:${env.PORT ?? 4000}`).replace(/\/+$/, ''),
    },
    webhooks: {
      allowedHosts: (env.WEBHOOK_ALLOWED_HOSTS ?? '')
        .split(',')
        .map((h) =>
          h
            .trim()
            .toLowerCase()
            .replace(/^\[|\]$/g, ''),
        )
        .filter(Boolean),
      timeoutMs: wholeNumber(env, 'WEBHOOK_TIMEOUT_MS', 10_000),
      disableAfterFailures: wholeNumber(env, 'WEBHOOK_DISABLE_AFTER_FAILURES', 15),
    },
    live: {
      maxSubscriptionsPerConnection: wholeNumber(env, 'LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION', 20),
      maxConnectionsPerTenant: wholeNumber(env, 'LIVE_MAX_CONNECTIONS_PER_TENANT', 2000),
      maxQueuedEvents: wholeNumber(env, 'LIVE_MAX_QUEUED_EVENTS', 500),
      maxBufferedBytes: wholeNumber(env, 'LIVE_MAX_BUFFERED_BYTES', 4_194_304),
    },
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
