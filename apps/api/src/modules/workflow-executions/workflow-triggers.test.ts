import { Caller, Harness, startHarness } from '../../../test/harness';
import { stableUuid } from '../../db/seed/deterministic';
import { parseGlobalId, toGlobalId } from '../../graphql/global-id';
import { checkTenantBudgets } from '../../jobs/budget-tasks';
import { fireAllSchedules, fireEventJob } from './workflow-triggers';

const CREATE = `mutation($input: WorkflowCreateInput!) { workflowCreate(input: $input) { workflow { id } webhookSecret userErrors { field message } } }`;
const DEACTIVATE = `mutation($input: WorkflowRefInput!) { workflowDeactivate(input: $input) { workflow { active } userErrors { message } } }`;
const AGENT_CREATE = `mutation($input: AgentCreateInput!) { agentCreate(input: $input) { agent { id } userErrors { message } } }`;

const graph = {
  nodes: [
    { id: 'start', type: 'start' },
    { id: 'note', type: 'task', config: { action: 'record.create', record: { seen: true } } },
    { id: 'end', type: 'end' },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'note' },
    { id: 'e2', source: 'note', target: 'end' },
  ],
};

let h: Harness;
let dev: Caller;
beforeAll(async () => {
  h = await startHarness();
  dev = await h.signIn('dev@acme.test');
});
afterAll(() => h.close());

async function workflow(caller: Caller, name: string, trigger: Record<string, unknown>): Promise<{ id: string; uuid: string; secret: string | null }> {
  const { workflowCreate } = await caller.ok(CREATE, { input: { name, type: 'AUTOMATION', trigger, graph } });
  expect(workflowCreate.userErrors).toEqual([]);
  return { id: workflowCreate.workflow.id, uuid: parseGlobalId(workflowCreate.workflow.id)!.id, secret: workflowCreate.webhookSecret };
}

const executionsOf = (
  workflowUuid: string,
): Promise<{ id: string; trigger_kind: string; trigger_key: string | null; data: { input: Record<string, unknown> }; started_by_id: string | null }[]> =>
  h.sql(`SELECT id, trigger_kind, trigger_key, data, started_by_id FROM workflow_executions WHERE workflow_id = $1 ORDER BY started_at, id`, [workflowUuid]);

async function newAgent(name: string, tags: string[] = []): Promise<string> {
  const { agentCreate } = await dev.ok(AGENT_CREATE, {
    input: {
      name,
      description: 'x',
      role: 'ENGINEERING',
      modelId: toGlobalId('AiModel', stableUuid('model:acme:sonnet')),
      thinkingMode: 'LOW',
      costPerRequest: '0.01',
      tags,
    },
  });
  expect(agentCreate.userErrors).toEqual([]);
  return agentCreate.agent.id;
}

describe('workflow triggers', () => {
  it('schedule: the cron job starts an active scheduled workflow once for each minute its cron names', async () => {
    const weekly = await workflow(dev, 'Monday review', { kind: 'SCHEDULE', cron: '30 6 * * 1' });
    const monday = new Date('2026-11-30T06:30:00Z');
    await fireAllSchedules(h.services, monday);
    await fireAllSchedules(h.services, new Date('2026-11-30T06:30:40Z'));
    await fireAllSchedules(h.services, new Date('2026-11-30T06:31:00Z'));
    await fireAllSchedules(h.services, new Date('2026-12-01T06:30:00Z'));
    let runs = await executionsOf(weekly.uuid);
    expect(runs.map((r) => [r.trigger_kind, r.trigger_key, r.data.input, r.started_by_id])).toEqual([
      ['schedule', 'schedule:2026-11-30T06:30:00.000Z', { scheduledFor: '2026-11-30T06:30:00.000Z' }, null],
    ]);
    await h.runJobs();
    const [done] = await h.sql(`SELECT status FROM workflow_executions WHERE id = $1`, [runs[0].id]);
    expect(done.status).toBe('succeeded');
    expect((await dev.ok(DEACTIVATE, { input: { workflowId: weekly.id } })).workflowDeactivate.workflow.active).toBe(false);
    await fireAllSchedules(h.services, new Date('2026-12-07T06:30:00Z'));
    runs = await executionsOf(weekly.uuid);
    expect(runs).toHaveLength(1);
  });

  describe('webhook', () => {
    const post = (workflowId: string, headers: Record<string, string>, body: unknown = { ticket: 42 }) =>
      fetch(`${h.url}/hooks/workflows/${workflowId}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });

    it('starts an execution for the right secret, once per delivery id however often the partner retries', async () => {
      const hook = await workflow(dev, 'Ticket intake', { kind: 'WEBHOOK' });
      expect(hook.secret).toMatch(/^whs_/);
      const first = await post(hook.id, { 'x-steward-webhook-secret': hook.secret!, 'x-delivery-id': 'dlv-001' });
      expect(first.status).toBe(202);
      const started = await first.json();
      expect(started).toEqual({ executionId: expect.any(String), duplicate: false });
      const again = await post(hook.id, { 'x-steward-webhook-secret': hook.secret!, 'x-delivery-id': 'dlv-001' });
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual({ executionId: started.executionId, duplicate: true });
      const other = await post(hook.id, { 'x-steward-webhook-secret': hook.secret!, 'idempotency-key': 'dlv-002' }, { ticket: 43 });
      expect(other.status).toBe(202);
      const runs = await executionsOf(hook.uuid);
      expect(runs.map((r) => [r.trigger_kind, r.trigger_key, r.data.input])).toEqual([
        ['webhook', 'webhook:dlv-001', { body: { ticket: 42 }, deliveryId: 'dlv-001' }],
        ['webhook', 'webhook:dlv-002', { body: { ticket: 43 }, deliveryId: 'dlv-002' }],
      ]);
      expect(toGlobalId('WorkflowExecution', runs[0].id)).toBe(started.executionId);
    });

    it('refuses a wrong or missing secret, another workflow, another tenant, an inactive workflow and a body that is not an object', async () => {
      const hook = await workflow(dev, 'Guarded intake', { kind: 'WEBHOOK' });
      const sibling = await workflow(dev, 'Sibling intake', { kind: 'WEBHOOK' });
      const manual = await workflow(dev, 'Manual only', { kind: 'MANUAL' });
      const globex = await workflow(await h.signIn('admin@globex.test'), 'Globex intake', { kind: 'WEBHOOK' });
      const status = async (id: string, headers: Record<string, string>, body?: unknown) => (await post(id, headers, body)).status;
      expect(await status(hook.id, { 'x-steward-webhook-secret': `${hook.secret}x` })).toBe(401);
      expect(await status(hook.id, {})).toBe(401);
      expect(await status(hook.id, { 'x-steward-webhook-secret': sibling.secret! })).toBe(401);
      expect(await status(hook.id, { 'x-steward-webhook-secret': globex.secret! })).toBe(401);
      expect(await status(manual.id, { 'x-steward-webhook-secret': hook.secret! })).toBe(401);
      expect(await status(toGlobalId('Workflow', stableUuid('no such workflow')), { 'x-steward-webhook-secret': hook.secret! })).toBe(404);
      expect(await status('not-an-id', { 'x-steward-webhook-secret': hook.secret! })).toBe(404);
      expect(await status(hook.id, { 'x-steward-webhook-secret': hook.secret! }, [1, 2])).toBe(400);
      expect(await status(hook.id, { 'x-steward-webhook-secret': hook.secret!, 'x-delivery-id': 'has spaces' })).toBe(400);
      await dev.ok(DEACTIVATE, { input: { workflowId: hook.id } });
      expect(await status(hook.id, { 'x-steward-webhook-secret': hook.secret! })).toBe(409);
      expect(await executionsOf(hook.uuid)).toEqual([]);
      expect(await executionsOf(globex.uuid)).toEqual([]);
    });
    it('audits every attempt refused for its secret, in the tenant of the workflow', async () => {
      const hook = await workflow(dev, 'Audited intake', { kind: 'WEBHOOK' });
      const manual = await workflow(dev, 'Audited manual', { kind: 'MANUAL' });
      expect((await post(hook.id, { 'x-steward-webhook-secret': 'whs_guess', 'x-delivery-id': 'guess-1' })).status).toBe(401);
      expect((await post(hook.id, {})).status).toBe(401);
      expect((await post(manual.id, { 'x-steward-webhook-secret': hook.secret! })).status).toBe(401);
      expect((await post(hook.id, { 'x-steward-webhook-secret': hook.secret! })).status).toBe(202);
      const refusals = await h.sql(
        `SELECT tenant_id, entity_id, outcome, error_code, actor_type, after->>'reason' AS reason, after->>'deliveryId' AS delivery, ip IS NOT NULL AS has_ip
         FROM audit_entries WHERE action = 'workflow.webhook.refuse' AND entity_id = ANY($1) ORDER BY created_at, id`,
        [[hook.uuid, manual.uuid]],
      );
      const acme = stableUuid('tenant:acme');
      expect(refusals).toEqual([
        {
          tenant_id: acme,
          entity_id: hook.uuid,
          outcome: 'denied',
          error_code: 'UNAUTHENTICATED',
          actor_type: 'system',
          reason: 'wrong secret',
          delivery: 'guess-1',
          has_ip: true,
        },
        {
          tenant_id: acme,
          entity_id: hook.uuid,
          outcome: 'denied',
          error_code: 'UNAUTHENTICATED',
          actor_type: 'system',
          reason: 'no secret',
          delivery: null,
          has_ip: true,
        },
        {
          tenant_id: acme,
          entity_id: manual.uuid,
          outcome: 'denied',
          error_code: 'UNAUTHENTICATED',
          actor_type: 'system',
          reason: 'the workflow has no webhook trigger',
          delivery: null,
          has_ip: true,
        },
      ]);
    });

    it("limits each workflow's deliveries per minute with 429 and Retry-After; refused attempts count; other workflows are not held up", async () => {
      const limit = h.services.config.workflowWebhookPerMinute;
      h.services.config.workflowWebhookPerMinute = 3;
      try {
        const hook = await workflow(dev, 'Busy intake', { kind: 'WEBHOOK' });
        const quiet = await workflow(dev, 'Quiet intake', { kind: 'WEBHOOK' });
        const send = (id: string, secret: string, n: number) => post(id, { 'x-steward-webhook-secret': secret, 'x-delivery-id': `busy-${n}` });
        expect((await send(hook.id, hook.secret!, 1)).status).toBe(202);
        expect((await send(hook.id, 'whs_wrong', 2)).status).toBe(401);
        expect((await send(hook.id, hook.secret!, 3)).status).toBe(202);
        const refused = await send(hook.id, hook.secret!, 4);
        expect(refused.status).toBe(429);
        expect(await refused.json()).toEqual({ error: expect.stringMatching(/^Too many deliveries for this workflow; try again in \d+s$/) });
        // A token comes back every 20 s at 3 a minute.
        const wait = Number(refused.headers.get('retry-after'));
        expect(wait).toBeGreaterThanOrEqual(19);
        expect(wait).toBeLessThanOrEqual(20);
        expect((await send(quiet.id, quiet.secret!, 5)).status).toBe(202);
        // Twenty seconds on (the bucket's clock moved back rather than the test sleeping), one more is accepted, and only one.
        await h.sql(`UPDATE workflow_webhook_buckets SET refilled_at = refilled_at - interval '20 seconds' WHERE workflow_id = $1`, [hook.uuid]);
        expect((await send(hook.id, hook.secret!, 6)).status).toBe(202);
        expect((await send(hook.id, hook.secret!, 7)).status).toBe(429);
        expect((await executionsOf(hook.uuid)).map((r) => r.trigger_key)).toEqual(['webhook:busy-1', 'webhook:busy-3', 'webhook:busy-6']);
      } finally {
        h.services.config.workflowWebhookPerMinute = limit;
      }
    });
  });

  it('events: an agent deploy request, an opened violation, a crossed budget threshold and a decided approval start the workflows listening, from the outbox', async () => {
    const onDeploy = await workflow(dev, 'On deploy', { kind: 'EVENT', event: 'AGENT_DEPLOY_REQUESTED' });
    const sleeping = await workflow(dev, 'On deploy, inactive', { kind: 'EVENT', event: 'AGENT_DEPLOY_REQUESTED' });
    await dev.ok(DEACTIVATE, { input: { workflowId: sleeping.id } });
    const onViolation = await workflow(dev, 'On violation', { kind: 'EVENT', event: 'VIOLATION_OPENED' });
    const onBudget = await workflow(dev, 'On budget', { kind: 'EVENT', event: 'BUDGET_THRESHOLD_CROSSED' });
    const onDecision = await workflow(dev, 'On decision', { kind: 'EVENT', event: 'APPROVAL_DECIDED' });
    const globexAdmin = await h.signIn('admin@globex.test');
    const elsewhere = await workflow(globexAdmin, 'Globex on deploy', { kind: 'EVENT', event: 'AGENT_DEPLOY_REQUESTED' });

    const agentId = await newAgent('Event source');
    const deployed = await dev.ok(`mutation($input: AgentLifecycleInput!) { agentDeploy(input: $input) { agent { status } userErrors { message } } }`, {
      input: { agentId },
    });
    expect(deployed.agentDeploy).toEqual({ agent: { status: 'DEPLOYED' }, userErrors: [] });
    // The request is in the outbox; the workflows:event job its transaction queued starts the workflow.
    const [requested] = await h.sql(`SELECT id, occurred_at FROM domain_events WHERE type = 'agent.deploy.requested' AND subject_id = $1`, [
      parseGlobalId(agentId)!.id,
    ]);
    expect(await executionsOf(onDeploy.uuid)).toEqual([]);
    await h.runJobs();
    const deploys = await executionsOf(onDeploy.uuid);
    expect(deploys.map((r) => [r.trigger_kind, r.trigger_key, r.data.input, r.started_by_id])).toEqual([
      [
        'event',
        `event:${requested.id}`,
        {
          event: 'agent.deploy.requested',
          eventId: toGlobalId('DomainEvent', requested.id),
          occurredAt: new Date(requested.occurred_at).toISOString(),
          subjectType: 'Agent',
          subjectId: parseGlobalId(agentId)!.id,
          name: 'Event source',
          status: 'draft',
        },
        stableUuid('user:dev@acme.test'),
      ],
    ]);
    expect(await executionsOf(sleeping.uuid)).toEqual([]);
    expect(await executionsOf(elsewhere.uuid)).toEqual([]);

    const admin = await h.signIn('admin@acme.test');
    const policy = await admin.ok(`mutation($input: PolicyCreateInput!) { policyCreate(input: $input) { policy { id } userErrors { message } } }`, {
      input: {
        name: 'Lab: nothing experimental',
        type: 'AGENT',
        severity: 'HIGH',
        enforcement: 'AUDIT',
        scope: { kind: 'TAGS', tags: ['lab'] },
        rules: [{ name: 'No experiments', condition: '"experimental" in agent.tags', message: 'Experimental agents are not allowed in the lab' }],
      },
    });
    expect(policy.policyCreate.userErrors).toEqual([]);
    await newAgent('Lab rat', ['lab', 'experimental']);
    await h.runJobs();
    const violations = await executionsOf(onViolation.uuid);
    expect(violations.map((r) => r.data.input)).toEqual([
      expect.objectContaining({ event: 'violation.opened', agentName: 'Lab rat', policyId: parseGlobalId(policy.policyCreate.policy.id)!.id }),
    ]);

    const { budgetCreate } = await admin.ok(`mutation($input: BudgetCreateInput!) { budgetCreate(input: $input) { budget { id } userErrors { message } } }`, {
      input: { name: 'Event source spend', scope: 'AGENT', agentId, period: 'MONTHLY', amount: '10', thresholds: [50] },
    });
    expect(budgetCreate.userErrors).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    await dev.ok(`mutation($input: CostEntriesRecordInput!) { costEntriesRecord(input: $input) { recordedCount } }`, {
      input: { entries: [{ idempotencyKey: 'event-source-1', agentId, date: today, amount: '6', provider: 'ANTHROPIC', service: 'claude', category: 'AI' }] },
    });
    await checkTenantBudgets(h.services, stableUuid('tenant:acme'));
    await checkTenantBudgets(h.services, stableUuid('tenant:acme'));
    await h.runJobs();
    const budgets = await executionsOf(onBudget.uuid);
    expect(budgets.map((r) => r.data.input)).toEqual([
      expect.objectContaining({
        event: 'budget.threshold.crossed',
        subjectType: 'Budget',
        subjectId: parseGlobalId(budgetCreate.budget.id)!.id,
        threshold: 50,
        spend: '6.000000',
      }),
    ]);

    const { approvalRequestCreate } = await dev.ok(
      `mutation($input: ApprovalRequestCreateInput!) { approvalRequestCreate(input: $input) { approvalRequest { id } userErrors { message } } }`,
      {
        input: {
          title: 'Rotate the support API token',
          summary: 'Quarterly rotation',
          steps: [{ name: 'Admin', mode: 'SINGLE', deciders: [{ kind: 'ROLE', role: 'ADMIN' }], onTimeout: 'EXPIRE' }],
        },
      },
    );
    expect(approvalRequestCreate.userErrors).toEqual([]);
    const decided = await admin.ok(`mutation($input: ApprovalRequestApproveInput!) { approvalRequestApprove(input: $input) { userErrors { message } } }`, {
      input: { requestId: approvalRequestCreate.approvalRequest.id },
    });
    expect(decided.approvalRequestApprove.userErrors).toEqual([]);
    await h.runJobs();
    const decisions = await executionsOf(onDecision.uuid);
    expect(decisions.map((r) => r.data.input)).toEqual([
      expect.objectContaining({ event: 'approval.decided', title: 'Rotate the support API token', status: 'approved' }),
    ]);
  });
  it('events: a workflow starts exactly once per committed event; a rolled-back change starts nothing', async () => {
    await h.runJobs();
    const onViolation = await workflow(dev, 'Once per violation', { kind: 'EVENT', event: 'VIOLATION_OPENED' });
    const acme = stableUuid('tenant:acme');
    const emit = (subject: string) =>
      `SELECT steward.emit_event('${acme}', 'violation.opened', 'PolicyViolation', '${subject}', '{"agentName":"Probe","policyId":null}'::jsonb)`;
    const committed = stableUuid('violation:committed-probe');
    const rolledBack = stableUuid('violation:rolled-back-probe');
    await h.services.dataSource.transaction((m) => m.query(emit(committed)));
    await expect(
      h.services.dataSource.transaction(async (m) => {
        await m.query(emit(rolledBack));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const jobs = await h.sql(`SELECT key FROM graphile_worker.jobs WHERE key LIKE 'workflows:event:%'`);
    const [event] = await h.sql(`SELECT id FROM domain_events WHERE subject_id = $1`, [committed]);
    expect(jobs).toEqual([{ key: `workflows:event:${event.id}` }]);
    expect(await h.sql(`SELECT id FROM domain_events WHERE subject_id = $1`, [rolledBack])).toEqual([]);
    // The job run twice, and the event handed over again by hand, still start one execution.
    await h.runJobs();
    await h.runJobs();
    expect(await fireEventJob(h.services, acme, event.id)).toBe(0);
    const runs = await executionsOf(onViolation.uuid);
    expect(runs.map((r) => [r.trigger_key, r.data.input.subjectId])).toEqual([[`event:${event.id}`, committed]]);
    // Events nobody listens for queue no job; another tenant's workflows are not started by this one's events.
    await h.services.dataSource.query(
      `SELECT steward.emit_event('${acme}', 'member.added', 'User', '${stableUuid('user:dev@acme.test')}', '{"role":"viewer"}'::jsonb)`,
    );
    expect(await h.sql(`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE key LIKE 'workflows:event:%'`)).toEqual([{ n: 0 }]);
    const globex = await workflow(await h.signIn('admin@globex.test'), 'Globex once per violation', { kind: 'EVENT', event: 'VIOLATION_OPENED' });
    expect(await fireEventJob(h.services, stableUuid('tenant:globex'), event.id)).toBe(0);
    expect(await executionsOf(globex.uuid)).toEqual([]);
  });
});
