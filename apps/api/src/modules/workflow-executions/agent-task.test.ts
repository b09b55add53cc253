import { Caller, Harness, startHarness } from '../../../test/harness';
import { stableUuid } from '../../db/seed/deterministic';
import { parseGlobalId, toGlobalId } from '../../graphql/global-id';
import { checkTenantBudgets } from '../../jobs/budget-tasks';
import { driveExecution } from '.';

const acme = stableUuid('tenant:acme');
// A new agent, so that its budget counts only what these tests spend.
let writer: string;
let writerId: string;

const CREATE = `mutation($input: WorkflowCreateInput!) { workflowCreate(input: $input) { workflow { id } userErrors { field message } } }`;
const RUN = `mutation($input: WorkflowRunInput!) { workflowRun(input: $input) { execution { id } userErrors { field message } } }`;
const CLAIM = `mutation($input: AgentTasksClaimInput!) { agentTasksClaim(input: $input) { tasks { id prompt status attempts nodeKey } userErrors { field message code } } }`;
const PROGRESS = `mutation($input: AgentTaskProgressInput!) { agentTaskProgress(input: $input) { task { progress progressMessage } userErrors { field message code } } }`;
const COMPLETE = `mutation($input: AgentTaskCompleteInput!) { agentTaskComplete(input: $input) {
  task { id status attempts provider model promptTokens completionTokens cost output error } userErrors { field message code } } }`;
const EXECUTION = `query($id: ID!) { workflowExecution(id: $id) { status error data
  nodeRuns { nodeId: nodeKey status attempts error }
  agentTasks { id status attempts error finishedAt }
  timeline { nodeId: nodeKey toStatus message } } }`;

let h: Harness;
let dev: Caller;
let runtime: Caller;
beforeAll(async () => {
  h = await startHarness();
  dev = await h.signIn('dev@acme.test');
  const admin = await h.signIn('admin@acme.test');
  const { apiKeyCreate } = await admin.ok(`mutation($input: ApiKeyCreateInput!) { apiKeyCreate(input: $input) { secret } }`, {
    input: { name: 'Writer runtime', role: 'DEVELOPER' },
  });
  runtime = h.apiKey(apiKeyCreate.secret);
  const { agentCreate } = await dev.ok(`mutation($input: AgentCreateInput!) { agentCreate(input: $input) { agent { id } userErrors { message } } }`, {
    input: {
      name: 'Notes Drafter',
      description: 'Drafts release notes',
      role: 'ENGINEERING',
      modelId: toGlobalId('AiModel', stableUuid('model:acme:sonnet')),
      thinkingMode: 'LOW',
      costPerRequest: '0.01',
    },
  });
  expect(agentCreate.userErrors).toEqual([]);
  writerId = agentCreate.agent.id;
  writer = parseGlobalId(writerId)!.id;
});
afterAll(() => h.close());

const edge = (source: string, target: string) => ({ id: `${source}-${target}`, source, target });

async function runTaskWorkflow(
  name: string,
  config: Record<string, unknown> = {},
  more: { nodes: Record<string, unknown>[]; edges: Record<string, unknown>[] } = { nodes: [], edges: [] },
): Promise<{ id: string; uuid: string }> {
  const { workflowCreate } = await dev.ok(CREATE, {
    input: {
      name,
      type: 'AUTOMATION',
      trigger: { kind: 'MANUAL' },
      graph: {
        nodes: [
          { id: 'start', type: 'start' },
          { id: 'draft', type: 'agent_task', config: { agentId: writerId, prompt: `Draft the notes for ${name}`, ...config } },
          { id: 'end', type: 'end' },
          ...more.nodes,
        ],
        edges: [edge('start', 'draft'), edge('draft', 'end'), ...more.edges],
      },
    },
  });
  expect(workflowCreate.userErrors).toEqual([]);
  const { workflowRun } = await dev.ok(RUN, { input: { workflowId: workflowCreate.workflow.id } });
  expect(workflowRun.userErrors).toEqual([]);
  const id = workflowRun.execution.id;
  return { id, uuid: parseGlobalId(id)!.id };
}

const read = async (id: string) => (await dev.ok(EXECUTION, { id })).workflowExecution;
const at = (seconds: number) => new Date(Date.now() + seconds * 1000);
const report = (taskId: string, extra: Record<string, unknown> = {}) => ({
  taskId,
  outcome: 'SUCCEEDED',
  provider: 'ANTHROPIC',
  model: 'claude-sonnet-4',
  promptTokens: 1200,
  completionTokens: 300,
  cost: '0.75',
  output: { notes: 'Fixed the login bug' },
  ...extra,
});

async function claimOne(prompt: string): Promise<{ id: string; attempts: number }> {
  const { agentTasksClaim } = await runtime.ok(CLAIM, { input: { agentId: writerId, limit: 20 } });
  expect(agentTasksClaim.userErrors).toEqual([]);
  const task = agentTasksClaim.tasks.find((t: { prompt: string }) => t.prompt === prompt);
  expect(task).toMatchObject({ status: 'RUNNING', nodeKey: 'draft' });
  return task;
}

describe('AI agent tasks', () => {
  it('an agent_task node waits for the runtime, which claims with its API key, reports progress and a result whose cost reaches budgets', async () => {
    const admin = await h.signIn('admin@acme.test');
    const { budgetCreate } = await admin.ok(`mutation($input: BudgetCreateInput!) { budgetCreate(input: $input) { budget { id } userErrors { message } } }`, {
      input: { name: 'Writer tasks', scope: 'AGENT', agentId: writerId, period: 'MONTHLY', amount: '1', thresholds: [50, 100] },
    });
    expect(budgetCreate.userErrors).toEqual([]);
    const execution = await runTaskWorkflow('Weekly notes');
    await driveExecution(h.services, acme, execution.uuid);
    let state = await read(execution.id);
    expect(state.nodeRuns.map((r: { status: string }) => r.status)).toEqual(['SUCCEEDED', 'WAITING']);
    expect(state.agentTasks).toEqual([{ id: expect.any(String), status: 'PENDING', attempts: 0, error: null, finishedAt: null }]);

    const task = await claimOne('Draft the notes for Weekly notes');
    expect(task.attempts).toBe(1);
    // Claimed once: a second runtime asking now gets nothing.
    expect((await runtime.ok(CLAIM, { input: { agentId: writerId } })).agentTasksClaim.tasks).toEqual([]);
    expect((await runtime.ok(PROGRESS, { input: { taskId: task.id, progress: 40, message: 'Reading the changelog' } })).agentTaskProgress).toEqual({
      task: { progress: 40, progressMessage: 'Reading the changelog' },
      userErrors: [],
    });
    const done = (await runtime.ok(COMPLETE, { input: report(task.id) })).agentTaskComplete;
    expect(done).toEqual({
      task: {
        id: task.id,
        status: 'SUCCEEDED',
        attempts: 1,
        provider: 'ANTHROPIC',
        model: 'claude-sonnet-4',
        promptTokens: 1200,
        completionTokens: 300,
        cost: '0.750000',
        output: { notes: 'Fixed the login bug' },
        error: null,
      },
      userErrors: [],
    });
    // The same report again (a retrying runtime) changes nothing; other figures for the same attempt are refused.
    expect((await runtime.ok(COMPLETE, { input: report(task.id) })).agentTaskComplete.task.promptTokens).toBe(1200);
    expect((await runtime.ok(COMPLETE, { input: report(task.id, { cost: '0.9' }) })).agentTaskComplete).toEqual({
      task: null,
      userErrors: [{ field: ['input', 'taskId'], message: 'This attempt of the task was reported before with other figures', code: 'CONFLICT' }],
    });
    const entries = await h.sql(`SELECT amount::text, category, unit, quantity::int, service, agent_id FROM cost_entries WHERE idempotency_key LIKE $1`, [
      `agent-task:${parseGlobalId(task.id)!.id}:%`,
    ]);
    expect(entries).toEqual([{ amount: '0.750000', category: 'ai', unit: 'tokens', quantity: 1500, service: 'claude-sonnet-4', agent_id: writer }]);
    const raised = await checkTenantBudgets(h.services, acme);
    expect(raised.filter((a) => a.budget_name === 'Writer tasks').map((a) => a.threshold)).toEqual([50]);

    await driveExecution(h.services, acme, execution.uuid);
    state = await read(execution.id);
    expect(state.status).toBe('SUCCEEDED');
    expect(state.data.draft).toMatchObject({ output: { notes: 'Fixed the login bug' }, promptTokens: 1200, completionTokens: 300, cost: '0.750000' });
    const messages = state.timeline.filter((e: { nodeId: string }) => e.nodeId === 'draft').map((e: { message: string }) => e.message);
    expect(messages).toContain('AI task claimed by Writer runtime (attempt 1 of 3)');
    expect(messages).toContain('AI task succeeded (claude-sonnet-4, 1200+300 tokens, 0.75 USD)');

    const { agent } = await dev.ok(
      `query($id: ID!) { agent: node(id: $id) { ... on Agent { tasks(first: 10) { nodes { id status model execution { id } } } taskTotals { count promptTokens completionTokens cost } } } }`,
      { id: writerId },
    );
    expect(agent.tasks.nodes[0]).toEqual({ id: task.id, status: 'SUCCEEDED', model: 'claude-sonnet-4', execution: { id: execution.id } });
    expect(agent.taskTotals).toMatchObject({ promptTokens: 1200, completionTokens: 300, cost: '0.750000' });
  });

  it('a task that gets no result in time times out and is offered again; after the last attempt the node fails', async () => {
    const execution = await runTaskWorkflow('Slow notes', { timeoutSeconds: 60, maxAttempts: 2 });
    await driveExecution(h.services, acme, execution.uuid);
    const first = await claimOne('Draft the notes for Slow notes');
    await driveExecution(h.services, acme, execution.uuid, at(30));
    expect((await read(execution.id)).agentTasks[0].status).toBe('RUNNING');
    await driveExecution(h.services, acme, execution.uuid, at(61));
    let state = await read(execution.id);
    expect(state.agentTasks[0]).toMatchObject({ status: 'TIMED_OUT', error: 'The agent did not report within 60s of its claim', finishedAt: null });
    expect(state.nodeRuns[1]).toMatchObject({ status: 'PENDING', attempts: 1 });
    await driveExecution(h.services, acme, execution.uuid, at(63));
    expect((await read(execution.id)).agentTasks[0].status).toBe('PENDING');
    const second = await claimOne('Draft the notes for Slow notes');
    expect(second).toMatchObject({ id: first.id, attempts: 2 });
    await driveExecution(h.services, acme, execution.uuid, at(200));
    state = await read(execution.id);
    expect(state).toMatchObject({ status: 'FAILED', error: 'draft: The agent did not report within 60s of its claim' });
    expect(state.agentTasks[0]).toMatchObject({ status: 'TIMED_OUT', attempts: 2, finishedAt: expect.any(String) });
    // Too late now: the node has failed.
    const late = (await runtime.ok(COMPLETE, { input: report(first.id) })).agentTaskComplete;
    expect(late.userErrors).toEqual([{ field: ['input', 'taskId'], message: 'The task is already timed_out', code: 'CONFLICT' }]);
    expect(await h.sql(`SELECT count(*)::int AS n FROM cost_entries WHERE idempotency_key LIKE $1`, [`agent-task:${parseGlobalId(first.id)!.id}:%`])).toEqual([
      { n: 0 },
    ]);
  });

  it("counts an attempt's time from its claim, not from when the task was made", async () => {
    const execution = await runTaskWorkflow('Queued notes', { timeoutSeconds: 60, maxAttempts: 2 });
    await driveExecution(h.services, acme, execution.uuid);
    // An hour on, nobody has claimed the task: it has not started, so it has not timed out.
    await driveExecution(h.services, acme, execution.uuid, at(3600));
    let state = await read(execution.id);
    expect(state.nodeRuns[1]).toMatchObject({ status: 'WAITING', attempts: 1 });
    expect(state.agentTasks[0]).toMatchObject({ status: 'PENDING', attempts: 0, error: null });
    const waiting = state.timeline.filter((e: { nodeId: string; toStatus: string }) => e.nodeId === 'draft' && e.toStatus === 'waiting');
    expect(waiting.map((e: { message: string }) => e.message)).toEqual(['until its runtime claims the task (at most 86400s)']);

    const task = await claimOne('Draft the notes for Queued notes');
    const [{ claimed_at: claimedAt }] = await h.sql(`SELECT claimed_at FROM agent_tasks WHERE id = $1`, [parseGlobalId(task.id)!.id]);
    const sinceClaim = (seconds: number) => new Date(new Date(claimedAt).getTime() + seconds * 1000);
    // The node wakes at the claim plus the timeout, and not a second before.
    const [{ run_at: wakeAt }] = await h.sql(`SELECT run_at FROM workflow_node_runs WHERE execution_id = $1 AND node_id = 'draft'`, [execution.uuid]);
    expect(new Date(wakeAt).toISOString()).toBe(sinceClaim(60).toISOString());
    await driveExecution(h.services, acme, execution.uuid, sinceClaim(59));
    expect((await read(execution.id)).agentTasks[0]).toMatchObject({ status: 'RUNNING', error: null });
    await driveExecution(h.services, acme, execution.uuid, sinceClaim(60));
    state = await read(execution.id);
    expect(state.agentTasks[0]).toMatchObject({ status: 'TIMED_OUT', error: 'The agent did not report within 60s of its claim' });
    expect(state.nodeRuns[1]).toMatchObject({ status: 'PENDING', attempts: 1 });
  });

  it('a task nobody claims within claimTimeoutSeconds expires, and its execution fails saying so', async () => {
    const execution = await runTaskWorkflow('Unclaimed notes', { claimTimeoutSeconds: 600, maxAttempts: 3 });
    const before = Date.now();
    await driveExecution(h.services, acme, execution.uuid);
    const [row] = await h.sql(`SELECT id FROM agent_tasks WHERE execution_id = $1`, [execution.uuid]);
    const taskId = toGlobalId('AgentTask', row.id);
    const { agentTask } = await dev.ok(`query($id: ID!) { agentTask(id: $id) { status claimDeadline } }`, { id: taskId });
    expect(agentTask.status).toBe('PENDING');
    const deadline = new Date(agentTask.claimDeadline).getTime();
    expect(deadline).toBeGreaterThanOrEqual(before + 600_000);
    expect(deadline).toBeLessThan(Date.now() + 600_000);
    // The node wakes at the claim deadline, and not a second before.
    await driveExecution(h.services, acme, execution.uuid, new Date(deadline - 1000));
    expect((await read(execution.id)).agentTasks[0]).toMatchObject({ status: 'PENDING', error: null });
    await driveExecution(h.services, acme, execution.uuid, new Date(deadline));
    const state = await read(execution.id);
    expect(state).toMatchObject({ status: 'FAILED', error: 'draft: Nobody claimed the AI task within 600s' });
    // Not offered again: waiting again would not help, so the other attempts are not used.
    expect(state.nodeRuns[1]).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect(state.agentTasks[0]).toMatchObject({
      status: 'EXPIRED',
      attempts: 0,
      error: 'Nobody claimed the AI task within 600s',
      finishedAt: expect.any(String),
    });
    expect(state.timeline.filter((e: { nodeId: string }) => e.nodeId === 'draft').map((e: { message: string }) => e.message)).toEqual(
      expect.arrayContaining(['until its runtime claims the task (at most 600s)', 'Nobody claimed the AI task within 600s']),
    );
    // No runtime gets it any more, and a late report is refused.
    const { agentTasksClaim } = await runtime.ok(CLAIM, { input: { agentId: writerId, limit: 20 } });
    expect(agentTasksClaim.tasks.map((t: { id: string }) => t.id)).not.toContain(taskId);
    expect((await dev.ok(`query($id: ID!) { agentTask(id: $id) { status claimDeadline } }`, { id: taskId })).agentTask).toEqual({
      status: 'EXPIRED',
      claimDeadline: null,
    });
  });

  it('an expired task takes the node\'s "expired" edge when the graph has one', async () => {
    const execution = await runTaskWorkflow(
      'Fallback notes',
      { claimTimeoutSeconds: 60 },
      {
        nodes: [{ id: 'tell', type: 'task', config: { action: 'channel.send', message: 'Nobody wrote the notes' } }],
        edges: [{ ...edge('draft', 'tell'), label: 'expired' }, edge('tell', 'end')],
      },
    );
    await driveExecution(h.services, acme, execution.uuid);
    await driveExecution(h.services, acme, execution.uuid, at(61));
    const state = await read(execution.id);
    expect(state.status).toBe('SUCCEEDED');
    expect(state.nodeRuns.map((r: { nodeId: string; status: string }) => `${r.nodeId}:${r.status}`)).toEqual([
      'start:SUCCEEDED',
      'draft:SUCCEEDED',
      'tell:SUCCEEDED',
      'end:SUCCEEDED',
    ]);
    expect(state.data.draft).toMatchObject({ expired: true, error: 'Nobody claimed the AI task within 60s' });
    expect(state.agentTasks[0]).toMatchObject({ status: 'EXPIRED' });
  });

  it('a claimed task on a path with an "expired" edge goes the usual way', async () => {
    const execution = await runTaskWorkflow(
      'Claimed fallback notes',
      { claimTimeoutSeconds: 60 },
      {
        nodes: [{ id: 'tell', type: 'task', config: { action: 'channel.send', message: 'Nobody wrote the notes' } }],
        edges: [{ ...edge('draft', 'tell'), label: 'expired' }, edge('tell', 'end')],
      },
    );
    await driveExecution(h.services, acme, execution.uuid);
    const task = await claimOne('Draft the notes for Claimed fallback notes');
    // Claimed in time: the claim deadline no longer counts, the attempt's time does.
    await driveExecution(h.services, acme, execution.uuid, at(61));
    expect((await read(execution.id)).agentTasks[0]).toMatchObject({ status: 'RUNNING' });
    await runtime.ok(COMPLETE, { input: report(task.id) });
    await driveExecution(h.services, acme, execution.uuid, at(62));
    const state = await read(execution.id);
    expect(state.status).toBe('SUCCEEDED');
    expect(state.nodeRuns.map((r: { nodeId: string }) => r.nodeId)).toEqual(['start', 'draft', 'end']);
  });

  it('a reported failure is retried; its tokens and cost still count', async () => {
    const execution = await runTaskWorkflow('Flaky notes', { maxAttempts: 2 });
    await driveExecution(h.services, acme, execution.uuid);
    const first = await claimOne('Draft the notes for Flaky notes');
    const failed = (
      await runtime.ok(COMPLETE, {
        input: report(first.id, { outcome: 'FAILED', output: null, error: 'Rate limited', promptTokens: 100, completionTokens: 0, cost: '0.05' }),
      })
    ).agentTaskComplete;
    expect(failed.task).toMatchObject({ status: 'FAILED', error: 'Rate limited' });
    // The node wakes at once, fails this attempt and comes again after its backoff.
    await driveExecution(h.services, acme, execution.uuid);
    expect((await read(execution.id)).nodeRuns[1]).toMatchObject({ status: 'PENDING', error: 'Rate limited' });
    await driveExecution(h.services, acme, execution.uuid, at(5));
    const second = await claimOne('Draft the notes for Flaky notes');
    expect(second.attempts).toBe(2);
    const done = (await runtime.ok(COMPLETE, { input: report(second.id) })).agentTaskComplete.task;
    expect(done).toMatchObject({ status: 'SUCCEEDED', promptTokens: 1300, completionTokens: 300, cost: '0.800000', error: null });
    await driveExecution(h.services, acme, execution.uuid, at(5));
    const state = await read(execution.id);
    expect(state.status).toBe('SUCCEEDED');
    expect(state.nodeRuns[1]).toMatchObject({ status: 'SUCCEEDED', attempts: 2 });
  });

  it('refuse reports before a claim, and are cancelled with their execution', async () => {
    const execution = await runTaskWorkflow('Cancelled notes');
    await driveExecution(h.services, acme, execution.uuid);
    const [row] = await h.sql(`SELECT id FROM agent_tasks WHERE execution_id = $1`, [execution.uuid]);
    const taskId = toGlobalId('AgentTask', row.id);
    expect((await runtime.ok(COMPLETE, { input: report(taskId) })).agentTaskComplete.userErrors).toEqual([
      { field: ['input', 'taskId'], message: 'Claim the task (agentTasksClaim) before reporting on it', code: 'CONFLICT' },
    ]);
    await dev.ok(`mutation($input: WorkflowExecutionCancelInput!) { workflowExecutionCancel(input: $input) { execution { status } } }`, {
      input: { executionId: execution.id, reason: 'Not this week' },
    });
    expect((await read(execution.id)).agentTasks[0].status).toBe('CANCELLED');
    const { agentTasksClaim } = await runtime.ok(CLAIM, { input: { agentId: writerId, limit: 20 } });
    expect(agentTasksClaim.tasks.map((t: { id: string }) => t.id)).not.toContain(taskId);
  });

  it('belong to their tenant; cost is money, tasks are hidden from viewers', async () => {
    const execution = await runTaskWorkflow('Tenant notes');
    await driveExecution(h.services, acme, execution.uuid);
    const [row] = await h.sql(`SELECT id FROM agent_tasks WHERE execution_id = $1`, [execution.uuid]);
    const taskId = toGlobalId('AgentTask', row.id);
    const globexAdmin = await h.signIn('admin@globex.test');
    const { apiKeyCreate } = await globexAdmin.ok(`mutation($input: ApiKeyCreateInput!) { apiKeyCreate(input: $input) { secret } }`, {
      input: { name: 'Other runtime', role: 'DEVELOPER' },
    });
    const other = h.apiKey(apiKeyCreate.secret);
    expect((await other.gql(CLAIM, { input: { agentId: writerId } })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await other.gql(COMPLETE, { input: report(taskId) })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await globexAdmin.ok(`query($id: ID!) { agentTask(id: $id) { id } }`, { id: taskId })).agentTask).toBeNull();
    expect((await h.sql(`SELECT status FROM agent_tasks WHERE id = $1`, [row.id]))[0].status).toBe('pending');

    const compliance = await h.signIn('compliance@acme.test');
    expect((await compliance.ok(`query($id: ID!) { agentTask(id: $id) { status prompt } }`, { id: taskId })).agentTask).toEqual({
      status: 'PENDING',
      prompt: 'Draft the notes for Tenant notes',
    });
    expect((await compliance.gql(`query($id: ID!) { agentTask(id: $id) { cost } }`, { id: taskId })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const analyst = await h.signIn('analyst@acme.test');
    expect((await analyst.ok(`query($id: ID!) { agentTask(id: $id) { cost } }`, { id: taskId })).agentTask).toEqual({ cost: null });
    const viewer = await h.signIn('viewer@acme.test');
    expect((await viewer.gql(`query($id: ID!) { agentTask(id: $id) { id } }`, { id: taskId })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
