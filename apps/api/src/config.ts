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
  /** Static cost budget per operation, in points (see graphql/cost.ts). */
  maxOperationCost: number;
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
  };
}
