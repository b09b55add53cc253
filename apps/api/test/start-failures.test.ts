import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { RunningSteward, startSteward } from '../src/app';
import { loadConfig } from '../src/config';
import { describeStartupFailure, StartupError } from '../src/startup-error';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function failureOf(start: Promise<RunningSteward>): Promise<StartupError> {
  const error = await start.then(
    (steward) => steward.stop().then(() => new Error('it started')),
    (error: unknown) => error,
  );
  expect(error).toBeInstanceOf(StartupError);
  return error as StartupError;
}

describe('a start that cannot succeed says why', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'steward-start-'));
  // As root, the embedded PostgreSQL runs as the user postgres, who must reach the data directory.
  chmodSync(dataDir, 0o755);
  const env = { ...process.env, NODE_ENV: 'test', JWT_SECRET: 'test-secret-test-secret-test-secret', STEWARD_DATA_DIR: dataDir, DATABASE_URL: '' };
  let first: RunningSteward;
  let pgPort: number;

  beforeAll(async () => {
    pgPort = await freePort();
    first = await startSteward(loadConfig({ ...env, PORT: '0', EMBEDDED_PG_PORT: String(pgPort) }), { seed: false });
  }, 120_000);

  afterAll(async () => {
    await first?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(`${dataDir}.log`, { force: true });
  });

  it('names the data directory another Steward is using, and how to choose another', async () => {
    const second = await failureOf(startSteward(loadConfig({ ...env, PORT: '0', EMBEDDED_PG_PORT: String(await freePort()) }), { seed: false }));
    expect(second.message).toMatch(new RegExp(`the data directory ${join(dataDir, 'postgres')} is in use by another PostgreSQL \\(PID \\d+\\)`));
    expect(describeStartupFailure(second)).toMatch(/^Steward failed to start: the data directory .*\n {2}Stop that Steward first .*STEWARD_DATA_DIR/);
    // The failed start left the running one alone.
    expect((await fetch(`${first.url}/readyz`)).status).toBe(200);
  }, 60_000);

  it('names the port in use and how to choose another, and closes what it had opened', async () => {
    const owner = `postgres://postgres:steward@localhost:${pgPort}`;
    const admin = new Client({ connectionString: `${owner}/postgres` });
    await admin.connect();
    try {
      await admin.query('CREATE DATABASE steward_second');
      const port = new URL(first.url).port;
      const second = await failureOf(startSteward(loadConfig({ ...env, PORT: port, DATABASE_URL: `${owner}/steward_second` }), { seed: false }));
      expect(second.message).toBe(`port ${port} is in use by another program, perhaps another Steward`);
      expect(describeStartupFailure(second)).toBe(
        `Steward failed to start: port ${port} is in use by another program, perhaps another Steward\n  Stop it, or set PORT to a free port.`,
      );
      // Closed sessions take a moment to leave pg_stat_activity; sessions still open would stay.
      let sessions = -1;
      for (let attempt = 0; attempt < 50 && sessions !== 0; attempt++) {
        if (attempt) await new Promise((resolve) => setTimeout(resolve, 200));
        sessions = (await admin.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = 'steward_second'`)).rows[0].n;
      }
      expect(sessions).toBe(0);
    } finally {
      await admin.end();
    }
  }, 60_000);

  it('stops its PostgreSQL when stopped, leaving the data directory free', async () => {
    await first.stop();
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  }, 60_000);
});

describe('describing a failure', () => {
  it('never prints "undefined", whatever was thrown', () => {
    expect(describeStartupFailure(undefined)).toBe('Steward failed to start: an unknown error (nothing was reported)');
    expect(describeStartupFailure(new AggregateError([Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })]))).toBe(
      'Steward failed to start: connect ECONNREFUSED 127.0.0.1:5432',
    );
  });
});
