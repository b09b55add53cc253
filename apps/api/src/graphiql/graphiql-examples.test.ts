import { Harness, startHarness } from '../../test/harness';
import { stableUuid } from '../db/seed/deterministic';
import { toGlobalId } from '../graphql/global-id';
import { EXAMPLE_AGENT_ID, graphiqlExamples, lastMonth } from './examples';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('GraphiQL example queries', () => {
  it('each runs against the demo world without errors and returns data', async () => {
    const admin = await h.signIn('admin@acme.test');
    const examples = graphiqlExamples(new Date());
    expect(examples).toHaveLength(3);
    const results = [];
    for (const example of examples) {
      const response = await admin.gql(example.query, example.variables ? JSON.parse(example.variables) : undefined);
      expect(response.errors).toBeUndefined();
      results.push(response.data);
    }
    const [violations, spend, trail] = results;
    expect(violations.agents.totalCount).toBeGreaterThan(0);
    expect(violations.agents.nodes[0].violations.totalCount).toBeGreaterThan(0);
    expect(spend.costRollup.length).toBeGreaterThan(0);
    expect(spend.costRollup.map((b: { key: string }) => b.key)).toEqual(expect.arrayContaining(['ANTHROPIC']));
    expect(trail.agent.name).toBe('Incident Triage');
    // The demo seed registers and deploys its agents through the services, so the trail is there from the start; the
    // agent runtime (an API key, no user) has since claimed the seeded incident summary's AI task.
    expect(
      trail.auditEntries.nodes.map(
        (e: { action: string; actorLabel: string; actorUser: { email: string } | null }) => `${e.action} by ${e.actorUser?.email ?? e.actorLabel}`,
      ),
    ).toEqual(['agentTask.claim by Agent runtime', 'agent.deploy by admin@acme.test', 'agent.create by dev@acme.test']);
  });

  it("name the demo world's Incident Triage agent and the calendar month before today", () => {
    expect(EXAMPLE_AGENT_ID).toBe(toGlobalId('Agent', stableUuid('agent:acme:Incident Triage')));
    expect(lastMonth(new Date('2026-03-15T12:00:00Z'))).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(lastMonth(new Date('2026-01-01T00:00:00Z'))).toEqual({ from: '2025-12-01', to: '2025-12-31' });
  });
});
