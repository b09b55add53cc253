import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { migrate, openDatabase } from '../src/db/data-source';
import { startEmbeddedPostgres } from '../src/db/embedded';
import { loadConfig } from '../src/config';
import { seedDemoWorld } from '../src/db/seed/demo-world';
import { TEST_KEY_ENV } from './harness';
import { entities } from '../src/modules';

/**
 * One real PostgreSQL for the whole run, with a migrated, seeded template database; every test file
 * clones its own database from it (test/harness.ts), so files never see each other's writes.
 */
export default async function globalSetup(): Promise<void> {
  const port = 55000 + Math.floor(Math.random() * 5000);
  const running = await startEmbeddedPostgres({
    dataDir: mkdtempSync(join(tmpdir(), 'steward-test-pg-')),
    port,
    database: 'steward_template',
    ephemeral: true,
  });
  (globalThis as { stewardPostgres?: typeof running }).stewardPostgres = running;
  const dataSource = await openDatabase(running.url, 2, entities);
  await migrate(dataSource);
  // Sealed with the keys every test harness runs with.
  await seedDemoWorld(dataSource, loadConfig({ ...process.env, ...TEST_KEY_ENV }).encryptionKeys);
  await dataSource.destroy();
  // A template must have no open connections while it is cloned.
  const admin = new Client({ connectionString: running.url.replace(/\/steward_template$/, '/postgres') });
  await admin.connect();
  await admin.query(`ALTER DATABASE steward_template WITH is_template true`);
  await admin.end();
  process.env.STEWARD_TEST_PG_URL = running.url;
}
