import 'reflect-metadata';
import { Logger, runMigrations } from 'graphile-worker';
import { DataSource, DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from 'typeorm-naming-strategies';
import { migrations } from './migrations';
import { PreparingClient } from './preparing-client';

const silentWorkerLogger = new Logger(() => () => undefined);

/** Bounds on how long the API waits for and holds the database; see Config. */
export interface DatabaseTimeouts {
  dbCheckoutTimeoutMs: number;
  dbStatementTimeoutMs: number;
  dbIdleInTransactionTimeoutMs: number;
}

/**
 * `entities` are the modules' TypeORM classes; migrations and seeds need none. `timeouts` make the
 * API's pool, which also prepares its statements by name: migrations may legitimately run longer
 * than any request should, and change the tables a prepared statement would have been planned on.
 */
export function createDataSource(url: string, poolSize = 10, entities: DataSourceOptions['entities'] = [], timeouts?: DatabaseTimeouts): DataSource {
  const bounded = timeouts && {
    // pg-pool: both waiting for a free connection and opening a new one give up after this.
    connectionTimeoutMillis: timeouts.dbCheckoutTimeoutMs,
    // Sent at connection start-up, so PostgreSQL enforces them whatever the request does.
    statement_timeout: timeouts.dbStatementTimeoutMs,
    idle_in_transaction_session_timeout: timeouts.dbIdleInTransactionTimeoutMs,
    Client: PreparingClient,
  };
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    extra: { max: poolSize, idleTimeoutMillis: 30000, ...bounded },
    logging: false,
  });
}

export async function openDatabase(
  url: string,
  poolSize: number,
  entities: DataSourceOptions['entities'] = [],
  timeouts?: DatabaseTimeouts,
): Promise<DataSource> {
  const dataSource = createDataSource(url, poolSize, entities, timeouts);
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
  await dataSource.query(
    `DROP SCHEMA IF EXISTS public CASCADE; DROP SCHEMA IF EXISTS steward CASCADE; DROP SCHEMA IF EXISTS graphile_worker CASCADE; CREATE SCHEMA public; GRANT USAGE ON SCHEMA public TO PUBLIC;`,
  );
}
