import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { AddressInfo } from 'node:net';
import { Harness, startHarness } from '../../../test/harness';
import { AccessTokens } from '../../auth/tokens';
import { openDatabase } from '../../db/data-source';
import { stableUuid } from '../../db/seed/deterministic';
import { toGlobalId } from '../../graphql/global-id';
import { createLogger } from '../../logger';
import { inScope } from '../../scope';
import { createServer, StewardServer } from '../../server';
import { entities } from '..';
import { LIVE_CLOSE } from '.';
import { liveLoads } from './live/live-stream';

/**
 * Live updates end to end: graphql-ws clients on real servers, changes made over HTTP or in scopes,
 * events fanned out through LISTEN/NOTIFY. A second API server on the same database (its own pool,
 * hub, HTTP server and port) stands for a second process behind the same address.
 */
let h: Harness;
let second: { url: string; server: StewardServer; close(): Promise<void> };
const acme = stableUuid('tenant:acme');
const globex = stableUuid('tenant:globex');

async function secondServer(): Promise<typeof second> {
  const config = h.services.config;
  const dataSource = await openDatabase((h.dataSource.options as { url: string }).url, 4, entities, config);
  const server = await createServer({ config, dataSource, tokens: new AccessTokens(config.signingKeys, config.accessTokenTtlSeconds), log: createLogger() });
  await new Promise<void>((resolve) => server.httpServer.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}`,
    server,
    async close() {
      await server.stop();
      await dataSource.destroy();
    },
  };
}

beforeAll(async () => {
  h = await startHarness({
    live: { maxSubscriptionsPerConnection: 3, maxConnectionsPerTenant: 6, maxQueuedEvents: 5, maxBufferedBytes: 4_194_304 },
  });
  second = await secondServer();
});
// Each test starts with no subscription left in either process (a disposed client's are ended by the server a moment later).
afterEach(async () => {
  for (let i = 0; i < 250 && h.server.live.hub.listenerCount() + second.server.live.hub.listenerCount() > 0; i++) await new Promise((r) => setTimeout(r, 20));
});
afterAll(async () => {
  await second?.close();
  await h?.close();
});

const tokens = new Map<string, string>();
async function tokenOf(email: string): Promise<string> {
  if (!tokens.has(email)) tokens.set(email, (await h.signIn(email)).credentials.token!);
  return tokens.get(email)!;
}

interface Closed {
  code: number;
  reason: string;
}

interface Live {
  client: WsClient;
  closed: Promise<Closed>;
}

function connect(url: string, params: Record<string, unknown> | (() => Promise<Record<string, unknown>>), retry = false): Live {
  let closedWith: (c: Closed) => void = () => undefined;
  const closed = new Promise<Closed>((resolve) => (closedWith = resolve));
  const client = createClient({
    url: url.replace(/^http/, 'ws') + '/graphql',
    webSocketImpl: WebSocket,
    connectionParams: typeof params === 'function' ? params : () => params,
    lazy: false,
    retryAttempts: retry ? 20 : 0,
    retryWait: () => new Promise((r) => setTimeout(r, 100)),
    shouldRetry: () => retry,
    on: { closed: (event) => closedWith({ code: (event as { code: number }).code, reason: String((event as { reason: string }).reason) }) },
  });
  return { client, closed };
}

async function liveAs(email: string, url = h.url): Promise<Live> {
  return connect(url, { authorization: `Bearer ${await tokenOf(email)}` });
}

interface Subscription<T = any> {
  received: {
    data?: T;
    errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
    extensions?: Record<string, unknown>;
  }[];
  /** Resolves once `n` results (data or errors) arrived; fails after a while. */
  until(n: number, ms?: number): Promise<void>;
  error: Promise<unknown>;
  stop(): void;
}

function subscribe<T = any>(live: Live, query: string, variables?: Record<string, unknown>): Subscription<T> {
  const received: Subscription<T>['received'] = [];
  let failed: (e: unknown) => void = () => undefined;
  const error = new Promise<unknown>((resolve) => (failed = resolve));
  const stop = live.client.subscribe<T>(
    { query, variables },
    { next: (r) => void received.push(r as never), error: (e) => failed(e), complete: () => undefined },
  );
  return {
    received,
    error,
    stop,
    async until(n, ms = 8000) {
      const started = Date.now();
      while (received.length < n) {
        if (Date.now() - started > ms) throw new Error(`expected ${n} results, got ${received.length}: ${JSON.stringify(received)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}

/** Waits until both servers' hubs listen for the tenant (a subscription is in place once its connection is acknowledged and subscribed). */
async function settled(count: () => number, atLeast: number): Promise<void> {
  for (let i = 0; i < 200 && count() < atLeast; i++) await new Promise((r) => setTimeout(r, 20));
  expect(count()).toBeGreaterThanOrEqual(atLeast);
}

async function openAlert(tenantId: string, message: string): Promise<string> {
  const [row] = await h.sql(`INSERT INTO alerts (tenant_id, source, severity, message) VALUES ($1, 'compliance', 'warning', $2) RETURNING id`, [
    tenantId,
    message,
  ]);
  return row.id;
}

const EVENTS = `subscription($f: DomainEventLiveFilter) { domainEventAdded(filter: $f) { id type subjectType subjectGlobalId payload actorUser { email } } }`;
const ALERTS = `subscription { alertChanged { id status message spend acknowledgedBy { email } } }`;

describe('live updates over graphql-ws', () => {
  it('deliver each committed event to the tenant subscribers of both API processes, and to nobody in another tenant', async () => {
    const onFirst = await liveAs('admin@acme.test');
    const onSecond = await liveAs('auditor@acme.test', second.url);
    const otherTenant = await liveAs('admin@globex.test', second.url);
    try {
      const a = subscribe(onFirst, EVENTS, { f: { types: ['ALERT_RAISED', 'ALERT_ACKNOWLEDGED'] } });
      const b = subscribe(onSecond, EVENTS, { f: { types: ['ALERT_RAISED', 'ALERT_ACKNOWLEDGED'] } });
      const g = subscribe(otherTenant, EVENTS);
      await settled(() => h.server.live.hub.listenerCount(acme), 1);
      await settled(() => second.server.live.hub.listenerCount(acme) + second.server.live.hub.listenerCount(globex), 2);

      const alertId = await openAlert(acme, 'Live probe');
      const admin = await h.signIn('admin@acme.test');
      // Acknowledged through the first process; both hear it, the second through its own LISTEN.
      const acked = await admin.ok(`mutation($i: AlertTransitionInput!) { alertAcknowledge(input: $i) { userErrors { message } } }`, {
        i: { alertId: toGlobalId('Alert', alertId) },
      });
      expect(acked.alertAcknowledge.userErrors).toEqual([]);
      await a.until(2);
      await b.until(2);
      expect(a.received.map((r) => r.errors)).toEqual([undefined, undefined]);
      // Auditors read the event log but not members' email addresses: that field of the event is refused, the rest sent.
      expect(b.received.map((r) => r.errors?.map((e) => [e.path, e.extensions?.code]))).toEqual([
        undefined,
        [[['domainEventAdded', 'actorUser', 'email'], 'FORBIDDEN']],
      ]);
      expect(b.received[1].data.domainEventAdded).toEqual(
        expect.objectContaining({ type: 'ALERT_ACKNOWLEDGED', subjectGlobalId: toGlobalId('Alert', alertId) }),
      );
      for (const s of [a]) {
        expect(s.received.map((r) => r.data.domainEventAdded)).toEqual([
          expect.objectContaining({ type: 'ALERT_RAISED', subjectType: 'Alert', subjectGlobalId: toGlobalId('Alert', alertId), actorUser: null }),
          expect.objectContaining({
            type: 'ALERT_ACKNOWLEDGED',
            payload: { severity: 'warning', message: 'Live probe' },
            actorUser: { email: 'admin@acme.test' },
          }),
        ]);
      }
      // Globex hears its own events only.
      await openAlert(globex, 'Globex probe');
      await g.until(1);
      await new Promise((r) => setTimeout(r, 200));
      expect(g.received.map((r) => r.data.domainEventAdded.payload.message)).toEqual(['Globex probe']);
    } finally {
      await Promise.all([onFirst.client.dispose(), onSecond.client.dispose(), otherTenant.client.dispose()]);
    }
  });

  it("tell an agent's page of its lifecycle and every member of approval requests opened and decided, as they are after the change", async () => {
    const planner = toGlobalId('Agent', stableUuid('agent:acme:Roadmap Planner'));
    const viewerLive = await liveAs('viewer@acme.test');
    const developerLive = await liveAs('dev@acme.test', second.url);
    try {
      // With the feed entry the change wrote: the agent page places it without reading the feed again.
      const agent = subscribe(
        viewerLive,
        `subscription($a: ID) { agentChanged(agentId: $a) { id status activity(first: 1, filter: { types: [LIFECYCLE] }) { edges { node { type summary } } } } }`,
        { a: planner },
      );
      const approvals = subscribe(developerLive, `subscription { approvalRequestChanged { id title status viewerCanDecide } }`);
      await settled(() => h.server.live.hub.listenerCount(acme) + second.server.live.hub.listenerCount(acme), 2);
      const dev = await h.signIn('dev@acme.test');
      const resumed = await dev.ok(`mutation($i: AgentLifecycleInput!) { agentResume(input: $i) { agent { status } userErrors { message } } }`, {
        i: { agentId: planner },
      });
      expect(resumed.agentResume.userErrors).toEqual([]);
      await agent.until(1);
      // Each answer names its event, the point a reconnecting client resumes from (lastEventId).
      expect(agent.received[0]).toEqual({
        data: { agentChanged: { id: planner, status: 'DEPLOYED', activity: { edges: [{ node: { type: 'LIFECYCLE', summary: 'suspended → deployed' } }] } } },
        extensions: { eventId: expect.any(String) },
      });

      const created = await dev.ok(
        `mutation($i: ApprovalRequestCreateInput!) { approvalRequestCreate(input: $i) { approvalRequest { id } userErrors { message } } }`,
        {
          i: {
            title: 'Live approval probe',
            steps: [{ name: 'Review', mode: 'SINGLE', deciders: [{ kind: 'MEMBER', userId: toGlobalId('User', stableUuid('user:admin@acme.test')) }] }],
          },
        },
      );
      expect(created.approvalRequestCreate.userErrors).toEqual([]);
      const requestId = created.approvalRequestCreate.approvalRequest.id;
      const admin = await h.signIn('admin@acme.test');
      const approved = await admin.ok(`mutation($i: ApprovalRequestApproveInput!) { approvalRequestApprove(input: $i) { userErrors { message } } }`, {
        i: { requestId, comment: 'fine' },
      });
      expect(approved.approvalRequestApprove.userErrors).toEqual([]);
      await approvals.until(2);
      expect(approvals.received.map((r) => r.data.approvalRequestChanged)).toEqual([
        // The developer asked for it: never theirs to decide (the inbox places requests by this).
        { id: requestId, title: 'Live approval probe', status: 'PENDING', viewerCanDecide: false },
        { id: requestId, title: 'Live approval probe', status: 'APPROVED', viewerCanDecide: false },
      ]);
      // Another agent's events are not this page's business.
      expect(agent.received).toHaveLength(1);
    } finally {
      await Promise.all([viewerLive.client.dispose(), developerLive.client.dispose()]);
    }
  });

  it("tell the deciders of a request's next step when it is passed on to them (approval.step.opened), with the same reads as the others", async () => {
    const [nextLive, firstLive, otherLive, globexLive] = await Promise.all([
      liveAs('compliance@acme.test'),
      liveAs('admin@acme.test', second.url),
      liveAs('viewer@acme.test'),
      liveAs('admin@globex.test', second.url),
    ]);
    const query = `subscription { approvalRequestChanged { id status currentStep { level } viewerCanDecide } }`;
    try {
      const [next, first, other, globexAdmin] = [nextLive, firstLive, otherLive, globexLive].map((live) => subscribe(live, query));
      await settled(() => h.server.live.hub.listenerCount(acme) + second.server.live.hub.listenerCount(acme), 3);
      await settled(() => h.server.live.hub.listenerCount(globex) + second.server.live.hub.listenerCount(globex), 1);
      const dev = await h.signIn('dev@acme.test');
      const member = (email: string) => ({ kind: 'MEMBER', userId: toGlobalId('User', stableUuid(`user:${email}`)) });
      const created = await dev.ok(
        `mutation($i: ApprovalRequestCreateInput!) { approvalRequestCreate(input: $i) { approvalRequest { id } userErrors { message } } }`,
        {
          i: {
            title: 'Two-step live probe',
            steps: [
              { name: 'Review', mode: 'SINGLE', deciders: [member('admin@acme.test')] },
              { name: 'Sign-off', mode: 'SINGLE', deciders: [member('compliance@acme.test')] },
            ],
          },
        },
      );
      expect(created.approvalRequestCreate.userErrors).toEqual([]);
      const id = created.approvalRequestCreate.approvalRequest.id;
      await Promise.all([next.until(1), first.until(1), other.until(1)]);
      const admin = await h.signIn('admin@acme.test');
      const approved = await admin.ok(`mutation($i: ApprovalRequestApproveInput!) { approvalRequestApprove(input: $i) { userErrors { message } } }`, {
        i: { requestId: id, comment: 'reviewed' },
      });
      expect(approved.approvalRequestApprove.userErrors).toEqual([]);
      await Promise.all([next.until(2), first.until(2), other.until(2)]);
      const seen = (s: Subscription) => s.received.map((r) => r.data.approvalRequestChanged);
      const at = (level: number, viewerCanDecide: boolean) => ({ id, status: 'PENDING', currentStep: { level }, viewerCanDecide });
      // The step's decider is told it is theirs now; the first step's decider that it left their inbox; anyone else sees it as the list does.
      expect(seen(next)).toEqual([at(1, false), at(2, true)]);
      expect(seen(first)).toEqual([at(1, true), at(2, false)]);
      expect(seen(other)).toEqual([at(1, false), at(2, false)]);
      const log = await admin.ok(`query($f: DomainEventFilter) { domainEvents(first: 5, filter: $f) { nodes { type payload } } }`, {
        f: { subjectId: id },
      });
      expect(log.domainEvents.nodes.map((e: { type: string }) => e.type)).toEqual(['APPROVAL_STEP_OPENED', 'APPROVAL_REQUESTED']);
      expect(log.domainEvents.nodes[0].payload).toEqual({ kind: 'manual', title: 'Two-step live probe', level: 2, step: 'Sign-off', deadline: null });
      // Another tenant hears nothing of it.
      await new Promise((r) => setTimeout(r, 200));
      expect(globexAdmin.received).toEqual([]);
    } finally {
      await Promise.all([nextLive, firstLive, otherLive, globexLive].map((live) => live.client.dispose()));
    }
  });

  it('tell watchers of a request every decision that leaves its step open (approval.decision.recorded) and every comment, once per decision', async () => {
    const [watcherLive, pageLive, globexLive] = await Promise.all([
      liveAs('viewer@acme.test'),
      liveAs('compliance@acme.test', second.url),
      liveAs('admin@globex.test', second.url),
    ]);
    try {
      const list = subscribe(watcherLive, `subscription { approvalRequestChanged { id status currentStep { approvals requiredApprovals } } }`);
      const globexAdmin = subscribe(globexLive, `subscription { approvalRequestChanged { id } }`);
      // Only a request's id narrows it to one request.
      const wrongId = subscribe(watcherLive, `subscription { approvalRequestChanged(id: "${toGlobalId('Agent', acme)}") { id } }`);
      await wrongId.until(1);
      expect(wrongId.received[0].errors?.[0]).toMatchObject({ message: 'id is not a valid approval request id', extensions: { code: 'BAD_USER_INPUT' } });
      await settled(() => h.server.live.hub.listenerCount(acme), 1);
      await settled(() => second.server.live.hub.listenerCount(globex), 1);
      const dev = await h.signIn('dev@acme.test');
      const member = (email: string) => ({ kind: 'MEMBER', userId: toGlobalId('User', stableUuid(`user:${email}`)) });
      const created = await dev.ok(
        `mutation($i: ApprovalRequestCreateInput!) { approvalRequestCreate(input: $i) { approvalRequest { id } userErrors { message } } }`,
        {
          i: {
            title: 'Three approvals live probe',
            steps: [
              { name: 'Board', mode: 'ANY_N', requiredApprovals: 3, deciders: ['admin@acme.test', 'compliance@acme.test', 'analyst@acme.test'].map(member) },
            ],
          },
        },
      );
      expect(created.approvalRequestCreate.userErrors).toEqual([]);
      const id = created.approvalRequestCreate.approvalRequest.id;
      await list.until(1);
      // The request page listens to its own request only, with what the page shows.
      const page = subscribe(
        pageLive,
        `subscription($id: ID) { approvalRequestChanged(id: $id) { id currentStep { approvals } decisions { value } comments { body } } }`,
        { id },
      );
      await settled(() => second.server.live.hub.listenerCount(acme), 1);
      const approve = async (email: string) => {
        const decider = await h.signIn(email);
        const done = await decider.ok(`mutation($i: ApprovalRequestApproveInput!) { approvalRequestApprove(input: $i) { userErrors { message } } }`, {
          i: { requestId: id, comment: 'fine by me' },
        });
        expect(done.approvalRequestApprove.userErrors).toEqual([]);
      };
      await approve('admin@acme.test');
      await Promise.all([list.until(2), page.until(1)]);
      const seen = () => list.received.map((r) => r.data.approvalRequestChanged);
      expect(seen()[1]).toEqual({ id, status: 'PENDING', currentStep: { approvals: 1, requiredApprovals: 3 } });
      expect(page.received[0].data.approvalRequestChanged).toEqual({ id, currentStep: { approvals: 1 }, decisions: [{ value: 'APPROVE' }], comments: [] });
      const admin = await h.signIn('admin@acme.test');
      const commented = await admin.ok(`mutation($i: ApprovalRequestCommentInput!) { approvalRequestComment(input: $i) { userErrors { message } } }`, {
        i: { requestId: id, body: 'Waiting on legal' },
      });
      expect(commented.approvalRequestComment.userErrors).toEqual([]);
      await Promise.all([list.until(3), page.until(2)]);
      expect(page.received[1].data.approvalRequestChanged.comments).toEqual([{ body: 'Waiting on legal' }]);
      await approve('compliance@acme.test');
      await list.until(4);
      expect(seen()[3]).toEqual({ id, status: 'PENDING', currentStep: { approvals: 2, requiredApprovals: 3 } });
      // The decision that closes the step is announced once, by approval.decided.
      await approve('analyst@acme.test');
      await list.until(5);
      await new Promise((r) => setTimeout(r, 300));
      expect(seen().slice(4)).toEqual([{ id, status: 'APPROVED', currentStep: null }]);
      const log = await admin.ok(`query($f: DomainEventFilter) { domainEvents(first: 10, filter: $f) { nodes { type payload } } }`, { f: { subjectId: id } });
      expect(log.domainEvents.nodes.map((e: { type: string }) => e.type)).toEqual([
        'APPROVAL_DECIDED',
        'APPROVAL_DECISION_RECORDED',
        'APPROVAL_COMMENT_ADDED',
        'APPROVAL_DECISION_RECORDED',
        'APPROVAL_REQUESTED',
      ]);
      expect(log.domainEvents.nodes[3].payload).toEqual({
        kind: 'manual',
        title: 'Three approvals live probe',
        level: 1,
        step: 'Board',
        decision: 'approve',
        approvals: 1,
        rejections: 0,
      });
      // Neither the decision's nor the discussion's text is in an event.
      expect(JSON.stringify(log.domainEvents.nodes)).not.toMatch(/fine by me|Waiting on legal/);
      expect(globexAdmin.received).toEqual([]);
    } finally {
      await Promise.all([watcherLive, pageLive, globexLive].map((live) => live.client.dispose()));
    }
  });

  it('send no event for a change that rolled back', async () => {
    const live = await liveAs('admin@acme.test', second.url);
    try {
      const s = subscribe(live, EVENTS, { f: { types: ['ALERT_RAISED'] } });
      await settled(() => second.server.live.hub.listenerCount(acme), 1);
      await expect(
        inScope(h.services, { actor: { kind: 'system', tenantId: acme, name: 'live test' } }, async (scope) => {
          await scope.tx.manager.query(`INSERT INTO alerts (tenant_id, source, severity, message) VALUES ($1, 'compliance', 'info', 'Rolled back')`, [acme]);
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      await openAlert(acme, 'Committed');
      await s.until(1);
      await new Promise((r) => setTimeout(r, 200));
      expect(s.received.map((r) => r.data.domainEventAdded.payload.message)).toEqual(['Committed']);
    } finally {
      await live.client.dispose();
    }
  });

  it('check the same rules as queries: on subscribe, and on every field of every event', async () => {
    const viewer = await liveAs('viewer@acme.test');
    const compliance = await liveAs('compliance@acme.test');
    const analyst = await liveAs('analyst@acme.test', second.url);
    try {
      // Viewers do not read alerts, nor the event log: refused when they subscribe.
      const refused = subscribe(viewer, ALERTS);
      const refusedLog = subscribe(viewer, EVENTS);
      await refused.until(1);
      await refusedLog.until(1);
      expect(refused.received[0].errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(refusedLog.received[0].errors?.[0].extensions?.code).toBe('FORBIDDEN');

      // A compliance officer reads alerts but not money: each event comes without its spend.
      const c = subscribe(compliance, ALERTS);
      const m = subscribe(analyst, ALERTS);
      await settled(() => h.server.live.hub.listenerCount(acme), 1);
      await settled(() => second.server.live.hub.listenerCount(acme), 1);
      const [row] = await h.sql(
        `INSERT INTO alerts (tenant_id, source, severity, message, spend) VALUES ($1, 'compliance', 'critical', 'Money probe', 123.45) RETURNING id`,
        [acme],
      );
      await c.until(1);
      await m.until(1);
      expect(c.received[0].data).toEqual({
        alertChanged: { id: toGlobalId('Alert', row.id), status: 'OPEN', message: 'Money probe', spend: null, acknowledgedBy: null },
      });
      expect(c.received[0].errors).toEqual([
        expect.objectContaining({ path: ['alertChanged', 'spend'], extensions: expect.objectContaining({ code: 'FORBIDDEN' }) }),
      ]);
      expect(m.received[0].data.alertChanged).toEqual(expect.objectContaining({ message: 'Money probe', spend: expect.stringMatching(/^123\.45/) }));
      expect(m.received[0].errors).toBeUndefined();

      // A role change takes effect with the next event: the caller is confirmed again for each one.
      const [analystUser] = await h.sql(`SELECT id FROM users WHERE email = 'analyst@acme.test'`);
      await h.sql(`UPDATE memberships SET role = 'viewer' WHERE user_id = $1 AND tenant_id = $2`, [analystUser.id, acme]);
      try {
        await openAlert(acme, 'After demotion');
        await m.until(2);
        expect(m.received[1].data).toEqual({ alertChanged: null });
        expect(m.received[1].errors?.[0].extensions?.code).toBe('FORBIDDEN');
      } finally {
        await h.sql(`UPDATE memberships SET role = 'analyst' WHERE user_id = $1 AND tenant_id = $2`, [analystUser.id, acme]);
      }
    } finally {
      await Promise.all([viewer.client.dispose(), compliance.client.dispose(), analyst.client.dispose()]);
    }
  });

  it('read each event once per audience: subscribers with the same credentials share one read, two roles get their own fields', async () => {
    // Two connections of one compliance officer (one audience) and an analyst (another) on the same process.
    const c1 = await liveAs('compliance@acme.test');
    const c2 = await liveAs('compliance@acme.test');
    const analyst = await liveAs('analyst@acme.test');
    const fanout = h.server.live.fanout;
    try {
      const a = subscribe(c1, ALERTS);
      const b = subscribe(c2, ALERTS);
      const m = subscribe(analyst, ALERTS);
      await settled(() => fanout.stats().subscribers, 3);
      // One stream (one hub listener) per audience, not per subscription.
      expect(fanout.stats().audiences).toBe(2);
      // Each audience's stream starts listening once its first read is set up, a moment after the subscription is taken.
      await settled(() => h.server.live.hub.listenerCount(acme), 2);
      expect(h.server.live.hub.listenerCount(acme)).toBe(2);
      const before = fanout.stats().executed;

      const [row] = await h.sql(
        `INSERT INTO alerts (tenant_id, source, severity, message, spend) VALUES ($1, 'compliance', 'critical', 'Shared probe', 67.89) RETURNING id`,
        [acme],
      );
      await Promise.all([a.until(1), b.until(1), m.until(1)]);
      // Read and executed twice, once per audience, for three subscribers.
      expect(fanout.stats().executed - before).toBe(2);
      // The compliance officer's two subscriptions got the very same answer: without spend, which the role may not read.
      expect(b.received[0]).toEqual(a.received[0]);
      expect(a.received[0].data).toEqual({
        alertChanged: { id: toGlobalId('Alert', row.id), status: 'OPEN', message: 'Shared probe', spend: null, acknowledgedBy: null },
      });
      expect(a.received[0].errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['alertChanged', 'spend'], 'FORBIDDEN']]);
      // The analyst's audience read the same event under its own role: spend included.
      expect(m.received[0].data.alertChanged).toEqual(expect.objectContaining({ message: 'Shared probe', spend: expect.stringMatching(/^67\.89/) }));
      expect(m.received[0].errors).toBeUndefined();
      // Both name the same event, the point to resume from.
      expect(m.received[0].extensions).toEqual(a.received[0].extensions);
      expect((a.received[0] as { extensions?: { eventId?: string } }).extensions?.eventId).toMatch(/^[A-Za-z0-9_-]+$/);

      // One subscriber leaving does not end the audience's stream for the other.
      a.stop();
      await settled(() => (fanout.stats().subscribers === 2 ? 1 : 0), 1);
      await openAlert(acme, 'After one left');
      await b.until(2);
      expect(b.received[1].data.alertChanged.message).toBe('After one left');
    } finally {
      await Promise.all([c1.client.dispose(), c2.client.dispose(), analyst.client.dispose()]);
    }
  });

  it('resume from lastEventId: the events committed after it, in order, once, then the live ones', async () => {
    const admin = await liveAs('admin@acme.test');
    let resumed: Live | undefined;
    try {
      const first = subscribe(admin, ALERTS);
      await settled(() => h.server.live.hub.listenerCount(acme), 1);
      await openAlert(acme, 'Seen before the loss');
      await first.until(1);
      const lastEventId = (first.received[0] as { extensions: { eventId: string } }).extensions.eventId;
      await admin.client.dispose();

      // Committed while the client was away: two alerts, one of them acknowledged.
      const missedA = await openAlert(acme, 'Missed A');
      const missedB = await openAlert(acme, 'Missed B');
      await h.sql(`UPDATE alerts SET status = 'acknowledged', acknowledged_at = now() WHERE id = $1`, [missedA]);

      resumed = connect(h.url, { authorization: `Bearer ${await tokenOf('admin@acme.test')}`, lastEventId });
      const again = subscribe(resumed, ALERTS);
      await again.until(3);
      await openAlert(acme, 'Live after resuming');
      await again.until(4);
      await new Promise((r) => setTimeout(r, 200));
      expect(again.received.map((r) => [r.data.alertChanged.message, r.data.alertChanged.status])).toEqual([
        ['Missed A', 'ACKNOWLEDGED'],
        ['Missed B', 'OPEN'],
        ['Missed A', 'ACKNOWLEDGED'],
        ['Live after resuming', 'OPEN'],
      ]);
      expect(again.received.slice(0, 3).map((r) => r.data.alertChanged.id)).toEqual([missedA, missedB, missedA].map((id) => toGlobalId('Alert', id)));
      // Each answer names a different event: nothing handed out twice.
      const ids = again.received.map((r) => (r as { extensions: { eventId: string } }).extensions.eventId);
      expect(new Set(ids).size).toBe(4);
      expect(ids).not.toContain(lastEventId);

      // Not an event id: refused with a clear reason.
      const bad = connect(h.url, { authorization: `Bearer ${await tokenOf('admin@acme.test')}`, lastEventId: 'nonsense' });
      expect(await bad.closed).toEqual({ code: 4400, reason: expect.stringContaining('lastEventId') });
      await bad.client.dispose();
    } finally {
      await Promise.all([admin.client.dispose(), resumed?.client.dispose()]);
    }
  });

  it("count a member's unread notifications once per batch of events, not once per event", async () => {
    const admin = await liveAs('admin@acme.test');
    try {
      const s = subscribe<{ notificationUnreadCountChanged: number }>(admin, `subscription { notificationUnreadCountChanged }`);
      await settled(() => h.server.live.hub.listenerCount(acme), 1);
      const [{ n }] = await h.sql(
        `SELECT count(*)::int AS n FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.email = 'admin@acme.test' AND n.read_at IS NULL`,
      );
      const loadsBefore = liveLoads();
      // Five alerts about no agent in one transaction: five events, each notifying the tenant's admins, heard as one batch.
      await h.sql(`INSERT INTO alerts (tenant_id, source, severity, message) SELECT $1, 'compliance', 'warning', 'Burst ' || i FROM generate_series(1, 5) i`, [
        acme,
      ]);
      await s.until(1);
      await new Promise((r) => setTimeout(r, 200));
      expect(s.received.map((r) => r.data?.notificationUnreadCountChanged)).toEqual([n + 5]);
      // One count for the five events.
      expect(liveLoads() - loadsBefore).toBe(1);
    } finally {
      await admin.client.dispose();
    }
  });

  it('authenticate at connection time like HTTP: no, bad, unknown or expired credentials close with 4401', async () => {
    const anonymous = connect(h.url, {});
    expect(await anonymous.closed).toEqual({ code: LIVE_CLOSE.UNAUTHORIZED, reason: expect.stringContaining('Sign in') });
    const forged = connect(h.url, { authorization: 'Bearer not-a-token' });
    expect((await forged.closed).code).toBe(LIVE_CLOSE.UNAUTHORIZED);
    const unknownKey = connect(h.url, { apiKey: 'stw_nope' });
    expect((await unknownKey.closed).code).toBe(LIVE_CLOSE.UNAUTHORIZED);

    // A token that expires while connected closes the connection when it does.
    const shortLived = new AccessTokens(h.services.config.signingKeys, 1);
    const [admin] = await h.sql(
      `SELECT u.id, s.family_id AS session FROM users u JOIN sessions s ON s.user_id = u.id WHERE u.email = 'admin@acme.test' AND s.revoked_at IS NULL AND s.expires_at > now() LIMIT 1`,
    );
    const { token } = await shortLived.issue(admin.id, admin.session, acme);
    const expiring = connect(h.url, { authorization: `Bearer ${token}` });
    const s = subscribe(expiring, EVENTS);
    expect(await expiring.closed).toEqual({ code: LIVE_CLOSE.UNAUTHORIZED, reason: expect.stringContaining('expired') });
    expect(s.received).toEqual([]);
  });

  it('keep a connection whose client sends a fresh access token by ping before the old one expires; refuse a token for someone else', async () => {
    const [admin] = await h.sql(
      `SELECT u.id, s.family_id AS session FROM users u JOIN sessions s ON s.user_id = u.id WHERE u.email = 'admin@acme.test' AND s.revoked_at IS NULL AND s.expires_at > now() LIMIT 1`,
    );
    const shortLived = new AccessTokens(h.services.config.signingKeys, 2);
    const { token } = await shortLived.issue(admin.id, admin.session, acme);
    const socket = new WebSocket(h.url.replace(/^http/, 'ws') + '/graphql', 'graphql-transport-ws');
    const messages: { type: string; id?: string; payload?: any }[] = [];
    socket.on('message', (data) => messages.push(JSON.parse(String(data))));
    const closed = new Promise<Closed>((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
    const arrived = async (type: string) => {
      for (let i = 0; i < 250 && !messages.some((m) => m.type === type); i++) await new Promise((r) => setTimeout(r, 20));
      return messages.find((m) => m.type === type);
    };
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
    expect(await arrived('connection_ack')).toBeDefined();
    socket.send(JSON.stringify({ type: 'subscribe', id: '1', payload: { query: EVENTS, variables: { f: { types: ['ALERT_RAISED'] } } } }));
    await settled(() => h.server.live.hub.listenerCount(acme), 1);
    socket.send(JSON.stringify({ type: 'ping', payload: { authorization: `Bearer ${await tokenOf('admin@acme.test')}` } }));
    expect(await arrived('pong')).toBeDefined();
    // Past the first token's expiry: still open, still delivering.
    await new Promise((r) => setTimeout(r, 2500));
    expect(socket.readyState).toBe(WebSocket.OPEN);
    await openAlert(acme, 'After refresh');
    expect((await arrived('next'))?.payload.data.domainEventAdded.payload.message).toBe('After refresh');
    // A token for another user is not a refresh.
    socket.send(JSON.stringify({ type: 'ping', payload: { authorization: `Bearer ${await tokenOf('viewer@acme.test')}` } }));
    expect(await closed).toEqual({ code: LIVE_CLOSE.UNAUTHORIZED, reason: expect.stringContaining('someone else') });
  });

  it('refuse queries and mutations over WebSocket, and more subscriptions than a connection may hold', async () => {
    const live = await liveAs('admin@acme.test');
    try {
      const query = subscribe(live, `query { viewer { __typename } }`);
      await expect(query.error).resolves.toEqual([expect.objectContaining({ message: expect.stringContaining('Only subscriptions') })]);
      const invalid = subscribe(live, `subscription { alertChanged { noSuchField } }`);
      await expect(invalid.error).resolves.toEqual([expect.objectContaining({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })]);
      const held = [1, 2, 3].map(() => subscribe(live, EVENTS));
      const extra = subscribe(live, EVENTS);
      await expect(extra.error).resolves.toEqual([expect.objectContaining({ message: 'A connection may hold 3 subscriptions' })]);
      held.forEach((s) => s.stop());
    } finally {
      await live.client.dispose();
    }
  });

  it('close a client that does not keep up with 4408 rather than queueing without bound', async () => {
    const live = await liveAs('admin@acme.test');
    const s = subscribe(live, EVENTS, { f: { types: ['ALERT_RAISED'] } });
    await settled(() => h.server.live.hub.listenerCount(acme), 1);
    // Twenty events in one commit arrive in one burst: more than the five a subscription may have waiting.
    await h.sql(`INSERT INTO alerts (tenant_id, source, severity, message) SELECT $1, 'compliance', 'info', 'Burst ' || n FROM generate_series(1, 20) n`, [
      acme,
    ]);
    expect(await live.closed).toEqual({ code: LIVE_CLOSE.TOO_SLOW, reason: expect.stringContaining('Too slow') });
    await live.client.dispose();
    expect(s.received.length).toBeLessThan(20);
  });

  it('limit live connections per tenant and process (4430)', async () => {
    const open: Live[] = [];
    try {
      for (let i = 0; i < 6; i++) {
        const live = await liveAs('admin@acme.test', second.url);
        subscribe(live, EVENTS);
        open.push(live);
      }
      await settled(() => second.server.live.connections(acme), 6);
      const refused = await liveAs('admin@acme.test', second.url);
      expect(await refused.closed).toEqual({ code: LIVE_CLOSE.TOO_MANY_CONNECTIONS, reason: expect.stringContaining('live connections') });
      // Another tenant is not affected.
      const other = await liveAs('admin@globex.test', second.url);
      const g = subscribe(other, EVENTS);
      await settled(() => second.server.live.hub.listenerCount(globex), 1);
      g.stop();
      await other.client.dispose();
    } finally {
      await Promise.all(open.map((l) => l.client.dispose()));
    }
  });

  it('catch up on events committed while the hub had lost its database connection', async () => {
    const live = await liveAs('admin@acme.test', second.url);
    try {
      const s = subscribe(live, EVENTS, { f: { types: ['ALERT_RAISED'] } });
      await settled(() => second.server.live.hub.listenerCount(acme), 1);
      second.server.live.hub.simulateLoss();
      expect(second.server.live.hub.listening).toBe(false);
      await openAlert(acme, 'While deaf');
      for (let i = 0; i < 200 && !second.server.live.hub.listening; i++) await new Promise((r) => setTimeout(r, 20));
      await s.until(1);
      expect(s.received[0].data.domainEventAdded.payload.message).toBe('While deaf');
    } finally {
      await live.client.dispose();
    }
  });

  it('reconnect after the API process restarts, to the process still running', async () => {
    const third = await secondServer();
    // The client's address alternates between the two servers, as a load balancer would when one goes away.
    const addresses = [third.url, h.url];
    let attempt = 0;
    const client = createClient({
      url: () => addresses[Math.min(attempt++, 1)].replace(/^http/, 'ws') + '/graphql',
      webSocketImpl: WebSocket,
      connectionParams: async () => ({ authorization: `Bearer ${await tokenOf('admin@acme.test')}` }),
      retryAttempts: 20,
      retryWait: () => new Promise((r) => setTimeout(r, 100)),
      shouldRetry: () => true,
    });
    try {
      const s = subscribe({ client, closed: new Promise(() => undefined) }, EVENTS, { f: { types: ['ALERT_RAISED'] } });
      await settled(() => third.server.live.hub.listenerCount(acme), 1);
      await openAlert(acme, 'Before restart');
      await s.until(1);
      await third.close();
      await settled(() => h.server.live.hub.listenerCount(acme), 1);
      await openAlert(acme, 'After restart');
      await s.until(2);
      expect(s.received.map((r) => r.data.domainEventAdded.payload.message)).toEqual(['Before restart', 'After restart']);
    } finally {
      await client.dispose();
    }
  });
});
