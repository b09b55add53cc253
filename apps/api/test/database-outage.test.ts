import { mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { AccessTokens } from '../src/auth/tokens';
import { loadConfig } from '../src/config';
import { migrate, openDatabase } from '../src/db/data-source';
import { RunningPostgres, startEmbeddedPostgres } from '../src/db/embedded';
import { demoApiKeySecret, seedDemoWorld } from '../src/db/seed/demo-world';
import { createLogger } from '../src/logger';
import { entities } from '../src/modules';
import { createServer, StewardServer } from '../src/server';
import { TEST_KEY_ENV } from './harness';

/**
 * PostgreSQL stops and starts again under load. This file runs a PostgreSQL of its own (the shared one
 * of test/global-setup.ts cannot be stopped), with its data kept across the restart.
 */
jest.setTimeout(240_000);

const dataDir = mkdtempSync(join(tmpdir(), 'steward-outage-pg-'));
const port = 60000 + Math.floor(Math.random() * 4000);
let postgres: RunningPostgres;
let dataSource: DataSource;
let server: StewardServer;
let url: string;

const start = () => startEmbeddedPostgres({ dataDir, port, database: 'steward' });

beforeAll(async () => {
  postgres = await start();
  const setup = await openDatabase(postgres.url, 1, entities);
  await migrate(setup);
  await seedDemoWorld(setup, loadConfig({ ...process.env, ...TEST_KEY_ENV }).encryptionKeys);
  await setup.destroy();
  const config = { ...loadConfig({ ...process.env, ...TEST_KEY_ENV }), databaseUrl: postgres.url, dbPoolSize: 4, dbCheckoutTimeoutMs: 2000 };
  dataSource = await openDatabase(postgres.url, config.dbPoolSize, entities, config);
  server = await createServer({ config, dataSource, tokens: new AccessTokens(config.signingKeys, config.accessTokenTtlSeconds), log: createLogger() });
  await new Promise<void>((resolve) => server.httpServer.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await server?.stop();
  await dataSource?.destroy();
  await postgres?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(`${dataDir}.log`, { force: true });
});

type Phase = 'up' | 'down' | 'back';

interface Outcome {
  name: string;
  phase: Phase;
  status: number;
  body: { data?: { agentCreate?: { agent?: { name: string } | null } | null } | null; errors?: { message: string; extensions?: { code?: string } }[] };
}

const CREATE = `mutation($input: AgentCreateInput!) { agentCreate(input: $input) { agent { name } userErrors { message } } }`;
const KEY = demoApiKeySecret('acme', 'Agent runtime');
const acknowledged = (o: Outcome) => o.status === 200 && o.body.data?.agentCreate?.agent?.name === o.name && !o.body.errors;

/** Waits for `condition`, failing rather than hanging once `hopeless` says it will not come. */
async function until(condition: () => boolean, hopeless: () => boolean, what: string): Promise<void> {
  while (!condition()) {
    if (hopeless()) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const probe = async (path: string) => {
  const response = await fetch(`${url}${path}`, { signal: AbortSignal.timeout(15_000) });
  return { status: response.status, body: await response.json() };
};

it('answers 503 UNAVAILABLE while PostgreSQL is down, loses nothing it acknowledged, and recovers by itself', async () => {
  let phase: Phase = 'up';
  let loading = true;
  let sent = 0;
  const outcomes: Outcome[] = [];
  // Four clients writing as fast as they are answered; a request left unanswered for 15 s fails the test.
  const workers = Array.from({ length: 4 }, async () => {
    while (loading) {
      const name = `Outage agent ${sent++}`;
      const startedIn = phase;
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': KEY },
        body: JSON.stringify({ query: CREATE, variables: { input: { name, role: 'CUSTOM', modelTier: 'HAIKU' } } }),
        signal: AbortSignal.timeout(15_000),
      });
      outcomes.push({ name, phase: startedIn, status: response.status, body: (await response.json()) as Outcome['body'] });
    }
  });
  const count = (p: Phase, test: (o: Outcome) => boolean) => outcomes.filter((o) => o.phase === p && test(o)).length;
  try {
    await until(
      () => count('up', acknowledged) >= 8,
      () => count('up', () => true) > 200,
      'writes before the outage',
    );

    await postgres.stop();
    phase = 'down';
    await until(
      () => count('down', () => true) >= 8,
      () => false,
      'answers during the outage',
    );
    expect(await probe('/readyz')).toEqual({ status: 503, body: { status: 'database unavailable' } });
    expect(await probe('/healthz')).toEqual({ status: 200, body: { status: 'ok' } });

    postgres = await start();
    phase = 'back';
    await until(
      () => count('back', acknowledged) >= 8,
      () => count('back', () => true) > 200,
      'writes after the restart',
    );
  } finally {
    loading = false;
    await Promise.all(workers);
  }
  expect(await probe('/readyz')).toEqual({ status: 200, body: { status: 'ready' } });

  // Every answer was either an acknowledged write or a 503 UNAVAILABLE naming nothing internal.
  const refused = outcomes.filter((o) => !acknowledged(o));
  for (const o of refused) {
    expect({ status: o.status, codes: o.body.errors?.map((e) => e.extensions?.code) }).toEqual({ status: 503, codes: ['UNAVAILABLE'] });
    expect(o.body.errors?.[0].message).not.toMatch(/ECONNREFUSED|terminat|at .+:\d+|postgres/i);
  }
  expect(count('down', (o) => o.status === 503)).toBeGreaterThan(0);

  // Once PostgreSQL was back, every request succeeded: no broken connection was handed out again.
  expect(outcomes.filter((o) => o.phase === 'back' && !acknowledged(o))).toEqual([]);

  // Nothing acknowledged is lost.
  const db = new Client({ connectionString: postgres.url });
  await db.connect();
  try {
    const { rows } = await db.query<{ name: string }>(`SELECT name FROM agents WHERE name LIKE 'Outage agent %'`);
    const stored = new Set(rows.map((r) => r.name));
    const lost = outcomes
      .filter(acknowledged)
      .map((o) => o.name)
      .filter((name) => !stored.has(name));
    expect(lost).toEqual([]);
  } finally {
    await db.end();
  }
});
