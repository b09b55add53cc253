import { Client } from 'pg';
import { DEMO_PASSWORD } from '../src/db/seed/demo-world';
import { GraphQLResponse, startHarness } from './harness';

const CREATE = `mutation($input: AgentCreateInput!) { agentCreate(input: $input) { agent { id name } userErrors { message } } }`;

async function inspect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}

/** Resolves once some request of this database holds an open transaction, i.e. is past being accepted (or `done`). */
async function someRequestRunning(inspector: Client, done: () => boolean): Promise<void> {
  while (!done()) {
    const { rowCount } = await inspector.query(
      `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state LIKE 'idle in transaction%'`,
    );
    if (rowCount) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('shutting down', () => {
  it('finishes the requests in flight before it stops, and then takes no more', async () => {
    const h = await startHarness();
    const inspector = await inspect(h.services.config.databaseUrl!);
    // Signing in takes a while (argon2), so it is still running when the shutdown begins.
    const inFlight = h.anonymous.gql(`mutation($input: SessionCreateInput!) { sessionCreate(input: $input) { accessToken } }`, {
      input: { email: 'admin@acme.test', password: DEMO_PASSWORD },
    });
    let answered = false;
    void inFlight.finally(() => (answered = true));
    await someRequestRunning(inspector, () => answered);
    await inspector.end();
    const stopped = h.close();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(response.data.sessionCreate.accessToken).toMatch(/^ey/);
    await stopped;
    await expect(fetch(`${h.url}/healthz`)).rejects.toThrow();
  });

  it('under 50 concurrent mutations, commits every one it acknowledged and refuses the rest with 503 UNAVAILABLE', async () => {
    const h = await startHarness();
    const dev = await h.signIn('dev@acme.test');
    const names = Array.from({ length: 50 }, (_, i) => `Shutdown agent ${i}`);
    let firstAcknowledged!: () => void;
    const acknowledged = new Promise<void>((resolve) => (firstAcknowledged = resolve));
    const outcomes = names.map(async (name) => {
      try {
        const response: GraphQLResponse = await dev.gql(CREATE, { input: { name, role: 'CUSTOM', modelTier: 'HAIKU' } });
        if (response.data?.agentCreate?.agent) firstAcknowledged();
        return { name, response };
      } catch (error) {
        // A request the server had not yet read when it closed its connections: never seen, never answered.
        expect(error).toMatchObject({ message: 'fetch failed', cause: { code: expect.stringMatching(/^(UND_ERR_SOCKET|ECONNRESET|ECONNREFUSED)$/) } });
        return { name, response: null };
      }
    });
    // The pool has 4 connections, so when the first answer arrives most of the 50 are still waiting.
    await acknowledged;
    const stopped = h.close();
    const results = await Promise.all(outcomes);
    await stopped;

    const saved = results.filter((r) => r.response?.status === 200 && r.response.data?.agentCreate?.agent?.name === r.name).map((r) => r.name);
    const refused = results.filter((r) => r.response?.status === 503).map((r) => r.response!);
    const unread = results.filter((r) => r.response === null);
    expect(saved.length + refused.length + unread.length).toBe(50);
    expect(saved.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    for (const response of refused) {
      expect(response.errors).toEqual([{ message: 'Steward is shutting down; retry shortly', extensions: { code: 'UNAVAILABLE', retryAfterSeconds: 1 } }]);
      expect(response.headers.get('retry-after')).toBe('1');
    }

    // Acknowledged means written; refused means nothing was.
    const db = await inspect(h.services.config.databaseUrl!);
    try {
      const { rows } = await db.query<{ name: string }>(`SELECT name FROM agents WHERE name LIKE 'Shutdown agent %'`);
      expect(rows.map((r) => r.name).sort()).toEqual([...saved].sort());
      const { rows: open } = await db.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
      expect(open).toEqual([]);
    } finally {
      await db.end();
    }
    await expect(fetch(`${h.url}/healthz`)).rejects.toThrow();
  });
});
