import 'reflect-metadata';
import { Logger, runMigrations } from 'graphile-worker';
import { DataSource } from 'typeorm';
import { SnakeNamingStrategy } from 'typeorm-naming-strategies';
import { migrations } from './migrations';

const silentWorkerLogger = new Logger(() => () => undefined);

/** `entities` are the modules' TypeORM classes; migrations and seeds need none. */
export function createDataSource(url: string, poolSize = 10, entities: Function[] = []): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    extra: { max: poolSize, idleTimeoutMillis: 30000 },
    logging: false,
  });
}

export async function openDatabase(url: string, poolSize: number, entities: Function[] = []): Promise<DataSource> {
  const dataSource = createDataSource(url, poolSize, entities);
  await dataSource.initialize();
  return dataSource;
}

/** Steward's migrations, after the job queue's own schema (graphile_worker), which they enqueue into. */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  await runMigrations({ connectionString: (dataSource.options as { url?: string }).url, logger: silentWorkerLogger });
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  return applied.map((m) => m.name);
}

/** Drops everything Steward created, for db:reset and the tests. */
export async function dropEverything(dataSource: DataSource): Promise<void> {
  await dataSource.query(`DROP SCHEMA IF EXISTS public CASCADE; DROP SCHEMA IF EXISTS steward CASCADE; DROP SCHEMA IF EXISTS graphile_worker CASCADE; CREATE SCHEMA public; GRANT USAGE ON SCHEMA public TO PUBLIC;`);
}
