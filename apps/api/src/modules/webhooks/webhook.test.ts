import { Webhook } from 'standardwebhooks';
import { Harness, startHarness } from '../../../test/harness';
import { HttpReceiver } from '../../../test/http-receiver';
import { stableUuid } from '../../db/seed/deterministic';
import { toGlobalId } from '../../graphql/global-id';
import { inScope } from '../../scope';
import { attemptDelivery, isRefusedAddress, RETRY_DELAYS_SECONDS } from '.';
import { resolveTarget, TargetRefused } from './webhook.targets';

const acme = stableUuid('tenant:acme');
let h: Harness;
const receiver = new HttpReceiver();
/** The partner's endpoint on the receiver. */
const hooks = () => `${receiver.base}/hooks`;
beforeAll(async () => {
  await receiver.start();
  h = await startHarness({ webhooks: { allowedHosts: ['127.0.0.1'], timeoutMs: 1000, disableAfterFailures: 50 } });
});
afterAll(async () => {
  await h.close();
  await receiver.stop();
});
afterEach(() => {
  receiver.reset();
  h.services.config.webhooks.disableAfterFailures = 50;
});

const ENDPOINT = 'id url active disabledReason failureStreak eventTypes';
const CREATE = `mutation($i: WebhookEndpointCreateInput!) { webhookEndpointCreate(input: $i) { webhookEndpoint { ${ENDPOINT} } secret userErrors { field message code } } }`;
const DELIVERIES = `query($f: WebhookDeliveryFilter) { webhookDeliveries(first: 20, filter: $f) { nodes {
  id messageId eventType status attempts nextAttemptAt lastStatusCode lastError body redeliveryOf { id } attemptLog { attempt statusCode durationMs responseExcerpt error } } } }`;

async function admin() {
  return h.signIn('admin@acme.test');
}

async function addEndpoint(eventTypes: string[] = []): Promise<{ id: string; uuid: string; secret: string }> {
  const created = await (await admin()).ok(CREATE, { i: { url: hooks(), description: 'Test receiver', eventTypes } });
  expect(created.webhookEndpointCreate.userErrors).toEqual([]);
  const id = created.webhookEndpointCreate.webhookEndpoint.id;
  return { id, uuid: Buffer.from(id, 'base64url').toString('utf8').split(':')[1], secret: created.webhookEndpointCreate.secret };
}

async function removeEndpoint(id: string): Promise<void> {
  await (
    await admin()
  ).ok(`mutation($i: WebhookEndpointInput!) { webhookEndpointDelete(input: $i) { userErrors { message } } }`, { i: { webhookEndpointId: id } });
}

async function openAlert(): Promise<string> {
  const [row] = await h.sql(`INSERT INTO alerts (tenant_id, source, severity, message) VALUES ($1, 'compliance', 'warning', 'Webhook probe') RETURNING id`, [
    acme,
  ]);
  return row.id;
}

async function acknowledge(alertId: string): Promise<void> {
  const done = await (
    await admin()
  ).ok(`mutation($i: AlertTransitionInput!) { alertAcknowledge(input: $i) { userErrors { message } } }`, {
    i: { alertId: toGlobalId('Alert', alertId) },
  });
  expect(done.alertAcknowledge.userErrors).toEqual([]);
}

async function deliveriesOf(endpointId: string) {
  return (await (await admin()).ok(DELIVERIES, { f: { webhookEndpointId: endpointId } })).webhookDeliveries.nodes;
}

describe('webhook endpoints', () => {
  it('show their signing secret once, keep it encrypted, and are for admins only', async () => {
    const endpoint = await addEndpoint();
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const text = await h.sql(`SELECT to_jsonb(w)::text AS t FROM webhook_endpoints w UNION ALL SELECT to_jsonb(a)::text FROM audit_entries a`);
    expect(text.map((r) => r.t).join('\n')).not.toContain(endpoint.secret.slice(6));
    const listed = await (await admin()).ok(`{ webhookEndpoints(first: 5) { nodes { id url createdBy { email } } } }`);
    expect(listed.webhookEndpoints.nodes).toContainEqual({ id: endpoint.id, url: hooks(), createdBy: { email: 'admin@acme.test' } });
    for (const email of ['dev@acme.test', 'auditor@acme.test', 'viewer@acme.test']) {
      const caller = await h.signIn(email);
      expect((await caller.gql(`{ webhookEndpoints(first: 5) { nodes { id } } }`)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await caller.gql(CREATE, { i: { url: hooks() } })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    const globex = await h.signIn('admin@globex.test');
    expect((await globex.ok(`{ webhookEndpoints(first: 20) { nodes { id } } }`)).webhookEndpoints.nodes).toEqual([]);
    expect((await globex.gql(DELIVERIES, { f: { webhookEndpointId: endpoint.id } })).data.webhookDeliveries.nodes).toEqual([]);
    await removeEndpoint(endpoint.id);
  });

  it('refuse URLs that reach loopback, private, link-local or metadata addresses, unless the deployment allows the host', async () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.9',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      'fd00:ec2::254',
      'fe80::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '64:ff9b::a9fe:a9fe',
    ]) {
      expect([address, isRefusedAddress(address)]).toEqual([address, true]);
    }
    for (const address of ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111']) expect([address, isRefusedAddress(address)]).toEqual([address, false]);
    for (const url of [
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]:8080/',
      'http://localhost/',
      'https://10.0.0.1/',
      'ftp://example.com/',
      'https://user:pw@8.8.8.8/',
    ]) {
      await expect(resolveTarget(url, true, [])).rejects.toBeInstanceOf(TargetRefused);
    }
    await expect(resolveTarget('http://8.8.8.8/', true, [])).rejects.toThrow('must use https');
    await expect(resolveTarget('https://8.8.8.8/hook', true, [])).resolves.toMatchObject({ address: '8.8.8.8', family: 4 });
    await expect(resolveTarget(hooks(), false, ['127.0.0.1'])).resolves.toMatchObject({ address: '127.0.0.1' });

    const refused = await (await admin()).ok(CREATE, { i: { url: 'http://169.254.169.254/latest/meta-data' } });
    expect(refused.webhookEndpointCreate).toEqual({
      webhookEndpoint: null,
      secret: null,
      userErrors: [{ field: ['input', 'url'], message: expect.stringContaining('169.254.169.254'), code: 'BAD_USER_INPUT' }],
    });
  });
});

describe('webhook deliveries', () => {
  it('are made with the event in its transaction and signed as Standard Webhooks say, verified by the reference library', async () => {
    const endpoint = await addEndpoint(['ALERT_ACKNOWLEDGED']);
    const alertId = await openAlert();
    await acknowledge(alertId);
    const [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery).toMatchObject({ eventType: 'alert.acknowledged', status: 'PENDING', attempts: 0 });
    await h.runJobs();

    expect(receiver.received).toHaveLength(1);
    const { headers, body } = receiver.received[0];
    const verified = new Webhook(endpoint.secret).verify(body, headers) as Record<string, any>;
    expect(verified).toMatchObject({
      type: 'alert.acknowledged',
      schemaVersion: 1,
      actor: { type: 'user', userId: toGlobalId('User', stableUuid('user:admin@acme.test')) },
      subject: { type: 'Alert', id: toGlobalId('Alert', alertId) },
      data: { severity: 'warning', message: 'Webhook probe' },
    });
    expect(headers['webhook-id']).toBe(delivery.messageId);
    expect(() => new Webhook(endpoint.secret).verify(body.replace('Webhook probe', 'Webhook prob3'), headers)).toThrow();
    const [done] = await deliveriesOf(endpoint.id);
    expect(done).toMatchObject({ status: 'SUCCEEDED', attempts: 1, lastStatusCode: 200, attemptLog: [{ attempt: 1, statusCode: 200, responseExcerpt: 'ok' }] });

    // Redelivery: the same webhook-id and body, as a new delivery.
    const again = await (
      await admin()
    ).ok(`mutation($i: WebhookDeliveryInput!) { webhookDeliveryRedeliver(input: $i) { webhookDelivery { id redeliveryOf { id } } userErrors { message } } }`, {
      i: { webhookDeliveryId: done.id },
    });
    expect(again.webhookDeliveryRedeliver.webhookDelivery.redeliveryOf).toEqual({ id: done.id });
    await h.runJobs();
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1].headers['webhook-id']).toBe(done.messageId);
    expect(receiver.received[1].body).toBe(body);

    // Types the endpoint did not ask for are not sent; neither is an event whose change rolled back.
    const other = await openAlert();
    await expect(
      inScope(h.services, { actor: { kind: 'system', tenantId: acme, name: 'webhook test' } }, async (scope) => {
        await scope.tx.manager.query(`UPDATE alerts SET status = 'acknowledged' WHERE id = $1`, [other]);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await deliveriesOf(endpoint.id)).toHaveLength(2);
    await removeEndpoint(endpoint.id);
  });

  it('send a test event on request', async () => {
    const endpoint = await addEndpoint();
    const sent = await (
      await admin()
    ).ok(`mutation($i: WebhookEndpointInput!) { webhookEndpointTest(input: $i) { webhookDelivery { eventType status } userErrors { message } } }`, {
      i: { webhookEndpointId: endpoint.id },
    });
    expect(sent.webhookEndpointTest).toEqual({ webhookDelivery: { eventType: 'webhook.test', status: 'PENDING' }, userErrors: [] });
    await h.runJobs();
    expect(receiver.received).toHaveLength(1);
    expect(new Webhook(endpoint.secret).verify(receiver.received[0].body, receiver.received[0].headers)).toMatchObject({ type: 'webhook.test' });
    await removeEndpoint(endpoint.id);
  });

  it('are retried with exponential backoff for about a day, then fail, keeping only an excerpt of each answer', async () => {
    const endpoint = await addEndpoint(['ALERT_ACKNOWLEDGED']);
    receiver.answer = (_req, res) => res.writeHead(500).end('x'.repeat(50_000));
    await acknowledge(await openAlert());
    const [{ id }] = await deliveriesOf(endpoint.id);
    const deliveryId = Buffer.from(id, 'base64url').toString('utf8').split(':')[1];
    let at = new Date('2030-01-01T00:00:00Z');
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 8; attempt++) {
      const result = await attemptDelivery(h.services, acme, deliveryId, at);
      expect(result?.statusCode).toBe(500);
      const [row] = await h.sql(`SELECT status, attempts, next_attempt_at FROM webhook_deliveries WHERE id = $1`, [deliveryId]);
      expect(row.attempts).toBe(attempt);
      if (attempt < 8) {
        expect(row.status).toBe('retrying');
        waits.push((row.next_attempt_at.getTime() - at.getTime()) / 1000);
        const [job] = await h.sql(`SELECT run_at FROM graphile_worker.jobs WHERE key = $1`, [`webhooks:deliver:${deliveryId}`]);
        expect(job.run_at.getTime()).toBe(row.next_attempt_at.getTime());
        at = row.next_attempt_at;
      } else expect(row).toMatchObject({ status: 'failed', next_attempt_at: null });
    }
    expect(waits).toEqual(RETRY_DELAYS_SECONDS);
    expect(await attemptDelivery(h.services, acme, deliveryId, at)).toBeNull();
    const [failed] = await deliveriesOf(endpoint.id);
    expect(failed.attemptLog).toHaveLength(8);
    expect(failed.attemptLog[0].responseExcerpt).toHaveLength(1024);
    await removeEndpoint(endpoint.id);
  });

  it('time out, and follow no redirect', async () => {
    const endpoint = await addEndpoint(['ALERT_ACKNOWLEDGED']);
    receiver.answer = () => undefined;
    await acknowledge(await openAlert());
    const [first] = await deliveriesOf(endpoint.id);
    const firstId = Buffer.from(first.id, 'base64url').toString('utf8').split(':')[1];
    const slow = await attemptDelivery(h.services, acme, firstId);
    expect(slow).toMatchObject({ statusCode: null, error: 'no answer within 1000 ms' });
    expect(slow!.durationMs).toBeLessThan(3000);

    receiver.answer = (_req, res) => res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data' }).end();
    receiver.received.length = 0;
    const moved = await attemptDelivery(h.services, acme, firstId);
    expect(moved).toMatchObject({ statusCode: 302 });
    expect(receiver.received).toHaveLength(1);
    const [row] = await h.sql(`SELECT status FROM webhook_deliveries WHERE id = $1`, [firstId]);
    expect(row.status).toBe('retrying');
    await removeEndpoint(endpoint.id);
  });

  it('switch their endpoint off after a streak of failures, with an alert, until an admin activates it', async () => {
    h.services.config.webhooks.disableAfterFailures = 3;
    const endpoint = await addEndpoint(['ALERT_ACKNOWLEDGED']);
    receiver.answer = (_req, res) => res.writeHead(503).end('down');
    for (let i = 0; i < 3; i++) await acknowledge(await openAlert());
    const ids = (await deliveriesOf(endpoint.id)).map((d: { id: string }) => Buffer.from(d.id, 'base64url').toString('utf8').split(':')[1]);
    expect(ids).toHaveLength(3);
    await attemptDelivery(h.services, acme, ids[0]);
    await attemptDelivery(h.services, acme, ids[1]);
    const third = await attemptDelivery(h.services, acme, ids[2]);
    expect(third?.statusCode).toBe(503);

    const caller = await admin();
    const state = await caller.ok(`query($id: ID!) { webhookEndpoint(id: $id) { ${ENDPOINT} } }`, { id: endpoint.id });
    expect(state.webhookEndpoint).toMatchObject({ active: false, failureStreak: 3, disabledReason: 'Switched off after 3 failed attempts in a row' });
    expect((await deliveriesOf(endpoint.id)).map((d: { status: string }) => d.status).sort()).toEqual(['CANCELLED', 'CANCELLED', 'CANCELLED']);
    const alerts = await caller.ok(`{ alerts(first: 5, filter: { sources: [WEBHOOK] }) { nodes { severity message } } }`);
    expect(alerts.alerts.nodes[0]).toEqual({ severity: 'WARNING', message: expect.stringContaining(hooks()) });
    const [audit] = await h.sql(`SELECT actor_type, action FROM audit_entries WHERE action = 'webhookEndpoint.autoDisable' AND entity_id = $1`, [
      endpoint.uuid,
    ]);
    expect(audit).toEqual({ actor_type: 'system', action: 'webhookEndpoint.autoDisable' });

    // Nothing more is made for it until it is switched on again.
    await acknowledge(await openAlert());
    expect(await deliveriesOf(endpoint.id)).toHaveLength(3);
    const on = await caller.ok(
      `mutation($i: WebhookEndpointInput!) { webhookEndpointActivate(input: $i) { webhookEndpoint { ${ENDPOINT} } userErrors { message } } }`,
      {
        i: { webhookEndpointId: endpoint.id },
      },
    );
    expect(on.webhookEndpointActivate.webhookEndpoint).toMatchObject({ active: true, failureStreak: 0, disabledReason: null });
    await acknowledge(await openAlert());
    expect(await deliveriesOf(endpoint.id)).toHaveLength(4);
    await removeEndpoint(endpoint.id);
  });
});
