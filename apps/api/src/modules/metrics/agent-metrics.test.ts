import { Harness, startHarness } from '../../../test/harness';
import { stableUuid } from '../../db/seed/deterministic';
import { toGlobalId } from '../../graphql/global-id';

const RECORD = `mutation($input: MetricPointsRecordInput!) { metricPointsRecord(input: $input) { outcome userErrors { field message } } }`;
const TEST = `query($input: PolicyRuleTestInput!) { policyRuleTest(input: $input) { valid result outcome error { message } } }`;

const agentId = (name: string) => toGlobalId('Agent', stableUuid(`agent:acme:${name}`));

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe("an agent's recent metrics in policy input", () => {
  it('gives rules agent.metrics (error rate, latency, requests over 5 minutes and 1 hour), zero without points', async () => {
    const dev = await h.signIn('dev@acme.test', 'acme');
    const now = Date.now();
    const points = [0, 1, 2].flatMap((m) => [
      { agentId: agentId('Roadmap Planner'), name: 'agent.requests', value: 100, at: new Date(now - m * 60_000).toISOString() },
      { agentId: agentId('Roadmap Planner'), name: 'agent.errors', value: 10, at: new Date(now - m * 60_000).toISOString() },
    ]);
    expect((await dev.ok(RECORD, { input: { batchKey: 'policy-input', points } })).metricPointsRecord.userErrors).toEqual([]);
    const run = async (condition: string, agent: string) => (await dev.ok(TEST, { input: { condition, agentId: agentId(agent) } })).policyRuleTest;
    expect(await run('agent.metrics.errorRate5m > 0.05', 'Roadmap Planner')).toEqual({ valid: true, result: true, outcome: 'VIOLATION', error: null });
    expect(await run('agent.metrics.requests5m == 300.0 && agent.metrics.errors1h == 30.0', 'Roadmap Planner')).toMatchObject({ result: true });
    expect(await run('agent.metrics.errorRate5m > 0.05', 'Terraform Drafter')).toMatchObject({ result: false, outcome: 'PASS' });
    expect(await run('agent.metrics.nosuchkey > 1.0', 'Roadmap Planner')).toMatchObject({ outcome: 'ERROR' });
  });
});
