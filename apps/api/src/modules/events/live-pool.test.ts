import { createClient } from 'graphql-ws';
import { Client as PgClient } from 'pg';
import type { QueryRunner } from 'typeorm';
import WebSocket from 'ws';
import { Harness, startHarness } from '../../../test/harness';
import { stableUuid } from '../../db/seed/deterministic';

/**
 * A busy pool does not cost a subscriber its connection: the live read waits for a pooled connection
 * (openScopeWaiting) past the pool's checkout timeout, and the event arrives once one is free.
 */
let h: Harness;
const acme = stableUuid('tenant:acme');

beforeAll(async () => {
  // A short checkout timeout, so that the read fails at the pool several times while it is held.
  h = await startHarness({ dbCheckoutTimeoutMs: 150 });
});
afterAll(async () => h?.close());

it('waits for a busy pool rather than closing the socket, and delivers the event once a connection is free', async () => {
  const token = (await h.signIn('admin@acme.test')).credentials.token!;
  let closed: number | null = null;
  const client = createClient({
    url: h.url.replace(/^http/, 'ws') + '/graphql',
    webSocketImpl: WebSocket,
    connectionParams: () => ({ authorization: `Bearer ${token}` }),
    lazy: false,
    retryAttempts: 0,
    on: { closed: (event) => (closed = (event as { code: number }).code) },
  });
  const received: unknown[] = [];
  client.subscribe<{ alertChanged: { message: string } | null }>(
    { query: 'subscription { alertChanged { message } }' },
    { next: (r) => void received.push(r), error: () => undefined, complete: () => undefined },
  );
  // The event is inserted by a connection of its own: the API's pool is about to be taken.
  const outside = new PgClient({ connectionString: (h.dataSource.options as { url: string }).url });
  await outside.connect();
  const held: QueryRunner[] = [];
  try {
    for (let i = 0; i < 200 && h.server.live.hub.listenerCount(acme) < 1; i++) await new Promise((r) => setTimeout(r, 20));
    expect(h.server.live.hub.listenerCount(acme)).toBe(1);

    // Every pooled connection held in a transaction: nothing is left for the live read.
    for (let i = 0; i < h.services.config.dbPoolSize; i++) {
      const runner = h.dataSource.createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      held.push(runner);
    }
    await outside.query(`INSERT INTO alerts (tenant_id, source, severity, message) VALUES ($1, 'compliance', 'warning', 'While the pool was busy')`, [acme]);
    // Held for several checkout timeouts: the read fails at the pool and tries again meanwhile.
    await new Promise((r) => setTimeout(r, 1000));
    expect(received).toEqual([]);
    expect(closed).toBeNull();

    for (const runner of held.splice(0)) {
      await runner.rollbackTransaction();
      await runner.release();
    }
    for (let i = 0; i < 250 && received.length < 1; i++) await new Promise((r) => setTimeout(r, 20));
    expect(received).toEqual([{ data: { alertChanged: { message: 'While the pool was busy' } }, extensions: { eventId: expect.any(String) } }]);
    expect(closed).toBeNull();
  } finally {
    for (const runner of held) await runner.release();
    await outside.end();
    await client.dispose();
  }
});
