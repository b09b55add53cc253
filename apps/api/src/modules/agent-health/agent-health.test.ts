import { Harness, startHarness } from '../../../test/harness';
import { stableUuid } from '../../db/seed/deterministic';
import { demoApiKeySecret } from '../../db/seed/demo-world';
import { toGlobalId } from '../../graphql/global-id';
import { detectSilenceAllTenants } from '../../jobs/metric-tasks';

const RECORD = `mutation($input: AgentHealthReportsRecordInput!) { agentHealthReportsRecord(input: $input) { outcome recordedCount userErrors { field message code } } }`;
const HEALTH = `query($id: ID!) { node(id: $id) { ... on Agent { name health { status since lastReportAt cpuPercent memoryMb restarts message silent } } } }`;
const HISTORY = `query($id: ID!, $from: DateTimeISO) { node(id: $id) { ... on Agent { healthHistory(from: $from, limit: 5) { at status source message } uptime(from: $from) } } }`;
const ALERTS = `query { alerts(first: 50, filter: { sources: [HEALTH] }) { nodes { source severity status message episodeStartedAt agent { name } } } }`;

const agentUuid = (name: string, tenant = 'acme') => stableUuid(`agent:${tenant}:${name}`);
const agentId = (name: string, tenant = 'acme') => toGlobalId('Agent', agentUuid(name, tenant));
const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('agent health', () => {
  it('follows the newest report of each agent, keeps the history, and a retry is a duplicate', async () => {
    const runtime = h.apiKey(demoApiKeySecret('acme', 'Agent runtime'));
    const input = {
      batchKey: 'health-1',
      reports: [
        { agentId: agentId('Roadmap Planner'), status: 'DEGRADED', at: ago(3), cpuPercent: 91.5, memoryMb: 2048, restarts: 2, message: 'Slow upstream' },
        { agentId: agentId('Roadmap Planner'), status: 'HEALTHY', at: ago(10), cpuPercent: 20, memoryMb: 1024, restarts: 1 },
      ],
    };
    expect((await runtime.ok(RECORD, { input })).agentHealthReportsRecord).toEqual({ outcome: 'RECORDED', recordedCount: 2, userErrors: [] });
    expect((await runtime.ok(RECORD, { input })).agentHealthReportsRecord.outcome).toBe('DUPLICATE');
    const viewer = await h.signIn('viewer@acme.test', 'acme');
    const { node } = await viewer.ok(HEALTH, { id: agentId('Roadmap Planner') });
    expect(node.health).toEqual({
      status: 'DEGRADED',
      since: expect.any(String),
      lastReportAt: node.health.since,
      cpuPercent: 91.5,
      memoryMb: 2048,
      restarts: 2,
      message: 'Slow upstream',
      silent: false,
    });
    // An older report is history only.
    await runtime.ok(RECORD, { input: { batchKey: 'health-old', reports: [{ agentId: agentId('Roadmap Planner'), status: 'HEALTHY', at: ago(30) }] } });
    expect((await viewer.ok(HEALTH, { id: agentId('Roadmap Planner') })).node.health.status).toBe('DEGRADED');
    const analyst = await h.signIn('analyst@acme.test', 'acme');
    const history = (await analyst.ok(HISTORY, { id: agentId('Roadmap Planner'), from: ago(60) })).node;
    expect(history.healthHistory.map((r: { status: string }) => r.status)).toEqual(['DEGRADED', 'HEALTHY', 'HEALTHY']);
    expect(history.uptime).toBe(100);
    const refused = await viewer.gql(HISTORY, { id: agentId('Roadmap Planner'), from: ago(60) });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('raises one HEALTH alert per unhealthy episode and resolves it when the agent recovers', async () => {
    const runtime = h.apiKey(demoApiKeySecret('acme', 'Agent runtime'));
    const report = (key: string, status: string, minutes: number) =>
      runtime.ok(RECORD, {
        input: { batchKey: key, reports: [{ agentId: agentId('Terraform Drafter'), status, at: ago(minutes), message: `${status} now` }] },
      });
    await report('cr-1', 'UNHEALTHY', 4);
    await report('cr-2', 'UNHEALTHY', 3);
    const admin = await h.signIn('admin@acme.test', 'acme');
    let alerts = (await admin.ok(ALERTS)).alerts.nodes.filter((a: { agent: { name: string } }) => a.agent.name === 'Terraform Drafter');
    expect(new Date(alerts[0]?.episodeStartedAt).getTime()).toBeLessThan(Date.now() - 3.5 * 60_000);
    expect(alerts).toEqual([
      {
        source: 'HEALTH',
        severity: 'CRITICAL',
        status: 'OPEN',
        message: 'Terraform Drafter is unhealthy: UNHEALTHY now',
        episodeStartedAt: expect.any(String),
        agent: { name: 'Terraform Drafter' },
      },
    ]);
    await report('cr-3', 'HEALTHY', 2);
    alerts = (await admin.ok(ALERTS)).alerts.nodes.filter((a: { agent: { name: string } }) => a.agent.name === 'Terraform Drafter');
    expect(alerts.map((a: { status: string }) => a.status)).toEqual(['RESOLVED']);
    await report('cr-4', 'UNHEALTHY', 1);
    alerts = (await admin.ok(ALERTS)).alerts.nodes.filter((a: { agent: { name: string } }) => a.agent.name === 'Terraform Drafter');
    expect(alerts.map((a: { status: string }) => a.status).sort()).toEqual(['OPEN', 'RESOLVED']);
  });

  it('marks an agent that stopped reporting unhealthy after the silence, once, from a job', async () => {
    const runtime = h.apiKey(demoApiKeySecret('acme', 'Agent runtime'));
    await runtime.ok(RECORD, { input: { batchKey: 'quiet', reports: [{ agentId: agentId('Release Notes Writer'), status: 'HEALTHY', at: ago(0) }] } });
    expect(await detectSilenceAllTenants(h.services, new Date(Date.now() + 2 * 60_000))).toBeGreaterThanOrEqual(0);
    const viewer = await h.signIn('viewer@acme.test', 'acme');
    expect((await viewer.ok(HEALTH, { id: agentId('Release Notes Writer') })).node.health.status).toBe('HEALTHY');
    const later = new Date(Date.now() + 6 * 60_000);
    await detectSilenceAllTenants(h.services, later);
    const { health } = (await viewer.ok(HEALTH, { id: agentId('Release Notes Writer') })).node;
    expect(health).toMatchObject({ status: 'UNHEALTHY', silent: true, message: 'No health report for 5 minutes' });
    await detectSilenceAllTenants(h.services, new Date(later.getTime() + 60_000));
    const [count] = await h.sql(`SELECT count(*)::int AS n FROM alerts WHERE source = 'health' AND agent_id = $1`, [agentUuid('Release Notes Writer')]);
    expect(count.n).toBe(1);
    const [silence] = await h.sql(`SELECT count(*)::int AS n FROM agent_health_reports WHERE source = 'silence' AND agent_id = $1`, [
      agentUuid('Release Notes Writer'),
    ]);
    expect(silence.n).toBe(1);
  });

  it("refuses reports about another tenant's agent, UNKNOWN, and analyst keys", async () => {
    const runtime = h.apiKey(demoApiKeySecret('acme', 'Agent runtime'));
    const result = (
      await runtime.ok(RECORD, {
        input: {
          batchKey: 'bad',
          reports: [
            { agentId: agentId('Code Reviewer', 'globex'), status: 'HEALTHY' },
            { agentId: agentId('Code Reviewer'), status: 'UNKNOWN' },
          ],
        },
      })
    ).agentHealthReportsRecord;
    expect(result.userErrors.map((e: { field: string[] }) => e.field.join('.'))).toEqual(['input.reports.1.status']);
    const foreign = (await runtime.ok(RECORD, { input: { batchKey: 'bad-2', reports: [{ agentId: agentId('Code Reviewer', 'globex'), status: 'HEALTHY' }] } }))
      .agentHealthReportsRecord;
    expect(foreign.userErrors).toEqual([{ field: ['input', 'reports', '0', 'agentId'], code: 'BAD_USER_INPUT', message: 'No such agent in this tenant' }]);
    const feed = h.apiKey(demoApiKeySecret('acme', 'Billing feed'));
    expect(
      (await feed.gql(RECORD, { input: { batchKey: 'x', reports: [{ agentId: agentId('Code Reviewer'), status: 'HEALTHY' }] } })).errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');
  });
});
