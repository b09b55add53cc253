import { Harness, startHarness } from '../../../test/harness';
import { stableUuid } from '../../db/seed/deterministic';
import { demoApiKeySecret } from '../../db/seed/demo-world';
import { toGlobalId } from '../../graphql/global-id';
import { evaluateAllTenants } from '../../jobs/metric-tasks';

const CREATE = `mutation($input: AlertRuleCreateInput!) { alertRuleCreate(input: $input) {
  alertRule { id name enabled firing { since agent { name } alert { source status message } } } userErrors { field message code } } }`;
const PREVIEW = `query($input: AlertRulePreviewInput!) { alertRulePreview(input: $input) { userErrors { field message } evaluations
  episodes { agent { name } firedAt resolvedAt peakErrorRate } } }`;
const RECORD = `mutation($input: MetricPointsRecordInput!) { metricPointsRecord(input: $input) { userErrors { field message } } }`;
const RULE_ALERTS = `query { alerts(first: 50, filter: { sources: [METRIC_RULE] }) { nodes { status severity episodeStartedAt agent { name } alertRule { name } } } }`;
const RULES = `query { alertRules(first: 10) { nodes { name condition windowMinutes } } }`;

const agentId = (name: string, tenant = 'acme') => toGlobalId('Agent', stableUuid(`agent:${tenant}:${name}`));

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

/** Failures on a metric only these tests write, so the seeded week does not blur the answers. */
async function errorBurst(key: string, agent: string, at: Date): Promise<void> {
  const runtime = h.apiKey(demoApiKeySecret('acme', 'Agent runtime'));
  const points = [{ agentId: agentId(agent), name: 'test.failures', value: 10, at: at.toISOString() }];
  expect((await runtime.ok(RECORD, { input: { batchKey: key, points } })).metricPointsRecord.userErrors).toEqual([]);
}

const ruleAlerts = async (name: string) =>
  (await (await h.signIn('admin@acme.test', 'acme')).ok(RULE_ALERTS)).alerts.nodes.filter(
    (a: { alertRule: { name: string } | null }) => a.alertRule?.name === name,
  );

describe('alert rules', () => {
  it('refuses a condition that does not compile, at the condition with its position', async () => {
    const dev = await h.signIn('dev@acme.test', 'acme');
    const result = (await dev.ok(CREATE, { input: { name: 'Broken', condition: 'window.errorRat > 1.0', severity: 'WARNING' } })).alertRuleCreate;
    expect(result.alertRule).toBeNull();
    expect(result.userErrors).toEqual([{ field: ['input', 'condition'], code: 'BAD_USER_INPUT', message: expect.stringMatching(/^Line 1, column \d+: /) }]);
  });

  it('fires at once on creation when the condition holds, once per episode, and resolves when it clears', async () => {
    const now = new Date();
    await errorBurst('burst-1', 'Code Reviewer', new Date(now.getTime() - 30_000));
    const dev = await h.signIn('dev@acme.test', 'acme');
    const created = (
      await dev.ok(CREATE, {
        input: {
          name: 'Reviewer errors',
          condition: '"test.failures" in metrics && metrics["test.failures"].sum > 5.0 && agent.name == "Code Reviewer"',
          windowMinutes: 5,
          severity: 'CRITICAL',
        },
      })
    ).alertRuleCreate;
    expect(created.userErrors).toEqual([]);
    expect(created.alertRule.firing).toEqual([
      {
        since: expect.any(String),
        agent: { name: 'Code Reviewer' },
        alert: { source: 'METRIC_RULE', status: 'OPEN', message: expect.stringContaining('Reviewer errors: Code Reviewer (error rate') },
      },
    ]);
    await evaluateAllTenants(h.services, new Date(now.getTime() + 60_000));
    expect(await ruleAlerts('Reviewer errors')).toEqual([
      { status: 'OPEN', severity: 'CRITICAL', episodeStartedAt: expect.any(String), agent: { name: 'Code Reviewer' }, alertRule: { name: 'Reviewer errors' } },
    ]);
    await evaluateAllTenants(h.services, new Date(now.getTime() + 10 * 60_000));
    expect((await ruleAlerts('Reviewer errors')).map((a: { status: string }) => a.status)).toEqual(['RESOLVED']);
  });

  it('waits for the for-duration before firing', async () => {
    const now = new Date();
    await errorBurst('burst-2', 'Support Summariser', new Date(now.getTime() - 30_000));
    const dev = await h.signIn('dev@acme.test', 'acme');
    const created = (
      await dev.ok(CREATE, {
        input: {
          name: 'Summariser errors',
          condition: '"test.failures" in metrics && metrics["test.failures"].sum > 5.0 && agent.name == "Support Summariser"',
          windowMinutes: 30,
          forMinutes: 2,
          severity: 'INFO',
        },
      })
    ).alertRuleCreate;
    expect(created.alertRule.firing).toEqual([]);
    // The for-duration counts from the rule's first evaluation, which may be the one at creation: count from after it,
    // so a slow machine between the burst and the creation cannot make it fire late.
    const createdAt = new Date();
    await evaluateAllTenants(h.services, new Date(createdAt.getTime() + 60_000));
    expect(await ruleAlerts('Summariser errors')).toEqual([]);
    await evaluateAllTenants(h.services, new Date(createdAt.getTime() + 2 * 60_000 + 1000));
    expect((await ruleAlerts('Summariser errors')).map((a: { status: string }) => a.status)).toEqual(['OPEN']);
  });

  it('previews what a draft would have fired over the last day from the seeded week', async () => {
    const analyst = await h.signIn('analyst@acme.test', 'acme');
    const preview = (
      await analyst.ok(PREVIEW, { input: { condition: 'window.errorRate > 0.02 && agent.name == "Incident Triage"', windowMinutes: 240, forMinutes: 10 } })
    ).alertRulePreview;
    expect(preview.userErrors).toEqual([]);
    expect(preview.evaluations).toBeGreaterThan(24 * 12 * 3);
    expect(preview.episodes.length).toBeGreaterThanOrEqual(1);
    expect(preview.episodes[0]).toMatchObject({ agent: { name: 'Incident Triage' }, resolvedAt: null });
    expect(preview.episodes[0].peakErrorRate).toBeGreaterThan(0.02);
    const broken = (await analyst.ok(PREVIEW, { input: { condition: 'window.nope' } })).alertRulePreview;
    expect(broken.userErrors).toEqual([{ field: ['input', 'condition'], message: expect.stringMatching(/^Line 1/) }]);
  });

  it('is read by metric readers, managed by admins and developers, and stays in its tenant', async () => {
    const analyst = await h.signIn('analyst@acme.test', 'acme');
    expect((await analyst.ok(RULES)).alertRules.nodes.map((r: { name: string }) => r.name)).toContain('High error rate (production)');
    const refused = await analyst.gql(CREATE, { input: { name: 'No', condition: 'true', severity: 'INFO' } });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const viewer = await h.signIn('viewer@acme.test', 'acme');
    expect((await viewer.gql(RULES)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const globex = await h.signIn('admin@globex.test', 'globex');
    const names = (await globex.ok(RULES)).alertRules.nodes.map((r: { name: string }) => r.name);
    expect(names).not.toContain('Reviewer errors');
    const rule = toGlobalId('AlertRule', stableUuid('alert-rule:acme:high-error-rate'));
    const foreign = await globex.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: rule });
    expect(foreign.data?.node ?? null).toBeNull();
  });
});
