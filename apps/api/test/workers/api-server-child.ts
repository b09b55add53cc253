import type { AddressInfo } from 'node:net';
import { AccessTokens } from '../../src/auth/tokens';
import { loadConfig } from '../../src/config';
import { openDatabase } from '../../src/db/data-source';
import { createLogger } from '../../src/logger';
import { entities } from '../../src/modules';
import { createServer } from '../../src/server';

/** Arguments: database URL, port (0 for any), and the config's environment as JSON (the parent's test keys). */
export async function main([url, port, envJson]: string[]): Promise<void> {
  const config = { ...loadConfig({ ...process.env, ...(JSON.parse(envJson) as Record<string, string>) }), databaseUrl: url, dbPoolSize: 4 };
  const dataSource = await openDatabase(url, config.dbPoolSize, entities, config);
  const server = await createServer({
    config,
    dataSource,
    tokens: new AccessTokens(config.signingKeys, config.accessTokenTtlSeconds),
    log: createLogger({ level: 'silent' }),
  });
  await new Promise<void>((resolve) => server.httpServer.listen(Number(port), '127.0.0.1', resolve));
  process.send?.({ url: `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}`, pid: process.pid });
  process.once('SIGTERM', () => {
    void server
      .stop()
      .then(() => dataSource.destroy())
      .finally(() => process.exit(0));
  });
}
