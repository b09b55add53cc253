import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { Caller, Harness, startHarness } from '../../../test/harness';
import { stableUuid } from '../../db/seed/deterministic';

/**
 * Violations and re-evaluation progress, live: graphql-ws clients of several roles and two tenants
 * on a real server; the re-evaluation runs on the job queue (another connection), so every update
 * reaches the subscribers through the outbox and LISTEN/NOTIFY.
 */
let h: Harness;
let admin: Caller;
const acme = stableUuid('tenant:acme');
const FLEET = 450;
// Three batches per run on a busy machine.
jest.setTimeout(120_000);

beforeAll(async () => {
  h = await startHarness();
  admin = await h.signIn('admin@acme.test');
  // Three batches of the job; every 50th agent costs more than the policy allows.
  await h.sql(
    `INSERT INTO agents (tenant_id, name, role, model_tier, cost_per_request, tags)
     SELECT $1, 'Live fleet ' || i, 'operations', 'haiku', CASE WHEN i % 50 = 0 THEN 0.2 ELSE 0.01 END, ARRAY['livefleet'] FROM generate_series(1, ${FLEET}) i`,
    [acme],
  );
});
afterAll(() => h?.close());

interface Received {
  data?: Record<string, any> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

interface Live {
  client: WsClient;
  follow(query: string, variables?: Record<string, unknown>): Received[];
}

const clients: WsClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.dispose()));
  // The next test starts with no subscription left (a disposed client's are ended by the server a moment later).
  for (let i = 0; i < 250 && h.server.live.hub.listenerCount() > 0; i++) await new Promise((r) => setTimeout(r, 20));
});

async function liveAs(email: string): Promise<Live> {
  const token = (await h.signIn(email)).credentials.token!;
  const client = createClient({
    url: h.url.replace(/^http/, 'ws') + '/graphql',
    webSocketImpl: WebSocket,
    connectionParams: () => ({ authorization: `Bearer ${token}` }),
    lazy: false,
    retryAttempts: 0,
  });
  clients.push(client);
  return {
    client,
    follow(query, variables) {
      const received: Received[] = [];
      client.subscribe({ query, variables }, { next: (r) => void received.push(r as Received), error: () => undefined, complete: () => undefined });
      return received;
    },
  };
}

async function until(what: () => boolean, label: () => string, ms = 30_000): Promise<void> {
  const started = Date.now();
  while (!what()) {
    if (Date.now() - started > ms) throw new Error(`timed out: ${label()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Waits until the server's hub listens for the tenant `n` times (the subscriptions are in place). */
const listening = (n: number, tenant = acme) =>
  until(
    () => h.server.live.hub.listenerCount(tenant) >= n,
    () => `${n} listeners`,
  );

const VIOLATIONS = `subscription { policyViolationChanged { id status agentName severity policy { id name } agent { name } } }`;
const RUNS = `subscription($p: ID!) { policyEvaluationRunChanged(policyId: $p) { id status processed total violationsFound } }`;
const CREATE = `mutation($input: PolicyCreateInput!) { policyCreate(input: $input) { policy { id latestEvaluationRun { id } } userErrors { message } } }`;
const REEVALUATE = `mutation($input: PolicyReevaluateInput!) { policyReevaluate(input: $input) { run { id } userErrors { message } } }`;

describe('live violations and re-evaluation progress', () => {
  let policyId: string;
  let firstRunId: string;

  it('send violations opened by a re-evaluation to the violation readers of the tenant, and progress in order up to the final status', async () => {
    const auditor = await liveAs('auditor@acme.test');
    const globex = await liveAs('admin@globex.test');
    const viewer = await liveAs('viewer@acme.test');
    const violations = auditor.follow(VIOLATIONS);
    const theirs = globex.follow(VIOLATIONS);
    const refused = viewer.follow(VIOLATIONS);
    await until(
      () => refused.length === 1,
      () => JSON.stringify(refused),
    );
    // A viewer may not read violations: the subscription is refused as the query would be.
    expect(refused[0].errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const created = (
      await admin.ok(CREATE, {
        input: {
          name: 'Live fleet stays cheap',
          type: 'AGENT',
          severity: 'HIGH',
          enforcement: 'AUDIT',
          scope: { kind: 'TAGS', tags: ['livefleet'] },
          rules: [{ name: 'Cheap live', condition: 'agent.costPerRequest > 0.1', message: 'Too dear' }],
        },
      })
    ).policyCreate;
    expect(created.userErrors).toEqual([]);
    policyId = created.policy.id;
    firstRunId = created.policy.latestEvaluationRun.id;

    const dev = await liveAs('dev@acme.test');
    const progress = dev.follow(RUNS, { p: policyId });
    const globexProgress = globex.follow(RUNS, { p: policyId });
    await listening(2);
    await listening(2, stableUuid('tenant:globex'));

    await h.runJobs();
    // started, then three batches (the last one also finishes the run)
    await until(
      () => progress.length >= 4,
      () => JSON.stringify(progress),
    );
    const runs = progress.map((r) => r.data!.policyEvaluationRunChanged);
    expect(progress.every((r) => !r.errors)).toBe(true);
    expect(new Set(runs.map((r) => r.id))).toEqual(new Set([firstRunId]));
    const processed = runs.map((r) => r.processed);
    expect(processed).toEqual([...processed].sort((a, b) => a - b));
    expect(runs.at(-1)).toEqual({ id: firstRunId, status: 'SUCCEEDED', processed: FLEET, total: FLEET, violationsFound: FLEET / 50 });
    expect(runs.slice(0, -1).every((r) => r.status === 'RUNNING' || r.status === 'SUCCEEDED')).toBe(true);

    await until(
      () => violations.length >= FLEET / 50,
      () => JSON.stringify(violations),
    );
    expect(violations.every((r) => !r.errors)).toBe(true);
    const opened = violations.map((r) => r.data!.policyViolationChanged);
    expect(opened).toHaveLength(FLEET / 50);
    expect(opened.map((v) => v.agentName).sort()).toEqual(Array.from({ length: FLEET / 50 }, (_, i) => `Live fleet ${(i + 1) * 50}`).sort());
    for (const v of opened) expect(v).toMatchObject({ status: 'OPEN', severity: 'HIGH', policy: { id: policyId, name: 'Live fleet stays cheap' } });

    // Another tenant hears nothing of it, neither violations nor the progress of a run it cannot read.
    await new Promise((r) => setTimeout(r, 300));
    expect(theirs).toEqual([]);
    expect(globexProgress).toEqual([]);
  });

  it('send the queued run, resolved violations, waivers and revoked waivers as they are after the change', async () => {
    const compliance = await liveAs('compliance@acme.test');
    const violations = compliance.follow(VIOLATIONS);
    const progress = compliance.follow(RUNS, { p: policyId });
    await listening(2);

    const waived = await h.sql(`SELECT id FROM policy_violations WHERE agent_name = 'Live fleet 50' AND status = 'open'`);
    const violationId = (
      await admin.ok(`{ policyViolations(filter: { statuses: [OPEN] }, first: 100) { nodes { id agentName } } }`)
    ).policyViolations.nodes.find((n: { agentName: string }) => n.agentName === 'Live fleet 50').id;
    expect(waived).toHaveLength(1);
    const WAIVE = `mutation($input: PolicyViolationWaiveInput!) { policyViolationWaive(input: $input) { userErrors { message } } }`;
    const REVOKE = `mutation($input: PolicyViolationWaiverRevokeInput!) { policyViolationWaiverRevoke(input: $input) { userErrors { message } } }`;
    expect((await admin.ok(WAIVE, { input: { violationId, reason: 'Live probe' } })).policyViolationWaive.userErrors).toEqual([]);
    expect((await admin.ok(REVOKE, { input: { violationId } })).policyViolationWaiverRevoke.userErrors).toEqual([]);
    await until(
      () => violations.length >= 2,
      () => JSON.stringify(violations),
    );
    expect(violations.map((r) => [r.data!.policyViolationChanged.id, r.data!.policyViolationChanged.status])).toEqual([
      [violationId, 'WAIVED'],
      [violationId, 'OPEN'],
    ]);

    // Every agent made cheap: the next run resolves every violation, and its progress starts from queued.
    await h.sql(`UPDATE agents SET cost_per_request = 0.01 WHERE 'livefleet' = ANY(tags)`);
    const again = (await admin.ok(REEVALUATE, { input: { policyId } })).policyReevaluate;
    expect(again.userErrors).toEqual([]);
    await until(
      () => progress.length >= 1,
      () => JSON.stringify(progress),
    );
    expect(progress[0].data!.policyEvaluationRunChanged).toMatchObject({ id: again.run.id, status: 'QUEUED', processed: 0, total: FLEET });
    await h.runJobs();
    await until(
      () => progress.at(-1)?.data?.policyEvaluationRunChanged.status === 'SUCCEEDED',
      () => JSON.stringify(progress),
    );
    expect(progress.at(-1)!.data!.policyEvaluationRunChanged).toEqual({
      id: again.run.id,
      status: 'SUCCEEDED',
      processed: FLEET,
      total: FLEET,
      violationsFound: 0,
    });
    await until(
      () => violations.length >= 2 + FLEET / 50,
      () => JSON.stringify(violations),
    );
    expect(violations.slice(2).map((r) => r.data!.policyViolationChanged.status)).toEqual(Array(FLEET / 50).fill('RESOLVED'));
  });

  it('check the field rules on every event: a reader who loses the permission gets no violation field any more', async () => {
    const [{ user_id: userId }] = await h.sql(
      `SELECT user_id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = 'analyst@acme.test' AND m.tenant_id = $1`,
      [acme],
    );
    await h.sql(`UPDATE memberships SET role = 'auditor' WHERE user_id = $1 AND tenant_id = $2`, [userId, acme]);
    try {
      const live = await liveAs('analyst@acme.test');
      const violations = live.follow(VIOLATIONS);
      await listening(1);
      const [row] = await h.sql(`SELECT id FROM policy_violations WHERE agent_name = 'Live fleet 100'`);
      await h.sql(`UPDATE policy_violations SET status = 'open', resolved_at = NULL WHERE id = $1`, [row.id]);
      await until(
        () => violations.length >= 1,
        () => JSON.stringify(violations),
      );
      expect(violations[0].data!.policyViolationChanged).toMatchObject({ agentName: 'Live fleet 100', status: 'OPEN' });
      await h.sql(`UPDATE memberships SET role = 'viewer' WHERE user_id = $1 AND tenant_id = $2`, [userId, acme]);
      await h.sql(`UPDATE policy_violations SET status = 'resolved', resolved_at = now() WHERE id = $1`, [row.id]);
      await until(
        () => violations.length >= 2,
        () => JSON.stringify(violations),
      );
      expect(violations[1].errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(violations[1].data?.policyViolationChanged ?? null).toBeNull();
    } finally {
      await h.sql(`UPDATE memberships SET role = 'analyst' WHERE user_id = $1 AND tenant_id = $2`, [userId, acme]);
    }
  });
});
