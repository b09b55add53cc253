import { fork } from 'node:child_process';
import { join } from 'node:path';
import { Caller, Harness, startHarness } from '../../../test/harness';
import { stableUuid } from '../../db/seed/deterministic';
import { parseGlobalId, toGlobalId } from '../../graphql/global-id';
import { inScope } from '../../scope';
import { handleApprovalDeadline } from '../approvals';
import { driveExecution, runNodeJob } from '.';

const acme = stableUuid('tenant:acme');
const CREATE = `mutation($input: WorkflowCreateInput!) { workflowCreate(input: $input) { workflow { id } userErrors { field message } } }`;
const RUN = `mutation($input: WorkflowRunInput!) { workflowRun(input: $input) { execution { id } userErrors { message } } }`;
const EXECUTION = `query($id: ID!) { workflowExecution(id: $id) { status error data nodeRuns { nodeId: nodeKey status attempts } } }`;
const start = { id: 'start', type: 'start' };
const end = { id: 'end', type: 'end' };
const edge = (source: string, target: string) => ({ id: `${source}-${target}`, source, target });

let h: Harness;
let dev: Caller;
beforeAll(async () => {
  h = await startHarness();
  dev = await h.signIn('dev@acme.test');
});
afterAll(() => h.close());

async function run(name: string, nodes: object[], edges: object[]): Promise<{ id: string; uuid: string }> {
  const { workflowCreate } = await dev.ok(CREATE, { input: { name, type: 'AUTOMATION', trigger: { kind: 'MANUAL' }, graph: { nodes, edges } } });
  expect(workflowCreate.userErrors).toEqual([]);
  const { workflowRun } = await dev.ok(RUN, { input: { workflowId: workflowCreate.workflow.id } });
  expect(workflowRun.userErrors).toEqual([]);
  return { id: workflowRun.execution.id, uuid: parseGlobalId(workflowRun.execution.id)!.id };
}

const read = async (id: string) => (await dev.ok(EXECUTION, { id })).workflowExecution;
const at = (seconds: number) => new Date(Date.now() + seconds * 1000);
const statuses = async (id: string) => (await read(id)).nodeRuns.map((r: { nodeId: string; status: string }) => `${r.nodeId}:${r.status}`);

describe('workflow timeouts', () => {
  it('a wait node waits its seconds, or until its time, on the clock the test holds', async () => {
    const until = at(7200).toISOString();
    const execution = await run(
      'Two waits',
      [start, { id: 'hour', type: 'wait', config: { seconds: 3600 } }, { id: 'later', type: 'wait', config: { until } }, end],
      [edge('start', 'hour'), edge('hour', 'later'), edge('later', 'end')],
    );
    await driveExecution(h.services, acme, execution.uuid, at(1));
    expect(await statuses(execution.id)).toEqual(['start:SUCCEEDED', 'hour:WAITING']);
    await driveExecution(h.services, acme, execution.uuid, at(3500));
    expect(await statuses(execution.id)).toEqual(['start:SUCCEEDED', 'hour:WAITING']);
    await driveExecution(h.services, acme, execution.uuid, at(3605));
    expect(await statuses(execution.id)).toEqual(['start:SUCCEEDED', 'hour:SUCCEEDED', 'later:WAITING']);
    await driveExecution(h.services, acme, execution.uuid, at(7205));
    const done = await read(execution.id);
    expect(done.status).toBe('SUCCEEDED');
    expect(done.data.later).toEqual({ waitedUntil: until });
  });

  async function approvalTimesOut(name: string, onTimeout: string): Promise<{ id: string; uuid: string; request: { id: string; status: string } }> {
    const execution = await run(
      name,
      [
        start,
        { id: 'gate', type: 'approval', config: { title: name, roles: ['admin'], timeoutSeconds: 3600, onTimeout } },
        { id: 'tell', type: 'task', config: { action: 'channel.send', message: 'through' } },
        end,
      ],
      [edge('start', 'gate'), edge('gate', 'tell'), edge('tell', 'end')],
    );
    await driveExecution(h.services, acme, execution.uuid);
    const [request] = await h.sql(`SELECT id, deadline FROM approval_requests WHERE kind = 'workflow' AND title = $1`, [name]);
    expect(new Date(request.deadline).getTime()).toBeGreaterThan(Date.now() + 3500 * 1000);
    // The deadline job, run at a time after the deadline.
    const job = (now: Date) =>
      inScope(h.services, { actor: { kind: 'system', tenantId: acme, name: 'job approvals:deadline' } }, (scope) =>
        handleApprovalDeadline(scope, request.id, now),
      );
    await job(at(1800));
    expect((await h.sql(`SELECT status FROM approval_requests WHERE id = $1`, [request.id]))[0].status).toBe('pending');
    await job(at(3601));
    await driveExecution(h.services, acme, execution.uuid, at(3602));
    const [after] = await h.sql(`SELECT id, status FROM approval_requests WHERE id = $1`, [request.id]);
    return { ...execution, request: after };
  }

  it('an approval node whose request times out goes on when the timeout approves', async () => {
    const execution = await approvalTimesOut('Approve by default', 'approve');
    expect(execution.request.status).toBe('approved');
    const done = await read(execution.id);
    expect(done.status).toBe('SUCCEEDED');
    expect(done.data.gate).toEqual({ decision: 'approved' });
  });

  it('an approval node whose request expires fails the execution', async () => {
    const execution = await approvalTimesOut('Expire by default', 'expire');
    expect(execution.request.status).toBe('expired');
    const done = await read(execution.id);
    expect(done).toMatchObject({ status: 'FAILED', error: 'gate: The approval request was expired' });
    expect(await statuses(execution.id)).toEqual(['start:SUCCEEDED', 'gate:FAILED']);
  });
});

describe('a worker process killed mid-step', () => {
  it('leaves nothing of the step; the execution resumes where it was and the step runs once', async () => {
    const { agentCreate } = await dev.ok(`mutation($input: AgentCreateInput!) { agentCreate(input: $input) { agent { id } } }`, {
      input: {
        name: 'Deployed by a workflow',
        description: 'x',
        role: 'ENGINEERING',
        modelId: toGlobalId('AiModel', stableUuid('model:acme:sonnet')),
        thinkingMode: 'LOW',
        costPerRequest: '0.01',
      },
    });
    const agentUuid = parseGlobalId(agentCreate.agent.id)!.id;
    const execution = await run(
      'Deploy, then tell',
      [
        start,
        { id: 'deploy', type: 'task', config: { action: 'agent.lifecycle', agentId: agentUuid, lifecycleAction: 'deploy' } },
        { id: 'tell', type: 'task', config: { action: 'channel.send', message: 'Deployed' } },
        end,
      ],
      [edge('start', 'deploy'), edge('deploy', 'tell'), edge('tell', 'end')],
    );
    const [first] = await h.sql(`SELECT id FROM workflow_node_runs WHERE execution_id = $1 AND node_id = 'start'`, [execution.uuid]);
    expect(await runNodeJob(h.services, acme, first.id)).toBe('succeeded');
    const [step] = await h.sql(`SELECT id FROM workflow_node_runs WHERE execution_id = $1 AND node_id = 'deploy'`, [execution.uuid]);
    expect(await statuses(execution.id)).toEqual(['start:SUCCEEDED', 'deploy:PENDING']);

    // A real second process runs the deploy step and is killed (SIGKILL) after its effect, before its commit.
    const child = fork(join(__dirname, '../../../test/workers/workflow-node-child.js'), [h.services.config.databaseUrl, acme, step.id], { stdio: 'inherit' });
    const message = await new Promise<{ state?: string; error?: string }>((resolve, reject) => {
      child.once('message', (m) => resolve(m as { state?: string; error?: string }));
      child.once('exit', (code) => reject(new Error(`the child exited (${code}) before the step`)));
    });
    expect(message).toEqual({ state: 'mid-step' });
    // Mid-step: the deploy is made but not committed; nobody else sees it, and the run's row is locked.
    expect((await h.sql(`SELECT status FROM agents WHERE id = $1`, [agentUuid]))[0].status).toBe('draft');
    expect(await h.sql(`SELECT id FROM workflow_node_runs WHERE id = $1 FOR UPDATE SKIP LOCKED`, [step.id])).toEqual([]);
    const exited = new Promise((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    // PostgreSQL rolled the killed step back: the run is pending again, its attempt not counted.
    let pending: { status: string; attempts: number }[] = [];
    for (let i = 0; i < 50; i += 1) {
      pending = await h.sql(`SELECT status, attempts FROM workflow_node_runs WHERE id = $1 FOR UPDATE SKIP LOCKED`, [step.id]);
      if (pending.length) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(pending).toEqual([{ status: 'pending', attempts: 0 }]);
    expect((await h.sql(`SELECT status FROM agents WHERE id = $1`, [agentUuid]))[0].status).toBe('draft');

    // The job comes again (here: this process's runner); the execution resumes at the deploy, which runs once.
    expect(await runNodeJob(h.services, acme, step.id)).toBe('succeeded');
    expect(await runNodeJob(h.services, acme, step.id)).toBeNull();
    await driveExecution(h.services, acme, execution.uuid, at(1));
    const done = await read(execution.id);
    expect(done.status).toBe('SUCCEEDED');
    expect(done.nodeRuns.map((r: { nodeId: string; attempts: number }) => `${r.nodeId}:${r.attempts}`)).toEqual(['start:1', 'deploy:1', 'tell:1', 'end:1']);
    expect((await h.sql(`SELECT status FROM agents WHERE id = $1`, [agentUuid]))[0].status).toBe('deployed');
    const deploys = await h.sql(`SELECT count(*)::int AS n FROM audit_entries WHERE entity_id = $1 AND action = 'agent.deploy'`, [agentUuid]);
    expect(deploys).toEqual([{ n: 1 }]);
  }, 180_000);
});
