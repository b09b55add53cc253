import type { TenantScope } from '../../scope';
import { AppServices, inScope } from '../../scope';
import { Connection, ConnectionArgs, OrderDirection } from '../../graphql/connection';
import { StewardError, UserInputProblem } from '../../graphql/errors';
import { expectGlobalId } from '../../graphql/global-id';
import { readPage, Selection, SqlParams } from '../../graphql/read-model';
import { withdrawApprovals } from '../approvals';
import { findWorkflow } from '../workflows';
import { cancelExecutionTasks } from './agent-task.engine';
import { finishExecution, queueNode, recordEvent, runNode, RunHooks, setRun, versionGraph } from './execution-engine';
import { WorkflowExecution, WorkflowExecutionStatus, WorkflowNodeRun, WorkflowNodeRunStatus } from './execution.entity';
import { WorkflowExecutionFilter } from './execution.inputs';
import { executionReads } from './execution.reads';

async function lockedExecution(ctx: TenantScope, executionId: string): Promise<WorkflowExecution> {
  const execution = await ctx.tx.manager
    .createQueryBuilder(WorkflowExecution, 'e')
    .setLock('pessimistic_write')
    .where('e.id = :id AND e.tenant_id = :tenant', { id: executionId, tenant: ctx.caller.tenantId })
    .getOne();
  if (!execution) throw StewardError.notFound('Workflow execution');
  return execution;
}

export interface ExecutionTrigger {
  kind: 'schedule' | 'webhook' | 'event';
  /** One execution per workflow and key (the schedule's minute, the delivery id, the event's occurrence); null: no key. */
  key: string | null;
}

/**
 * Starts an execution of the workflow's current version: its start node is queued in this transaction.
 * With a trigger key seen before for this workflow, starts nothing and returns that execution. `id` is for seeds and the bench.
 */
export async function beginExecution(
  ctx: TenantScope,
  workflowId: string,
  input: Record<string, unknown>,
  options: { id?: string; trigger?: ExecutionTrigger; startedById?: string | null } = {},
): Promise<{ execution: WorkflowExecution; duplicate: boolean }> {
  const workflow = await findWorkflow(ctx, workflowId);
  if (!workflow.active) throw new UserInputProblem('workflowId', 'The workflow is inactive; activate it to run it', 'CONFLICT');
  const key = options.trigger?.key ?? null;
  const [row]: { id: string }[] = await ctx.tx.manager.query(
    `INSERT INTO workflow_executions (id, tenant_id, workflow_id, version, data, started_by_id, trigger_kind, trigger_key)
     VALUES (coalesce($1::uuid, gen_random_uuid()),$2,$3,$4,$5,$6,$7,$8)
     ON CONFLICT (tenant_id, workflow_id, trigger_key) WHERE trigger_key IS NOT NULL DO NOTHING RETURNING id`,
    [
      options.id ?? null,
      ctx.caller.tenantId,
      workflow.uuid,
      workflow.version,
      JSON.stringify({ input }),
      options.startedById !== undefined ? options.startedById : ctx.caller.userId,
      options.trigger?.kind ?? 'manual',
      key,
    ],
  );
  if (!row) {
    const seen = await ctx.tx.manager.findOneByOrFail(WorkflowExecution, { tenantId: ctx.caller.tenantId!, workflowId: workflow.uuid, triggerKey: key! });
    return { execution: seen, duplicate: true };
  }
  const execution = await ctx.tx.manager.findOneByOrFail(WorkflowExecution, { uuid: row.id, tenantId: ctx.caller.tenantId! });
  await recordEvent(
    ctx,
    execution.uuid,
    null,
    null,
    WorkflowExecutionStatus.RUNNING,
    `version ${workflow.version}${options.trigger ? `, ${options.trigger.kind}` : ''}`,
  );
  const graph = await versionGraph(ctx, execution);
  await queueNode(
    ctx,
    execution.uuid,
    graph.nodes.find((n) => n.type === 'start')!,
    new Date(),
  );
  await ctx.audit.record({
    action: 'workflow.run',
    entityType: 'WorkflowExecution',
    entityId: execution.uuid,
    entityName: workflow.name,
    after: { version: workflow.version, trigger: options.trigger?.kind ?? 'manual', key },
  });
  return { execution, duplicate: false };
}

/** Starts an execution now (a person or key asking, or the seed): see beginExecution. */
export async function startExecution(ctx: TenantScope, workflowId: string, input: Record<string, unknown>, id?: string): Promise<WorkflowExecution> {
  return (await beginExecution(ctx, workflowId, input, { id })).execution;
}

export async function cancelExecution(ctx: TenantScope, executionId: string, reason: string): Promise<WorkflowExecution> {
  const execution = await lockedExecution(ctx, executionId);
  if (execution.status !== WorkflowExecutionStatus.RUNNING)
    throw new UserInputProblem('executionId', `The execution is already ${execution.status}`, 'CONFLICT');
  const now = new Date();
  const open = await ctx.tx.manager.find(WorkflowNodeRun, { where: { tenantId: ctx.caller.tenantId!, executionId } });
  // Requests first, in the order a decision takes its locks (request, then node run).
  const awaited = open.filter((r) => r.status === WorkflowNodeRunStatus.WAITING && r.approvalRequestId).map((r) => r.approvalRequestId!);
  await withdrawApprovals(ctx, awaited, reason || 'The workflow execution was cancelled');
  for (const run of open.filter((r) => r.status === WorkflowNodeRunStatus.PENDING || r.status === WorkflowNodeRunStatus.WAITING))
    await setRun(ctx, run, WorkflowNodeRunStatus.CANCELLED, { finishedAt: now }, reason);
  await finishExecution(ctx, execution, WorkflowExecutionStatus.CANCELLED, reason || 'Cancelled', now);
  await cancelExecutionTasks(ctx, executionId, now);
  await ctx.audit.record({ action: 'workflow.cancel', entityType: 'WorkflowExecution', entityId: executionId, after: { reason } });
  return ctx.tx.manager.findOneByOrFail(WorkflowExecution, { uuid: executionId, tenantId: ctx.caller.tenantId! });
}

/** Runs a failed node again as a new step of its failed execution, which is running again. */
export async function retryNode(ctx: TenantScope, nodeRunGlobalId: string): Promise<WorkflowExecution> {
  const runId = expectGlobalId(nodeRunGlobalId, 'WorkflowNodeRun', 'input.nodeRunId');
  const run = await ctx.tx.manager.findOneBy(WorkflowNodeRun, { uuid: runId, tenantId: ctx.caller.tenantId! });
  if (!run) throw StewardError.notFound('Node run');
  const execution = await lockedExecution(ctx, run.executionId);
  if (run.status !== WorkflowNodeRunStatus.FAILED || execution.status !== WorkflowExecutionStatus.FAILED)
    throw new UserInputProblem('nodeRunId', 'Only the failed node of a failed execution can be re-run', 'CONFLICT');
  await ctx.tx.manager.query(`UPDATE workflow_executions SET status = 'running', error = NULL, finished_at = NULL WHERE tenant_id = $1 AND id = $2`, [
    ctx.caller.tenantId,
    execution.uuid,
  ]);
  await recordEvent(ctx, execution.uuid, null, WorkflowExecutionStatus.FAILED, WorkflowExecutionStatus.RUNNING, `re-run of ${run.nodeId}`);
  const graph = await versionGraph(ctx, execution);
  await queueNode(
    ctx,
    execution.uuid,
    graph.nodes.find((n) => n.id === run.nodeId)!,
    new Date(),
  );
  await ctx.audit.record({ action: 'workflow.nodeRetry', entityType: 'WorkflowExecution', entityId: execution.uuid, after: { nodeId: run.nodeId } });
  return ctx.tx.manager.findOneByOrFail(WorkflowExecution, { uuid: execution.uuid, tenantId: ctx.caller.tenantId! });
}

/** The job: one node run in a scope of its own, as the system. */
export function runNodeJob(services: AppServices, tenantId: string, nodeRunId: string, now?: Date, hooks?: RunHooks): Promise<WorkflowNodeRunStatus | null> {
  return inScope(services, { actor: { kind: 'system', tenantId, name: 'job workflows:node' } }, (scope) => runNode(scope, nodeRunId, now, hooks));
}

/**
 * Runs every due node run of an execution, one transaction each, until none is left: what the
 * queue does, with the clock in the caller's hands (tests pass the time they mean).
 */
export async function driveExecution(services: AppServices, tenantId: string, executionId: string, now: Date = new Date()): Promise<void> {
  for (;;) {
    const due: { id: string }[] = await services.dataSource.query(
      `SELECT id FROM workflow_node_runs WHERE tenant_id = $1 AND execution_id = $2 AND status IN ('pending','waiting') AND run_at <= $3 ORDER BY step`,
      [tenantId, executionId, now],
    );
    let progressed = false;
    for (const { id } of due) if ((await runNodeJob(services, tenantId, id, now)) !== null) progressed = true;
    if (!progressed) return;
  }
}

/** Wakes the approval node waiting on a decided request. */
export async function wakeApprovalNode(ctx: TenantScope, approvalRequestId: string): Promise<void> {
  // TypeORM answers an UPDATE with [rows, count].
  const [rows]: [{ id: string }[], number] = await ctx.tx.manager.query(
    `UPDATE workflow_node_runs SET run_at = now() WHERE tenant_id = $1 AND approval_request_id = $2 AND status = 'waiting' RETURNING id`,
    [ctx.caller.tenantId, approvalRequestId],
  );
  for (const { id } of rows) await ctx.tx.manager.query(`SELECT steward.enqueue_workflow_node($1, now())`, [id]);
}

export function listExecutions(
  ctx: TenantScope,
  page: ConnectionArgs,
  filter: WorkflowExecutionFilter | null,
  selection: Selection,
): Promise<Connection<WorkflowExecution>> {
  const params = new SqlParams();
  const where = [`e.tenant_id = ${params.add(ctx.caller.tenantId)}`];
  if (filter?.workflowId) where.push(`e.workflow_id = ${params.add(expectGlobalId(filter.workflowId, 'Workflow', 'filter.workflowId'))}`);
  if (filter?.statuses?.length) where.push(`e.status = ANY(${params.add(filter.statuses)}::text[])`);
  return readPage(ctx, executionReads, selection, { alias: 'e', where, params }, page, {
    column: 'e.started_at',
    id: 'e.id',
    direction: OrderDirection.DESC,
    cast: 'timestamptz',
  });
}
