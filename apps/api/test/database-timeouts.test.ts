import { Client, Pool } from 'pg';
import type { QueryRunner } from 'typeorm';
import { loadConfig } from '../src/config';
import { UNAVAILABLE_MESSAGE } from '../src/db/availability';
import { demoApiKeySecret } from '../src/db/seed/demo-world';
import { stableUuid } from '../src/db/seed/deterministic';
import { toGlobalId } from '../src/graphql/global-id';
import { openScope } from '../src/scope';
import { Caller, Harness, startHarness, TEST_KEY_ENV } from './harness';

/** The bounds on how long a request waits for, and holds, the database. */

let h: Harness;
let inspector: Client;
let dev: Caller;
beforeAll(async () => {
  h = await startHarness({ dbCheckoutTimeoutMs: 300, dbStatementTimeoutMs: 500, dbIdleInTransactionTimeoutMs: 2000 });
  inspector = new Client({ connectionString: h.services.config.databaseUrl });
  await inspector.connect();
  // An API key rather than a sign-in: argon2 under a loaded machine could outlast the short idle timeout used here.
  dev = h.apiKey(demoApiKeySecret('acme', 'Agent runtime'));
});
afterAll(async () => {
  await inspector.end();
  await h.close();
});

const pool = (): Pool => (h.dataSource.driver as unknown as { master: Pool }).master;
const VIEWER = JSON.stringify({ query: '{ viewer { role } }' });

/** Fails the test instead of hanging it when an answer never comes. */
function post(body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${h.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, signal: AbortSignal.timeout(10_000) });
}

describe('an exhausted pool', () => {
  it('answers 503 UNAVAILABLE once the checkout timeout has passed, instead of hanging, and serves again when connections return', async () => {
    const held: QueryRunner[] = [];
    for (let i = 0; i < h.services.config.dbPoolSize; i++) {
      const runner = h.dataSource.createQueryRunner();
      await runner.connect();
      held.push(runner);
    }
    try {
      expect(pool().idleCount).toBe(0);
      const response = await post(VIEWER);
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('1');
      expect(await response.json()).toEqual({ errors: [{ message: UNAVAILABLE_MESSAGE, extensions: { code: 'UNAVAILABLE', retryAfterSeconds: 1 } }] });

      const ready = await fetch(`${h.url}/readyz`, { signal: AbortSignal.timeout(10_000) });
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: 'database unavailable' });
      const live = await fetch(`${h.url}/healthz`);
      expect(live.status).toBe(200);
    } finally {
      for (const runner of held) await runner.release();
    }
    expect((await post(VIEWER)).status).toBe(200);
    expect((await fetch(`${h.url}/readyz`)).status).toBe(200);
  });
});

describe('PostgreSQL-side timeouts on the API connections', () => {
  it('are set on every connection of the pool', async () => {
    const [{ statement_timeout }] = await h.dataSource.query(`SHOW statement_timeout`);
    const [{ idle_in_transaction_session_timeout }] = await h.dataSource.query(`SHOW idle_in_transaction_session_timeout`);
    expect({ statement_timeout, idle_in_transaction_session_timeout }).toEqual({ statement_timeout: '500ms', idle_in_transaction_session_timeout: '2s' });
  });

  it('a statement stuck behind a lock is cut off at statement_timeout, and the mutation answers 503 UNAVAILABLE with nothing written', async () => {
    const [agent] = await h.sql(`SELECT id, description FROM agents WHERE tenant_id = $1 ORDER BY name LIMIT 1`, [stableUuid('tenant:acme')]);
    expect(agent).toBeDefined();
    await inspector.query('BEGIN');
    await inspector.query(`SELECT 1 FROM agents WHERE id = $1 FOR UPDATE`, [agent.id]);
    try {
      const response = await dev.gql(`mutation($input: AgentUpdateInput!) { agentUpdate(input: $input) { agent { description } userErrors { message } } }`, {
        input: { agentId: toGlobalId('Agent', agent.id), description: 'changed while locked' },
      });
      expect(response.status).toBe(503);
      expect(response.errors?.map((e) => e.extensions?.code)).toEqual(['UNAVAILABLE']);
      expect(response.errors?.[0].message).toBe(UNAVAILABLE_MESSAGE);
    } finally {
      await inspector.query('ROLLBACK');
    }
    const [after] = await h.sql(`SELECT description FROM agents WHERE id = $1`, [agent.id]);
    expect(after.description).toBe(agent.description);
    const [audit] = await h.sql(`SELECT outcome, error_code FROM audit_entries WHERE action = 'agent.update' ORDER BY seq DESC LIMIT 1`);
    expect(audit).toEqual({ outcome: 'failure', error_code: 'UNAVAILABLE' });
  });

  it('a transaction left idle is ended by PostgreSQL at idle_in_transaction_session_timeout, and its connection leaves the pool', async () => {
    // Opened without an owner and then forgotten: the kind of leak the HTTP exchange now prevents.
    const { tx } = (await openScope(h.services, { actor: { kind: 'anonymous' } }))!;
    const [{ pid }] = await tx.manager.query(`SELECT pg_backend_pid() AS pid`);
    let gone = false;
    for (let i = 0; i < 400 && !gone; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      gone = (await inspector.query(`SELECT 1 FROM pg_stat_activity WHERE pid = $1`, [pid])).rowCount === 0;
    }
    expect(gone).toBe(true);
    await expect(tx.manager.query('SELECT 1')).rejects.toThrow();
    await tx.rollback().catch(() => undefined);
    expect(pool().totalCount - pool().idleCount).toBe(0);
    expect((await post(VIEWER)).status).toBe(200);
  });
});

describe('timeout settings', () => {
  it.each(['0', '-5', 'soon', '1.5'])('refuse %s, naming the variable', (value) => {
    expect(() => loadConfig({ ...TEST_KEY_ENV, DB_STATEMENT_TIMEOUT_MS: value })).toThrow(
      `DB_STATEMENT_TIMEOUT_MS must be a whole number of at least 1, not "${value}"`,
    );
  });

  it('default to bounds a request never reaches in normal use', () => {
    expect(loadConfig({ ...TEST_KEY_ENV })).toMatchObject({ dbCheckoutTimeoutMs: 5000, dbStatementTimeoutMs: 30000, dbIdleInTransactionTimeoutMs: 30000 });
  });
});
