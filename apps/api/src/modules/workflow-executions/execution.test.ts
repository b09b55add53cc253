import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Caller, Harness, startHarness } from '../../../test/harness';
import { stableUuid } from '../../db/seed/deterministic';
import { parseGlobalId, toGlobalId } from '../../graphql/global-id';
import { driveExecution, runNodeJob } from '.';

const acme = stableUuid('tenant:acme');
const CREATE = `mutation($input: WorkflowCreateInput!) { workflowCreate(input: $input) { workflow { id } userErrors { field message } } }`;
const RUN = `mutation($input: WorkflowRunInput!) { workflowRun(input: $input) { execution { id status } userErrors { field message code } } }`;
const EXECUTION = `query($id: ID!) { workflowExecution(id: $id) { status error version data
  nodeRuns { id nodeId: nodeKey step status attempts error output }
  timeline { nodeId: nodeKey fromStatus toStatus actorLabel message actor { fullName } } } }`;

const start = { id: 'start', type: 'start' };
const end = { id: 'end', type: 'end' };
const edge = (source: string, target: string, label?: string) => ({ id: `${source}-${target}`, source, target, ...(label ? { label } : {}) });

let h: Harness;
let dev: Caller;
let hook: Server;
let hookUrl: string;
let hookCalls: { key: string; attempt: number }[] = [];
let hookPlan: ('fail' | 'ok' | 'slow')[] = [];
beforeAll(async () => {
  h = await startHarness();
  dev = await h.signIn('dev@acme.test');
  hook = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      hookCalls.push({ key: String(req.headers['idempotency-key']), attempt: JSON.parse(body).attempt });
      const next = hookPlan.shift() ?? 'ok';
      if (next === 'slow') setTimeout(() => res.end('late'), 2500);
      else {
        res.statusCode = next === 'fail' ? 503 : 200;
        res.end();
      }
    });
  });
  await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
  // The graph wants https; the test server speaks http on loopback, so the stored url is rewritten after saving.
  hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  hook.closeAllConnections();
  await new Promise((resolve) => hook.close(resolve));
  await h.close();
});

async function workflow(name: string, nodes: object[], edges: object[]): Promise<string> {
  const { workflowCreate } = await dev.ok(CREATE, { input: { name, type: 'AUTOMATION', trigger: { kind: 'MANUAL' }, graph: { nodes, edges } } });
  expect(workflowCreate.userErrors).toEqual([]);
  await h.sql(`UPDATE workflow_versions SET graph = replace(graph::text, 'https://hook.test/', $2)::jsonb WHERE workflow_id = $1`, [
    parseGlobalId(workflowCreate.workflow.id)!.id,
    hookUrl.replace(/hook$/, ''),
  ]);
  return workflowCreate.workflow.id;
}

async function run(workflowId: string, input: object = {}): Promise<{ id: string; uuid: string }> {
  const { workflowRun } = await dev.ok(RUN, { input: { workflowId, input } });
  expect(workflowRun.userErrors).toEqual([]);
  return { id: workflowRun.execution.id, uuid: parseGlobalId(workflowRun.execution.id)!.id };
}

const read = async (id: string) => (await dev.ok(EXECUTION, { id })).workflowExecution;
const at = (seconds: number) => new Date(Date.now() + seconds * 1000);

describe('workflow executions', () => {
  it('run node by node on the job queue to the end, with a timeline of every transition', async () => {
    const id = await workflow(
      'Five steps',
      [
        start,
        { id: 'note', type: 'task', config: { action: 'record.create', record: { ticket: 'CR-1' } } },
        { id: 'big', type: 'condition', config: { expression: 'data.input.amount > 100.0' } },
        { id: 'tell', type: 'task', config: { action: 'channel.send', message: 'Large change' } },
        end,
      ],
      [edge('start', 'note'), edge('note', 'big'), edge('big', 'tell', 'true'), edge('big', 'end', 'false'), edge('tell', 'end')],
    );
    const execution = await run(id, { amount: 250.0 });
    await h.runJobs();
    const done = await read(execution.id);
    expect(done.status).toBe('SUCCEEDED');
    expect(done.nodeRuns.map((r: { nodeId: string; status: string }) => `${r.nodeId}:${r.status}`)).toEqual([
      'start:SUCCEEDED',
      'note:SUCCEEDED',
      'big:SUCCEEDED',
      'tell:SUCCEEDED',
      'end:SUCCEEDED',
    ]);
    expect(done.data).toMatchObject({ input: { amount: 250 }, note: { record: { ticket: 'CR-1' } }, big: { value: true } });
    const note = done.timeline.filter((e: { nodeId: string }) => e.nodeId === 'note').map((e: { toStatus: string }) => e.toStatus);
    expect(note).toEqual(['pending', 'running', 'succeeded']);
    expect(done.timeline[0]).toMatchObject({ nodeId: null, toStatus: 'running', actor: { fullName: 'Dev Dhillon' } });
    expect(done.timeline.at(-1)).toMatchObject({ nodeId: null, toStatus: 'succeeded', actorLabel: 'job workflows:node' });
  });

  it('never run a step twice: a worker killed mid-step leaves nothing, the step runs once when the job comes again', async () => {
    const { agentCreate } = await dev.ok(`mutation($input: AgentCreateInput!) { agentCreate(input: $input) { agent { id } } }`, {
      input: {
        name: 'Workflow deployed',
        description: 'x',
        role: 'ENGINEERING',
        modelId: toGlobalId('AiModel', stableUuid('model:acme:sonnet')),
        thinkingMode: 'LOW',
        costPerRequest: '0.01',
      },
    });
    const agentUuid = parseGlobalId(agentCreate.agent.id)!.id;
    const id = await workflow(
      'Deploy it',
      [start, { id: 'deploy', type: 'task', config: { action: 'agent.lifecycle', agentId: agentUuid, lifecycleAction: 'deploy' } }, end],
      [edge('start', 'deploy'), edge('deploy', 'end')],
    );
    const execution = await run(id);
    const [first] = await h.sql(`SELECT id FROM workflow_node_runs WHERE execution_id = $1 AND node_id = 'start'`, [execution.uuid]);
    expect(await runNodeJob(h.services, acme, first.id)).toBe('succeeded');
    const [pending] = await h.sql(`SELECT id FROM workflow_node_runs WHERE execution_id = $1 AND node_id = 'deploy'`, [execution.uuid]);
    const crash = () => {
      throw new Error('worker killed');
    };
    await expect(runNodeJob(h.services, acme, pending.id, new Date(), { afterEffect: crash })).rejects.toThrow('worker killed');
    const [agent] = await h.sql(`SELECT status FROM agents WHERE id = $1`, [agentUuid]);
    expect(agent.status).toBe('draft');
    const [afterCrash] = await h.sql(`SELECT status, attempts FROM workflow_node_runs WHERE id = $1`, [pending.id]);
    expect(afterCrash).toEqual({ status: 'pending', attempts: 0 });
    expect(await runNodeJob(h.services, acme, pending.id)).toBe('succeeded');
    expect(await runNodeJob(h.services, acme, pending.id)).toBeNull();
    await driveExecution(h.services, acme, execution.uuid);
    expect((await read(execution.id)).status).toBe('SUCCEEDED');
    const deploys = await h.sql(`SELECT count(*)::int AS n FROM audit_entries WHERE entity_id = $1 AND action = 'agent.deploy'`, [agentUuid]);
    expect(deploys).toEqual([{ n: 1 }]);
  });

  it('retry a failing node with exponential backoff, the clock in the test, the same idempotency key on every attempt', async () => {
    const id = await workflow(
      'Flaky hook',
      [start, { id: 'call', type: 'task', config: { action: 'webhook.call', url: 'https://hook.test/hook', maxAttempts: 3 } }, end],
      [edge('start', 'call'), edge('call', 'end')],
    );
    hookCalls = [];
    hookPlan = ['fail', 'fail', 'ok'];
    const execution = await run(id);
    // One clock for the whole test, so a slow machine cannot make the first retry due early.
    const t0 = new Date();
    const after = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
    await driveExecution(h.services, acme, execution.uuid, t0);
    let state = await read(execution.id);
    expect(state.nodeRuns.find((r: { nodeId: string }) => r.nodeId === 'call')).toMatchObject({
      status: 'PENDING',
      attempts: 1,
      error: 'The webhook answered 503',
    });
    await driveExecution(h.services, acme, execution.uuid, after(0.5));
    expect(hookCalls).toHaveLength(1);
    await driveExecution(h.services, acme, execution.uuid, after(1.5));
    await driveExecution(h.services, acme, execution.uuid, after(3.5));
    state = await read(execution.id);
    expect(state.status).toBe('SUCCEEDED');
    expect(hookCalls.map((c) => c.attempt)).toEqual([1, 2, 3]);
    expect(new Set(hookCalls.map((c) => c.key)).size).toBe(1);
    const retries = state.timeline
      .filter((e: { nodeId: string; toStatus: string }) => e.nodeId === 'call' && e.toStatus === 'pending')
      .map((e: { message: string }) => e.message);
    expect(retries).toEqual(['', 'The webhook answered 503; attempt 2 of 3 in 1s', 'The webhook answered 503; attempt 3 of 3 in 2s']);
  });

  it('fail a node that times out after its last attempt, and re-run it as a new step', async () => {
    const id = await workflow(
      'Slow hook',
      [start, { id: 'call', type: 'task', config: { action: 'webhook.call', url: 'https://hook.test/hook', maxAttempts: 1, timeoutSeconds: 1 } }, end],
      [edge('start', 'call'), edge('call', 'end')],
    );
    hookPlan = ['slow'];
    const execution = await run(id);
    await driveExecution(h.services, acme, execution.uuid);
    const failed = await read(execution.id);
    expect(failed).toMatchObject({ status: 'FAILED', error: 'call: Timed out after 1s' });
    const node = failed.nodeRuns.find((r: { nodeId: string }) => r.nodeId === 'call');
    hookPlan = ['ok'];
    const retried = await dev.ok(
      `mutation($input: WorkflowExecutionNodeRetryInput!) { workflowExecutionNodeRetry(input: $input) { execution { status } userErrors { message } } }`,
      {
        input: { nodeRunId: node.id },
      },
    );
    expect(retried.workflowExecutionNodeRetry).toEqual({ execution: { status: 'RUNNING' }, userErrors: [] });
    await driveExecution(h.services, acme, execution.uuid);
    const done = await read(execution.id);
    expect(done.status).toBe('SUCCEEDED');
    expect(done.nodeRuns.filter((r: { nodeId: string }) => r.nodeId === 'call').map((r: { step: number; status: string }) => r.status)).toEqual([
      'FAILED',
      'SUCCEEDED',
    ]);
  });

  it('cancel: waiting and pending nodes are cancelled and nothing runs afterwards', async () => {
    const id = await workflow(
      'Wait an hour',
      [start, { id: 'pause', type: 'wait', config: { seconds: 3600 } }, { id: 'tell', type: 'task', config: { action: 'channel.send', message: 'x' } }, end],
      [edge('start', 'pause'), edge('pause', 'tell'), edge('tell', 'end')],
    );
    const execution = await run(id);
    await driveExecution(h.services, acme, execution.uuid);
    expect((await read(execution.id)).nodeRuns.map((r: { status: string }) => r.status)).toEqual(['SUCCEEDED', 'WAITING']);
    const cancelled = await dev.ok(
      `mutation($input: WorkflowExecutionCancelInput!) { workflowExecutionCancel(input: $input) { execution { status error } } }`,
      {
        input: { executionId: execution.id, reason: 'Not needed' },
      },
    );
    expect(cancelled.workflowExecutionCancel.execution).toEqual({ status: 'CANCELLED', error: 'Not needed' });
    await driveExecution(h.services, acme, execution.uuid, at(7200));
    expect((await read(execution.id)).nodeRuns.map((r: { status: string }) => r.status)).toEqual(['SUCCEEDED', 'CANCELLED']);
  });

  it('cancel: the approval request it waited on is withdrawn, so nobody is asked to decide it', async () => {
    const id = await workflow(
      'Gate to cancel',
      [start, { id: 'ok', type: 'approval', config: { title: 'Cancelled gate?', roles: ['compliance_officer'] } }, end],
      [edge('start', 'ok'), edge('ok', 'end')],
    );
    const execution = await run(id);
    await driveExecution(h.services, acme, execution.uuid);
    const [request] = await h.sql(`SELECT id, status FROM approval_requests WHERE kind = 'workflow' AND title = 'Cancelled gate?'`);
    expect(request.status).toBe('pending');
    await dev.ok(`mutation($input: WorkflowExecutionCancelInput!) { workflowExecutionCancel(input: $input) { execution { status } } }`, {
      input: { executionId: execution.id, reason: 'Not needed' },
    });
    const [after] = await h.sql(`SELECT status FROM approval_requests WHERE id = $1`, [request.id]);
    expect(after.status).toBe('cancelled');
    const steps = await h.sql(`SELECT status FROM approval_steps WHERE request_id = $1`, [request.id]);
    expect(steps.map((s: { status: string }) => s.status)).not.toContain('pending');
    const compliance = await h.signIn('compliance@acme.test');
    const decided = await compliance.ok(`mutation($input: ApprovalRequestApproveInput!) { approvalRequestApprove(input: $input) { userErrors { message } } }`, {
      input: { requestId: toGlobalId('ApprovalRequest', request.id) },
    });
    expect(decided.approvalRequestApprove.userErrors).toEqual([expect.objectContaining({ message: expect.stringMatching(/cancelled/) })]);
    await driveExecution(h.services, acme, execution.uuid);
    expect((await read(execution.id)).nodeRuns.map((r: { status: string }) => r.status)).toEqual(['SUCCEEDED', 'CANCELLED']);
  });

  it('an approval node waits for its request; its decision wakes it; the execution runs the version it started with', async () => {
    const nodes = [
      start,
      { id: 'ok', type: 'approval', config: { title: 'Go live?', roles: ['compliance_officer'] } },
      { id: 'tell', type: 'task', config: { action: 'channel.send', message: 'v1' } },
      end,
    ];
    const id = await workflow('Gate', nodes, [edge('start', 'ok'), edge('ok', 'tell'), edge('tell', 'end')]);
    const execution = await run(id);
    await driveExecution(h.services, acme, execution.uuid);
    const [request] = await h.sql(`SELECT id, requested_by_id FROM approval_requests WHERE kind = 'workflow' AND title = 'Go live?'`);
    expect(request.requested_by_id).toBe(stableUuid('user:dev@acme.test'));
    const v2 = nodes.map((n) => (n.id === 'tell' ? { ...n, config: { action: 'channel.send', message: 'v2' } } : n));
    await dev.ok(`mutation($input: WorkflowUpdateInput!) { workflowUpdate(input: $input) { workflow { version } } }`, {
      input: { workflowId: id, graph: { nodes: v2, edges: [edge('start', 'ok'), edge('ok', 'tell'), edge('tell', 'end')] } },
    });
    const compliance = await h.signIn('compliance@acme.test');
    await compliance.ok(`mutation($input: ApprovalRequestApproveInput!) { approvalRequestApprove(input: $input) { userErrors { message } } }`, {
      input: { requestId: toGlobalId('ApprovalRequest', request.id), comment: 'Checked the runbook' },
    });
    await driveExecution(h.services, acme, execution.uuid);
    const done = await read(execution.id);
    expect(done).toMatchObject({ status: 'SUCCEEDED', version: 1, data: { ok: { decision: 'approved' }, tell: { sent: 'v1' } } });
    // The execution shows the approval trail of its approval node: who decided, when, with what comment.
    const trail = await dev.ok(
      `query($id: ID!) { workflowExecution(id: $id) { nodeRuns { nodeKey approvalRequest { id status
        steps { level status } decisions { value comment createdAt formValues decider { fullName } } } } } }`,
      { id: execution.id },
    );
    expect(trail.workflowExecution.nodeRuns.map((r: { nodeKey: string; approvalRequest: unknown }) => [r.nodeKey, r.approvalRequest])).toEqual([
      ['start', null],
      [
        'ok',
        {
          id: toGlobalId('ApprovalRequest', request.id),
          status: 'APPROVED',
          steps: [{ level: 1, status: 'APPROVED' }],
          decisions: [
            { value: 'APPROVE', comment: 'Checked the runbook', createdAt: expect.any(String), formValues: {}, decider: { fullName: expect.any(String) } },
          ],
        },
      ],
      ['tell', null],
      ['end', null],
    ]);
    const globex = await h.signIn('admin@globex.test');
    const elsewhere = await globex.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: toGlobalId('ApprovalRequest', request.id) });
    expect(elsewhere.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('belong to their tenant', async () => {
    const id = await workflow('Tenant bound', [start, end], [edge('start', 'end')]);
    const execution = await run(id);
    const globex = await h.signIn('admin@globex.test');
    expect((await globex.ok(`query($id: ID!) { workflowExecution(id: $id) { id } }`, { id: execution.id })).workflowExecution).toBeNull();
    const refused = await globex.gql(`mutation($input: WorkflowExecutionCancelInput!) { workflowExecutionCancel(input: $input) { userErrors { message } } }`, {
      input: { executionId: execution.id },
    });
    expect(refused.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const viewer = await h.signIn('viewer@acme.test');
    expect((await viewer.gql(`{ workflowExecutions { nodes { id } } }`)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
