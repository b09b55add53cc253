import 'reflect-metadata';
import { sha256Hex } from '../../auth/secrets';
import { inScope, type AppServices } from '../../scope';
import { toGlobalId } from '../../graphql/global-id';
import { CostProvider } from '../../modules/costs';
import { decideApprovalRequest } from '../../modules/approvals';
import { AgentTaskOutcome, cancelExecution, claimTasks, completeTask, driveExecution, startExecution } from '../../modules/workflow-executions';
import { createWorkflow, WorkflowCreateInput, WorkflowEvent, WorkflowTriggerKind, WorkflowType } from '../../modules/workflows';
import type { SeedAs } from './demo-agents';
import { stableApiKey, stableUuid } from './deterministic';

const edge = (source: string, target: string, label?: string) => ({ id: `${source}-${target}`, source, target, ...(label ? { label } : {}) });
const at = (x: number, y: number) => ({ x, y });

function changeReviewGraph(reviewer: string) {
  return {
    nodes: [
      { id: 'start', type: 'start', label: 'Change proposed', position: at(0, 0), config: {} },
      {
        id: 'assess',
        type: 'agent_task',
        label: 'AI risk assessment',
        position: at(0, 120),
        config: {
          agentId: reviewer,
          prompt: 'Assess the risk of the proposed change and answer risk: low, medium or high, with reasons',
          maxAttempts: 2,
          timeoutSeconds: 900,
        },
      },
      { id: 'risky', type: 'condition', label: 'High risk?', position: at(0, 240), config: { expression: 'data.assess.output.risk == "high"' } },
      {
        id: 'signoff',
        type: 'approval',
        label: 'Compliance sign-off',
        position: at(-160, 360),
        config: { title: 'Sign off a high-risk change', roles: ['compliance_officer'], mode: 'single', timeoutSeconds: 86400, onTimeout: 'expire' },
      },
      { id: 'file', type: 'task', label: 'File the review', position: at(0, 480), config: { action: 'record.create', record: { kind: 'change-review' } } },
      { id: 'end', type: 'end', label: 'Done', position: at(0, 600), config: { outcome: 'succeeded' } },
    ],
    edges: [
      edge('start', 'assess'),
      edge('assess', 'risky'),
      edge('risky', 'signoff', 'true'),
      edge('risky', 'file', 'false'),
      edge('signoff', 'file'),
      edge('file', 'end'),
    ],
  };
}

function incidentGraph(triage: string) {
  return {
    nodes: [
      { id: 'start', type: 'start', label: 'Violation opened', position: at(0, 0), config: {} },
      {
        id: 'summarise',
        type: 'agent_task',
        label: 'AI incident summary',
        position: at(0, 120),
        config: { agentId: triage, prompt: 'Summarise the violation for the on-call engineer in five lines', maxAttempts: 1, timeoutSeconds: 600 },
      },
      {
        id: 'notify',
        type: 'task',
        label: 'Tell the on-call channel',
        position: at(0, 240),
        config: { action: 'channel.send', message: 'A policy violation needs a look' },
      },
      { id: 'end', type: 'end', label: 'Done', position: at(0, 360), config: { outcome: 'succeeded' } },
    ],
    edges: [edge('start', 'summarise'), edge('summarise', 'notify'), edge('notify', 'end')],
  };
}

const digestGraph = {
  nodes: [
    { id: 'start', type: 'start', label: 'Every morning', position: at(0, 0), config: {} },
    {
      id: 'notify',
      type: 'task',
      label: 'Post the digest',
      position: at(0, 120),
      config: { action: 'channel.send', message: "Yesterday's agent spend is in the costs page" },
    },
    { id: 'end', type: 'end', label: 'Done', position: at(0, 240), config: { outcome: 'succeeded' } },
  ],
  edges: [edge('start', 'notify'), edge('notify', 'end')],
};

/** A vendor model asked for by procurement: a majority of the compliance officers and admins decides, then it is filed and announced. */
const vendorApprovalGraph = {
  nodes: [
    { id: 'start', type: 'start', label: 'Vendor model requested', position: at(0, 0), config: {} },
    {
      id: 'decide',
      type: 'approval',
      label: 'Compliance and admin vote',
      position: at(0, 120),
      config: {
        title: 'Approve a new model vendor',
        summary: 'Check the data processing agreement, the hosting region and the retention terms',
        roles: ['compliance_officer', 'admin'],
        mode: 'majority',
        timeoutSeconds: 86400,
        onTimeout: 'reject',
      },
    },
    {
      id: 'file',
      type: 'task',
      label: 'Add to the vendor register',
      position: at(0, 240),
      config: { action: 'record.create', record: { kind: 'vendor-approval' } },
    },
    {
      id: 'announce',
      type: 'task',
      label: 'Tell the builders',
      position: at(0, 360),
      config: { action: 'channel.send', message: 'A new model vendor is approved' },
    },
    { id: 'end', type: 'end', label: 'Approved', position: at(0, 480), config: { outcome: 'succeeded' } },
  ],
  edges: [edge('start', 'decide'), edge('decide', 'file'), edge('file', 'announce'), edge('announce', 'end')],
};

function input(name: string, description: string, type: WorkflowType, trigger: WorkflowCreateInput['trigger'], graph: object): WorkflowCreateInput {
  return Object.assign(new WorkflowCreateInput(), { name, description, type, trigger, graph });
}

/**
 * Acme's workflows, one of each type, and an execution history the pages can show: a change review that
 * finished, one waiting for a compliance officer's sign-off, an incident summary (started by the
 * violation.opened event) whose AI task failed, one whose task waits for the agent runtime (claim it with
 * the "Agent runtime" key) and one cancelled, a morning digest that ran, and vendor approvals by majority
 * vote: one approved, one rejected, one waiting for its second vote. Every terminal state has one.
 * Every id follows from a name (executions) or from the run that made it (node runs, tasks, requests).
 */
export async function seedWorkflows(
  app: AppServices,
  as: SeedAs,
  slug: string,
  tenantId: string,
  people: { developer: string; compliance: string; secondCompliance: string; admin: string },
): Promise<void> {
  const reviewer = stableUuid(`agent:${slug}:Code Reviewer`);
  const triage = stableUuid(`agent:${slug}:Incident Triage`);
  const ids = {
    review: stableUuid(`workflow:${slug}:change-review`),
    incident: stableUuid(`workflow:${slug}:incident-summary`),
    digest: stableUuid(`workflow:${slug}:cost-digest`),
    vendor: stableUuid(`workflow:${slug}:vendor-approval`),
  };
  await as(people.developer, async (scope) => {
    await createWorkflow(
      scope,
      input(
        'High-risk change review',
        'An AI assessment of every proposed agent change; high-risk ones wait for a compliance sign-off',
        WorkflowType.COMPLIANCE,
        { kind: WorkflowTriggerKind.MANUAL },
        changeReviewGraph(toGlobalId('Agent', reviewer)),
      ),
      ids.review,
    );
    await createWorkflow(
      scope,
      input(
        'Incident summary',
        'When a policy violation opens, Incident Triage summarises it for the on-call channel',
        WorkflowType.AUTOMATION,
        { kind: WorkflowTriggerKind.EVENT, event: WorkflowEvent.VIOLATION_OPENED },
        incidentGraph(toGlobalId('Agent', triage)),
      ),
      ids.incident,
    );
    await createWorkflow(
      scope,
      input(
        'Morning cost digest',
        "Posts yesterday's agent spend every morning at 06:00 UTC",
        WorkflowType.NOTIFICATION,
        { kind: WorkflowTriggerKind.SCHEDULE, cron: '0 6 * * *' },
        digestGraph,
      ),
      ids.digest,
    );
    await createWorkflow(
      scope,
      input(
        'Vendor model approval',
        'A new model vendor is used only once most compliance officers and admins approve it; procurement starts it by webhook',
        WorkflowType.APPROVAL,
        { kind: WorkflowTriggerKind.WEBHOOK },
        vendorApprovalGraph,
      ),
      ids.vendor,
    );
  });
  const runtime = <T>(work: Parameters<SeedAs>[1]) =>
    inScope(app, { actor: { kind: 'apiKey', keyHash: sha256Hex(stableApiKey(`${slug}:Agent runtime`)) }, requestId: `seed:${tenantId}` }, work) as Promise<T>;
  const run = async (workflow: string, n: number, data: Record<string, unknown>) => {
    const id = stableUuid(`execution:${slug}:${workflow}:${n}`);
    await as(people.developer, (scope) => startExecution(scope, workflow, data, id));
    await driveExecution(app, tenantId, id);
    return id;
  };
  const report = async (
    agentId: string,
    outcome: AgentTaskOutcome,
    result: Record<string, unknown>,
    tokens: [number, number],
    cost: string,
    error?: string,
  ) => {
    await runtime(async (scope) => {
      const [task] = await claimTasks(scope, toGlobalId('Agent', agentId), 1);
      await completeTask(scope, {
        taskId: task.id,
        outcome,
        provider: CostProvider.ANTHROPIC,
        model: agentId === triage ? 'claude-opus-4' : 'claude-sonnet-4',
        promptTokens: tokens[0],
        completionTokens: tokens[1],
        cost,
        currency: 'USD',
        output: outcome === AgentTaskOutcome.SUCCEEDED ? result : null,
        error: error ?? null,
      });
    });
  };

  const low = await run(ids.review, 1, { change: 'Release Notes Writer: raise maxTokens to 8192', requestedBy: 'dev@acme.test' });
  await report(reviewer, AgentTaskOutcome.SUCCEEDED, { risk: 'low', reasons: ['No new tools', 'Cost per request rises by 4%'] }, [2140, 380], '0.0121');
  await driveExecution(app, tenantId, low);

  const high = await run(ids.review, 2, { change: 'Incident Triage: allow the shell tool in production', requestedBy: 'dev@acme.test' });
  await report(
    reviewer,
    AgentTaskOutcome.SUCCEEDED,
    { risk: 'high', reasons: ['Shell access in production', 'No approval step in the runbook'] },
    [2310, 512],
    '0.0146',
  );
  await driveExecution(app, tenantId, high);

  const failed = await run(ids.incident, 1, { violation: 'Roadmap Planner used a non-approved model' });
  await report(triage, AgentTaskOutcome.FAILED, {}, [1800, 0], '0.0270', 'The model provider answered 529 (overloaded)');
  await driveExecution(app, tenantId, failed);

  // Waits for the agent runtime: claim it with the demo "Agent runtime" key.
  await run(ids.incident, 2, { violation: 'Support Summariser kept EU tickets past 30 days' });

  const digest = await run(ids.digest, 1, {});
  await driveExecution(app, tenantId, digest);

  const vote = async (execution: string, votes: [string, 'approve' | 'reject', string][]) => {
    const [{ request }]: { request: string }[] = await app.dataSource.query(
      `SELECT approval_request_id AS request FROM workflow_node_runs WHERE tenant_id = $1 AND execution_id = $2 AND node_id = 'decide'`,
      [tenantId, execution],
    );
    for (const [who, value, comment] of votes) await as(who, (scope) => decideApprovalRequest(scope, request, value, comment));
    await driveExecution(app, tenantId, execution);
  };
  const azure = await run(ids.vendor, 1, { vendor: 'Mistral Large on Azure AI', region: 'EU (Sweden Central)', dpa: 'signed 2026-11-20' });
  await vote(azure, [
    [people.compliance, 'approve', 'DPA signed, EU hosting, 30-day retention'],
    [people.admin, 'approve', 'Agreed'],
  ]);
  const reseller = await run(ids.vendor, 2, { vendor: 'A reseller of open-weight models', region: 'unknown', dpa: 'none' });
  await vote(reseller, [
    [people.compliance, 'reject', 'No data processing agreement and no stated hosting region'],
    [people.secondCompliance, 'reject', 'Same: no DPA'],
  ]);
  const vertex = await run(ids.vendor, 3, { vendor: 'Gemini 2.5 Pro on Vertex AI', region: 'EU (Frankfurt)', dpa: 'signed 2026-12-01' });
  await vote(vertex, [[people.secondCompliance, 'approve', 'Terms checked; EU region pinned']]);

  // Started twice for one violation: the duplicate is cancelled, its AI task with it.
  const duplicate = await run(ids.incident, 3, { violation: 'Support Summariser kept EU tickets past 30 days' });
  await as(people.developer, (scope) => cancelExecution(scope, duplicate, 'Duplicate of the summary already waiting for the runtime'));
}
