import { AccessTokens } from './auth/tokens';
import { Config } from './config';
import type { AppServices } from './context';
import { migrate, openDatabase } from './db/data-source';
import { resolveDatabase } from './db/database';
import { seedDemoWorld } from './db/seed/demo-world';
import { startJobs } from './jobs/worker';
import { createLogger } from './logger';
import { entities } from './modules';
import { createServer, StewardServer } from './server';

export interface RunningSteward {
  services: AppServices;
  server: StewardServer;
  url: string;
  stop(): Promise<void>;
}

/** Database up, migrations applied, demo world seeded when empty, server listening. */
export async function startSteward(config: Config, options: { seed?: boolean } = {}): Promise<RunningSteward> {
  const log = createLogger();
  const database = await resolveDatabase(config.databaseUrl);
  const dataSource = await openDatabase(database.url, config.dbPoolSize, entities);
  const applied = await migrate(dataSource);
  if (applied.length) log.info({ applied }, 'migrations applied');
  if (options.seed !== false) {
    const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM tenants`);
    if (n === 0) {
      await seedDemoWorld(dataSource);
      log.info('demo world seeded');
    }
  }
  const services: AppServices = { config, dataSource, tokens: new AccessTokens(config.signingKeys, config.accessTokenTtlSeconds), log };
  const jobs = await startJobs(services, database.url);
  const server = await createServer(services);
  await new Promise<void>((resolve) => server.httpServer.listen(config.port, resolve));
  const address = server.httpServer.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  let stopping: Promise<void> | undefined;
  return {
    services,
    server,
    url: `http://localhost:${port}`,
    stop() {
      // Drains in-flight requests (Apollo's drain plugin closes the HTTP server) and background work,
      // then the pool, then PostgreSQL.
      stopping ??= (async () => {
        await server.stop();
        await jobs?.stop();
        await dataSource.destroy();
        await database.stop();
      })();
      return stopping;
    },
  };
}
