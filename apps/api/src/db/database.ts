import { join } from 'node:path';
import { dataDir } from '../config';
import { RunningPostgres, startEmbeddedPostgres } from './embedded';

/** DATABASE_URL when given; otherwise the embedded PostgreSQL with its data under .data/postgres. */
export async function resolveDatabase(databaseUrl: string | undefined): Promise<RunningPostgres & { embedded: boolean }> {
  if (databaseUrl) return { url: databaseUrl, stop: async () => undefined, embedded: false };
  const running = await startEmbeddedPostgres({
    dataDir: join(dataDir, 'postgres'),
    port: Number(process.env.EMBEDDED_PG_PORT ?? 54329),
    database: 'steward',
  });
  return { ...running, embedded: true };
}
