import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { dataDir } from '../config';
import { createDataSource } from './data-source';
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

export async function openDatabase(url: string, poolSize: number): Promise<DataSource> {
  const dataSource = createDataSource(url, poolSize);
  await dataSource.initialize();
  return dataSource;
}

export async function migrate(dataSource: DataSource): Promise<string[]> {
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  return applied.map((m) => m.name);
}

/** Drops everything Steward created, for db:reset and the tests. */
export async function dropEverything(dataSource: DataSource): Promise<void> {
  await dataSource.query(`DROP SCHEMA IF EXISTS public CASCADE; DROP SCHEMA IF EXISTS steward CASCADE; CREATE SCHEMA public;`);
}
