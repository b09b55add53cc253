import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { Caller, Harness, startHarness } from '../../../test/harness';
import { HttpReceiver } from '../../../test/http-receiver';
import { stableUuid } from '../../db/seed/deterministic';
import { parseGlobalId, toGlobalId } from '../../graphql/global-id';
import { closeTransports, MailReceiver } from '../mail';
import { driveExecution } from '../workflow-executions';
import { attemptChannelDelivery, CHANNEL_RETRY_DELAYS_SECONDS } from '.';

const acme = stableUuid('tenant:acme');
const receiver = new HttpReceiver();
const smtp = new MailReceiver();
let h: Harness;
let admin: Caller;
let agentId: string;

beforeAll(async () => {
  await receiver.start();
  const smtpUrl = await smtp.start();
  h = await startHarness({
    webhooks: { allowedHosts: ['127.0.0.1'], timeoutMs: 1000, disableAfterFailures: 50 },
    mail: { smtpUrl, from: 'Steward <no-reply@steward.test>', publicUrl: 'http://steward.test' },
  });
  admin = await h.signIn('admin@acme.test');
  const [agent] = await h.sql(`SELECT id FROM agents WHERE tenant_id = $1 AND status = 'deployed' ORDER BY created_at LIMIT 1`, [acme]);
  agentId = agent.id;
  // The seeded channels of this agent stay out of the way: only the test's own channels are enabled.
  await h.sql(`UPDATE agent_channels SET enabled = false WHERE agent_id = $1`, [agentId]);
});
afterAll(async () => {
  await h.close();
  closeTransports();
  await receiver.stop();
  await smtp.stop();
});
afterEach(async () => {
  receiver.reset();
  await h.sql(`UPDATE agent_channels SET enabled = false WHERE agent_id = $1`, [agentId]);
});

const ADD = `mutation($i: AgentChannelAddInput!) { agentChannelAdd(input: $i) { channel { id } userErrors { field message } } }`;
const LOG = `query($id: ID!) { node(id: $id) { ... on AgentChannel { deliveries {
  id source subject text status attempts nextAttemptAt lastStatusCode lastDurationMs lastError responseExcerpt completedAt } } } }`;
const SEND_TEST = `mutation($i: AgentChannelSendTestInput!) { agentChannelSendTest(input: $i) { delivery { id status source } userErrors { field message code } } }`;

async function addChannel(type: string, name: string, config: Record<string, unknown>): Promise<{ id: string; uuid: string }> {
  const { agentChannelAdd } = await admin.ok(ADD, { i: { agentId: toGlobalId('Agent', agentId), type, name, enabled: true, config } });
  expect(agentChannelAdd.userErrors).toEqual([]);
  return { id: agentChannelAdd.channel.id, uuid: parseGlobalId(agentChannelAdd.channel.id)!.id };
}

const deliveriesOf = async (channelId: string) => (await admin.ok(LOG, { id: channelId })).node.deliveries;

async function raiseAlert(message: string): Promise<string> {
  const [row] = await h.sql(`INSERT INTO alerts (tenant_id, source, severity, message, agent_id) VALUES ($1, 'compliance', 'critical', $2, $3) RETURNING id`, [
    acme,
    message,
    agentId,
  ]);
  return row.id;
}

const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

describe("agents' channels deliver", () => {
  it('sends an alert about the agent to its webhook channel, signed the Standard Webhooks way, and logs the delivery', async () => {
    const secret = newSecret();
    const channel = await addChannel('WEBHOOK', 'Ops hook', { url: `${receiver.base}/ops`, secret });
    // A rolled-back alert makes no delivery.
    await expect(
      h.dataSource.transaction(async (m) => {
        await m.query(`INSERT INTO alerts (tenant_id, source, severity, message, agent_id) VALUES ($1, 'compliance', 'warning', 'Never', $2)`, [acme, agentId]);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await h.sql(`SELECT id FROM channel_deliveries WHERE channel_id = $1`, [channel.uuid])).toEqual([]);

    await raiseAlert('Error rate above 40% for 10 minutes');
    const [queued] = await h.sql(`SELECT id, status FROM channel_deliveries WHERE channel_id = $1`, [channel.uuid]);
    expect(queued.status).toBe('pending');
    const [job] = await h.sql(`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE key = $1`, [`channels:deliver:${queued.id}`]);
    expect(job.n).toBe(1);

    await h.runJobs();
    const got = receiver.received.filter((r) => r.path === '/ops');
    expect(got).toHaveLength(1);
    const verified = new Webhook(secret).verify(got[0].body, got[0].headers) as Record<string, any>;
    expect(verified).toMatchObject({ type: 'channel.message', source: 'event', text: 'Error rate above 40% for 10 minutes', channel: { name: 'Ops hook' } });
    expect(() => new Webhook(newSecret()).verify(got[0].body, got[0].headers)).toThrow();

    const [logged] = await deliveriesOf(channel.id);
    expect(logged).toMatchObject({ source: 'EVENT', status: 'SUCCEEDED', attempts: 1, lastStatusCode: 200, lastError: null, responseExcerpt: 'ok' });
    expect(logged.lastDurationMs).toBeGreaterThanOrEqual(0);
    expect(logged.completedAt).not.toBeNull();
  });

  it('retries a failing receiver with backoff on the job queue, and gives up after the last attempt', async () => {
    const channel = await addChannel('WEBHOOK', 'Flaky hook', { url: `${receiver.base}/flaky` });
    receiver.answer = (_req, res) => res.writeHead(503).end('down for maintenance');
    await raiseAlert('Flaky probe');
    const [{ id }] = await h.sql(`SELECT id FROM channel_deliveries WHERE channel_id = $1`, [channel.uuid]);
    let at = new Date('2026-12-04T10:00:00Z');
    await attemptChannelDelivery(h.services, acme, id, at);
    let [row] = await h.sql(`SELECT status, attempts, next_attempt_at, last_status_code, last_error, response_excerpt FROM channel_deliveries WHERE id = $1`, [
      id,
    ]);
    expect(row).toMatchObject({
      status: 'retrying',
      attempts: 1,
      last_status_code: 503,
      last_error: 'The receiver answered 503',
      response_excerpt: 'down for maintenance',
    });
    expect(new Date(row.next_attempt_at).getTime()).toBe(at.getTime() + CHANNEL_RETRY_DELAYS_SECONDS[0] * 1000);
    const [job] = await h.sql(`SELECT run_at FROM graphile_worker.jobs WHERE key = $1`, [`channels:deliver:${id}`]);
    expect(new Date(job.run_at).getTime()).toBe(at.getTime() + CHANNEL_RETRY_DELAYS_SECONDS[0] * 1000);

    // The receiver recovers: the next attempt succeeds.
    receiver.answer = (_req, res) => res.writeHead(204).end();
    at = new Date(at.getTime() + CHANNEL_RETRY_DELAYS_SECONDS[0] * 1000);
    await attemptChannelDelivery(h.services, acme, id, at);
    [row] = await h.sql(`SELECT status, attempts, next_attempt_at FROM channel_deliveries WHERE id = $1`, [id]);
    expect(row).toEqual({ status: 'succeeded', attempts: 2, next_attempt_at: null });
    // A job delivered again after success sends nothing.
    expect(await attemptChannelDelivery(h.services, acme, id, at)).toBeNull();
    expect(receiver.received.filter((r) => r.path === '/flaky')).toHaveLength(2);

    // A receiver that never recovers: every scheduled attempt, then failed for good.
    receiver.answer = (_req, res) => res.writeHead(500).end();
    await raiseAlert('Flaky probe two');
    const [second] = await h.sql(`SELECT id FROM channel_deliveries WHERE channel_id = $1 AND text = 'Flaky probe two'`, [channel.uuid]);
    for (let attempt = 1; attempt <= CHANNEL_RETRY_DELAYS_SECONDS.length + 1; attempt++) {
      await attemptChannelDelivery(h.services, acme, second.id, at);
      at = new Date(at.getTime() + 24 * 3600 * 1000);
    }
    [row] = await h.sql(`SELECT status, attempts, next_attempt_at, completed_at FROM channel_deliveries WHERE id = $1`, [second.id]);
    expect(row).toMatchObject({ status: 'failed', attempts: CHANNEL_RETRY_DELAYS_SECONDS.length + 1, next_attempt_at: null });
    expect(row.completed_at).not.toBeNull();
  });

  it('posts to Slack through its incoming-webhook URL, and counts {"ok":false} as a failure', async () => {
    const channel = await addChannel('SLACK', 'Incidents', { channel: '#incidents', webhookUrl: `${receiver.base}/slack/T000/B000/XXX` });
    const sent = await admin.ok(SEND_TEST, { i: { channelId: channel.id } });
    expect(sent.agentChannelSendTest).toMatchObject({ delivery: { status: 'PENDING', source: 'TEST' }, userErrors: [] });
    await h.runJobs();
    const [post] = receiver.received.filter((r) => r.path === '/slack/T000/B000/XXX');
    expect(post.headers['content-type']).toBe('application/json');
    expect(JSON.parse(post.body).text).toMatch(/^\*Test message\* \(.+\)\nA test message sent from Steward to the channel "Incidents"$/);
    expect((await deliveriesOf(channel.id))[0]).toMatchObject({ status: 'SUCCEEDED', lastStatusCode: 200 });

    receiver.answer = (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":false,"error":"channel_not_found"}');
    await admin.ok(SEND_TEST, { i: { channelId: channel.id } });
    await h.runJobs();
    const [latest] = await deliveriesOf(channel.id);
    expect(latest).toMatchObject({ status: 'RETRYING', attempts: 1, lastError: 'Slack refused: {"ok":false,"error":"channel_not_found"}' });
    // The incoming-webhook URL is a secret: never readable back.
    const { node } = await admin.ok(`query($id: ID!) { node(id: $id) { ... on AgentChannel { config configuredSecrets } } }`, { id: channel.id });
    expect(node).toEqual({ config: { channel: '#incidents' }, configuredSecrets: ['webhookUrl'] });
  });

  it('sends an email channel through the mail outbox over SMTP', async () => {
    const channel = await addChannel('EMAIL', 'On-call mail', { address: 'oncall@acme.test' });
    await raiseAlert('Budget for support agents is at 95%');
    await h.runJobs();
    await h.runJobs();
    const mail = await smtp.waitFor((m) => m.to.includes('oncall@acme.test') && m.text.includes('Budget for support agents is at 95%'));
    expect(mail.subject).toMatch(/^Steward · .+: Alert \(critical\)$/);
    const [logged] = await deliveriesOf(channel.id);
    expect(logged).toMatchObject({ status: 'SUCCEEDED', attempts: 1, lastStatusCode: null });
    const [row] = await h.sql(`SELECT m.status FROM channel_deliveries d JOIN mail_outbox m ON m.id = d.mail_id WHERE d.id = $1`, [
      parseGlobalId(logged.id)!.id,
    ]);
    expect(row.status).toBe('sent');
  });

  it('refuses addresses a channel must not reach, and records why', async () => {
    const channel = await addChannel('WEBHOOK', 'Metadata', { url: 'https://169.254.169.254/latest/meta-data' });
    await admin.ok(SEND_TEST, { i: { channelId: channel.id } });
    const [{ id }] = await h.sql(`SELECT id FROM channel_deliveries WHERE channel_id = $1`, [channel.uuid]);
    await attemptChannelDelivery(h.services, acme, id);
    const [row] = await h.sql(`SELECT status, last_error FROM channel_deliveries WHERE id = $1`, [id]);
    expect(row.status).toBe('retrying');
    expect(row.last_error).toMatch(/^refused: the URL resolves to 169\.254\.169\.254/);
  });

  it('refuses a test message to a disabled channel, and shows the log to builders only', async () => {
    const channel = await addChannel('WEBHOOK', 'Off', { url: `${receiver.base}/off` });
    await admin.ok(`mutation($i: AgentChannelUpdateInput!) { agentChannelUpdate(input: $i) { userErrors { message } } }`, {
      i: { channelId: channel.id, enabled: false },
    });
    const refused = await admin.ok(SEND_TEST, { i: { channelId: channel.id } });
    expect(refused.agentChannelSendTest).toEqual({
      delivery: null,
      userErrors: [{ field: ['input', 'channelId'], message: 'The channel is disabled: enable it first', code: 'CONFLICT' }],
    });
    const viewer = await h.signIn('viewer@acme.test');
    const seen = await viewer.gql(LOG, { id: channel.id });
    expect(seen.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('the workflow task "send to a channel"', () => {
  it('delivers through the channel, once per node run, however often the run is delivered', async () => {
    const channel = await addChannel('WEBHOOK', 'Workflow hook', { url: `${receiver.base}/flow` });
    const dev = await h.signIn('dev@acme.test');
    const graph = {
      nodes: [
        { id: 'start', type: 'start' },
        { id: 'tell', type: 'task', config: { action: 'channel.send', channelId: channel.id, subject: 'Deploy done', message: 'The agent is live' } },
        { id: 'end', type: 'end' },
      ],
      edges: [
        { id: 'a', source: 'start', target: 'tell' },
        { id: 'b', source: 'tell', target: 'end' },
      ],
    };
    const created = await dev.ok(`mutation($input: WorkflowCreateInput!) { workflowCreate(input: $input) { workflow { id } userErrors { field message } } }`, {
      input: { name: 'Tell the channel', type: 'NOTIFICATION', trigger: { kind: 'MANUAL' }, graph },
    });
    expect(created.workflowCreate.userErrors).toEqual([]);
    const ran = await dev.ok(`mutation($input: WorkflowRunInput!) { workflowRun(input: $input) { execution { id } userErrors { message } } }`, {
      input: { workflowId: created.workflowCreate.workflow.id, input: {} },
    });
    const executionId = parseGlobalId(ran.workflowRun.execution.id)!.id;
    await driveExecution(h.services, acme, executionId);
    await driveExecution(h.services, acme, executionId);
    const rows = await h.sql(`SELECT id, source, execution_id, subject, text FROM channel_deliveries WHERE channel_id = $1`, [channel.uuid]);
    expect(rows).toEqual([{ id: expect.any(String), source: 'workflow', execution_id: executionId, subject: 'Deploy done', text: 'The agent is live' }]);
    const [execution] = await h.sql(`SELECT status, data->'tell' AS tell FROM workflow_executions WHERE id = $1`, [executionId]);
    expect(execution).toEqual({
      status: 'succeeded',
      tell: { sent: 'The agent is live', channelId: channel.id, deliveryId: toGlobalId('ChannelDelivery', rows[0].id) },
    });
    await h.runJobs();
    const got = receiver.received.filter((r) => r.path === '/flow');
    expect(got).toHaveLength(1);
    expect(JSON.parse(got[0].body)).toMatchObject({ source: 'workflow', subject: 'Deploy done', text: 'The agent is live' });
  });

  it('fails the node, without retrying, when its channel is disabled', async () => {
    const channel = await addChannel('WEBHOOK', 'Soon off', { url: `${receiver.base}/soon-off` });
    await h.sql(`UPDATE agent_channels SET enabled = false WHERE id = $1`, [channel.uuid]);
    const dev = await h.signIn('dev@acme.test');
    const graph = {
      nodes: [
        { id: 'start', type: 'start' },
        { id: 'tell', type: 'task', config: { action: 'channel.send', channelId: channel.id, message: 'Nobody hears this' } },
        { id: 'end', type: 'end' },
      ],
      edges: [
        { id: 'a', source: 'start', target: 'tell' },
        { id: 'b', source: 'tell', target: 'end' },
      ],
    };
    const created = await dev.ok(`mutation($input: WorkflowCreateInput!) { workflowCreate(input: $input) { workflow { id } userErrors { field message } } }`, {
      input: { name: 'Tell a disabled channel', type: 'NOTIFICATION', trigger: { kind: 'MANUAL' }, graph },
    });
    const ran = await dev.ok(`mutation($input: WorkflowRunInput!) { workflowRun(input: $input) { execution { id } userErrors { message } } }`, {
      input: { workflowId: created.workflowCreate.workflow.id, input: {} },
    });
    const executionId = parseGlobalId(ran.workflowRun.execution.id)!.id;
    await driveExecution(h.services, acme, executionId);
    const [run] = await h.sql(`SELECT status, attempts, error FROM workflow_node_runs WHERE execution_id = $1 AND node_id = 'tell'`, [executionId]);
    expect(run).toEqual({ status: 'failed', attempts: 1, error: 'The channel is disabled; enable it to send to it' });
    expect(await h.sql(`SELECT id FROM channel_deliveries WHERE channel_id = $1`, [channel.uuid])).toEqual([]);
  });
});
