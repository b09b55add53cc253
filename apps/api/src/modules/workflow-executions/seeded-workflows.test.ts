import { Caller, Harness, startHarness } from '../../../test/harness';

/** The demo world (test/global-setup.ts seeds the template every test database is cloned from). */
const SEEDED = `{
  workflows(first: 100) { nodes { name type active trigger { kind event cron hasWebhookSecret } } }
  workflowExecutions(first: 100) {
    nodes {
      status error
      workflow { name }
      nodeRuns { nodeKey status approvalRequest { status decisions { value comment decider { email } } } }
      agentTasks { status }
    }
  }
}`;

let h: Harness;
let admin: Caller;
beforeAll(async () => {
  h = await startHarness();
  admin = await h.signIn('admin@acme.test');
});
afterAll(() => h.close());

describe("the demo world's workflows", () => {
  it('are of every type and trigger, with an approval workflow and an event-triggered one', async () => {
    const { workflows } = await admin.ok(SEEDED);
    const byName = new Map(workflows.nodes.map((w: { name: string }) => [w.name, w]));
    expect(new Set(workflows.nodes.map((w: { type: string }) => w.type))).toEqual(new Set(['APPROVAL', 'NOTIFICATION', 'AUTOMATION', 'COMPLIANCE']));
    expect(new Set(workflows.nodes.map((w: { trigger: { kind: string } }) => w.trigger.kind))).toEqual(new Set(['MANUAL', 'SCHEDULE', 'WEBHOOK', 'EVENT']));
    expect(byName.get('Vendor model approval')).toMatchObject({
      type: 'APPROVAL',
      active: true,
      trigger: { kind: 'WEBHOOK', hasWebhookSecret: true },
    });
    expect(byName.get('Incident summary')).toMatchObject({ type: 'AUTOMATION', trigger: { kind: 'EVENT', event: 'VIOLATION_OPENED' } });
  });

  it('have executions in every terminal state, and vendor approvals decided by majority: approved, rejected and waiting', async () => {
    const { workflowExecutions } = await admin.ok(SEEDED);
    type Run = { status: string; error: string | null; workflow: { name: string }; nodeRuns: any[]; agentTasks: { status: string }[] };
    const runs: Run[] = workflowExecutions.nodes;
    expect(new Set(runs.map((r) => r.status))).toEqual(new Set(['SUCCEEDED', 'FAILED', 'CANCELLED', 'RUNNING']));

    const vendor = runs.filter((r) => r.workflow.name === 'Vendor model approval');
    const decide = (r: Run) => r.nodeRuns.find((n) => n.nodeKey === 'decide');
    const summary = vendor
      .map((r) => ({
        status: r.status,
        decide: decide(r).status,
        request: decide(r).approvalRequest.status,
        votes: decide(r)
          .approvalRequest.decisions.map((d: { value: string; decider: { email: string } }) => `${d.decider.email}:${d.value}`)
          .sort(),
        after: r.nodeRuns.filter((n) => n.nodeKey !== 'start' && n.nodeKey !== 'decide').map((n) => `${n.nodeKey}:${n.status}`),
      }))
      .sort((a, b) => a.status.localeCompare(b.status));
    expect(summary).toEqual([
      {
        status: 'FAILED',
        decide: 'FAILED',
        request: 'REJECTED',
        votes: ['compliance2@acme.test:REJECT', 'compliance@acme.test:REJECT'],
        after: [],
      },
      { status: 'RUNNING', decide: 'WAITING', request: 'PENDING', votes: ['compliance2@acme.test:APPROVE'], after: [] },
      {
        status: 'SUCCEEDED',
        decide: 'SUCCEEDED',
        request: 'APPROVED',
        votes: ['admin@acme.test:APPROVE', 'compliance@acme.test:APPROVE'],
        after: ['file:SUCCEEDED', 'announce:SUCCEEDED', 'end:SUCCEEDED'],
      },
    ]);

    const cancelled = runs.filter((r) => r.status === 'CANCELLED');
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0]).toMatchObject({ workflow: { name: 'Incident summary' }, agentTasks: [{ status: 'CANCELLED' }] });
    expect(cancelled[0].error).toMatch(/Duplicate/);
  });

  it("leave the waiting vendor approval in the inbox of those who have not voted, not in the voter's", async () => {
    const INBOX = `{ approvalInbox(first: 100) { nodes { title } } }`;
    const titles = async (email: string) =>
      ((await (await h.signIn(email)).ok(INBOX)).approvalInbox.nodes as { title: string }[])
        .map((n) => n.title)
        .filter((t) => t === 'Approve a new model vendor');
    expect(await titles('compliance@acme.test')).toEqual(['Approve a new model vendor']);
    expect(await titles('admin@acme.test')).toEqual(['Approve a new model vendor']);
    expect(await titles('compliance2@acme.test')).toEqual([]);
  });
});
