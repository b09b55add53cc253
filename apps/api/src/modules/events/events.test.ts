import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { Harness, startHarness } from '../../../test/harness';
import { stableUuid } from '../../db/seed/deterministic';
import { toGlobalId } from '../../graphql/global-id';
import { inScope } from '../../scope';
import { eventsDoc, EVENT_TYPES, pruneEvents, renderEventsDoc } from '.';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const acme = stableUuid('tenant:acme');
const EVENTS = `query($f: DomainEventFilter) { domainEvents(first: 20, filter: $f) {
  nodes { id type schemaVersion occurredAt actorType actorUser { email } actorApiKey { name } subjectType subjectGlobalId payload } } }`;

async function openAlert(tenantId = acme): Promise<string> {
  const [row] = await h.sql(`INSERT INTO alerts (tenant_id, source, severity, message) VALUES ($1, 'compliance', 'warning', 'Events probe') RETURNING id`, [
    tenantId,
  ]);
  return row.id;
}

/** Notifications on steward_events heard by a connection of its own, as another API process would hear them. */
async function listen(): Promise<{ heard: string[]; close(): Promise<void> }> {
  const client = new Client({ connectionString: h.services.config.databaseUrl });
  await client.connect();
  const heard: string[] = [];
  client.on('notification', (n) => heard.push(n.payload ?? ''));
  await client.query('LISTEN steward_events');
  return { heard, close: () => client.end() };
}

describe('domain events', () => {
  it('are written once with the change that committed, with actor, subject and payload, and announced after the commit', async () => {
    const alertId = await openAlert();
    const listener = await listen();
    try {
      const admin = await h.signIn('admin@acme.test');
      const acked = await admin.ok(`mutation($i: AlertTransitionInput!) { alertAcknowledge(input: $i) { userErrors { message } } }`, {
        i: { alertId: toGlobalId('Alert', alertId) },
      });
      expect(acked.alertAcknowledge.userErrors).toEqual([]);
      const log = await admin.ok(EVENTS, { f: { subjectId: toGlobalId('Alert', alertId) } });
      expect(log.domainEvents.nodes).toEqual([
        expect.objectContaining({
          type: 'ALERT_ACKNOWLEDGED',
          schemaVersion: 1,
          actorType: 'USER',
          actorUser: { email: 'admin@acme.test' },
          actorApiKey: null,
          subjectType: 'Alert',
          subjectGlobalId: toGlobalId('Alert', alertId),
          payload: { severity: 'warning', message: 'Events probe' },
        }),
        expect.objectContaining({ type: 'ALERT_RAISED', actorType: 'SYSTEM', payload: expect.objectContaining({ source: 'compliance', severity: 'warning' }) }),
      ]);
      const [acknowledged] = await h.sql(`SELECT id FROM domain_events WHERE subject_id = $1 AND type = 'alert.acknowledged'`, [alertId]);
      for (let i = 0; i < 50 && !listener.heard.includes(`${acme}:${acknowledged.id}`); i++) await new Promise((r) => setTimeout(r, 20));
      expect(listener.heard).toContain(`${acme}:${acknowledged.id}`);
    } finally {
      await listener.close();
    }
  });

  it('are not written, nor announced, for a change that rolled back', async () => {
    const alertId = await openAlert();
    const listener = await listen();
    try {
      await expect(
        inScope(h.services, { actor: { kind: 'system', tenantId: acme, name: 'events test' } }, async (scope) => {
          await scope.tx.manager.query(`UPDATE alerts SET status = 'resolved', resolved_at = now() WHERE id = $1`, [alertId]);
          const [inside] = await scope.tx.manager.query(`SELECT count(*)::int AS n FROM domain_events WHERE subject_id = $1 AND type = 'alert.resolved'`, [
            alertId,
          ]);
          expect(inside.n).toBe(1);
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      // A mutation whose work fails is rolled back to its savepoint (mutate()) while its request commits: its event goes with it.
      await inScope(h.services, { actor: { kind: 'system', tenantId: acme, name: 'events test' } }, async (scope) => {
        await scope.tx
          .isolated(async () => {
            await scope.tx.manager.query(`UPDATE alerts SET status = 'acknowledged', acknowledged_at = now() WHERE id = $1`, [alertId]);
            throw new Error('refused');
          })
          .catch(() => undefined);
      });
      await new Promise((r) => setTimeout(r, 200));
      const rows = await h.sql(`SELECT type FROM domain_events WHERE subject_id = $1 ORDER BY occurred_at`, [alertId]);
      expect(rows).toEqual([{ type: 'alert.raised' }]);
      expect(listener.heard.filter((n) => n.startsWith(`${acme}:`)).length).toBe(0);
    } finally {
      await listener.close();
    }
  });

  it('carry the actor of an API key, and the payload their type documents', async () => {
    const admin = await h.signIn('admin@acme.test');
    const created = await admin.ok(`mutation($i: ApiKeyCreateInput!) { apiKeyCreate(input: $i) { apiKey { id } secret userErrors { message } } }`, {
      i: { name: 'Events probe key', role: 'ADMIN' },
    });
    const partner = h.apiKey(created.apiKeyCreate.secret);
    const revoked = await partner.ok(`mutation($i: ApiKeyRevokeInput!) { apiKeyRevoke(input: $i) { userErrors { message } } }`, {
      i: { apiKeyId: created.apiKeyCreate.apiKey.id },
    });
    expect(revoked.apiKeyRevoke.userErrors).toEqual([]);
    const log = await admin.ok(EVENTS, { f: { subjectId: created.apiKeyCreate.apiKey.id } });
    expect(
      log.domainEvents.nodes.map((e: { type: string; actorType: string; actorApiKey: unknown; payload: object }) => [
        e.type,
        e.actorType,
        e.actorApiKey,
        Object.keys(e.payload).sort(),
      ]),
    ).toEqual([
      ['API_KEY_REVOKED', 'API_KEY', { name: 'Events probe key' }, Object.keys(EVENT_TYPES['api_key.revoked'].payload).sort()],
      ['API_KEY_CREATED', 'USER', null, Object.keys(EVENT_TYPES['api_key.created'].payload).sort()],
    ]);
  });

  it('have every stored payload shaped as its type says (the seeded world and these tests)', async () => {
    const rows: { type: string; keys: string[] }[] = await h.sql(
      `SELECT DISTINCT type, (SELECT array_agg(k ORDER BY k) FROM jsonb_object_keys(payload) k) AS keys FROM domain_events`,
    );
    expect(rows.length).toBeGreaterThan(3);
    const problems = rows.flatMap((r) => {
      const def = (EVENT_TYPES as Record<string, { payload: object }>)[r.type];
      if (!def) return [`${r.type}: not in EVENT_TYPES`];
      const expected = Object.keys(def.payload).sort();
      return JSON.stringify(expected) === JSON.stringify(r.keys) ? [] : [`${r.type}: payload ${r.keys} but documented ${expected}`];
    });
    expect(problems).toEqual([]);
  });

  it('are emitted by the database under exactly the types of EVENT_TYPES', async () => {
    const functions: { def: string }[] = await h.sql(`SELECT pg_get_functiondef(p.oid) AS def FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = 'steward' AND p.proname LIKE 'events_from_%'`);
    const emitted = new Set(functions.flatMap((f) => [...f.def.matchAll(/steward\.emit_event\([^,]+,\s*'([^']+)'/g)].map((m) => m[1])));
    expect([...emitted].sort()).toEqual(Object.keys(EVENT_TYPES).sort());
  });

  it('are read by admins and auditors of their own tenant only', async () => {
    const alertId = await openAlert();
    for (const email of ['admin@acme.test', 'auditor@acme.test']) {
      const caller = await h.signIn(email);
      const log = await caller.ok(EVENTS, { f: { types: ['ALERT_RAISED'], subjectId: toGlobalId('Alert', alertId) } });
      expect(log.domainEvents.nodes).toHaveLength(1);
    }
    for (const email of ['viewer@acme.test', 'dev@acme.test', 'analyst@acme.test']) {
      const response = await (await h.signIn(email)).gql(EVENTS, {});
      expect(response.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    const globex = await h.signIn('admin@globex.test');
    const theirs = await globex.ok(EVENTS, { f: { subjectId: toGlobalId('Alert', alertId) } });
    expect(theirs.domainEvents.nodes).toEqual([]);
    const all = await globex.ok(`{ domainEvents(first: 100) { nodes { subjectGlobalId } } }`);
    expect(all.domainEvents.nodes.length).toBeGreaterThan(0);
    expect(all.domainEvents.nodes.map((n: { subjectGlobalId: string }) => n.subjectGlobalId)).not.toContain(toGlobalId('Alert', alertId));
  });

  it('are dropped after the retention period', async () => {
    const alertId = await openAlert();
    await h.sql(`UPDATE domain_events SET occurred_at = now() - interval '91 days' WHERE subject_id = $1`, [alertId]);
    expect(await pruneEvents(h)).toBeGreaterThanOrEqual(1);
    expect(await h.sql(`SELECT 1 FROM domain_events WHERE subject_id = $1`, [alertId])).toEqual([]);
  });

  it('are documented in docs/events.md as EVENT_TYPES says (pnpm events:render)', () => {
    expect(readFileSync(eventsDoc, 'utf8')).toBe(renderEventsDoc());
  });
});
