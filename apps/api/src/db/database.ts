import { join } from 'node:path';
import type { Config } from '../config';
import { RunningPostgres, startEmbeddedPostgres } from './embedded';

/** DATABASE_URL when given; otherwise the embedded PostgreSQL with its data under <data dir>/postgres. */
export async function resolveDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir' | 'embeddedPgPort'>): Promise<RunningPostgres & { embedded: boolean }> {
  if (config.databaseUrl) return { url: config.databaseUrl, stop: async () => undefined, embedded: false };
  const running = await startEmbeddedPostgres({ dataDir: join(config.dataDir, 'postgres'), port: config.embeddedPgPort, database: 'steward' });
  return { ...running, embedded: true };
}
