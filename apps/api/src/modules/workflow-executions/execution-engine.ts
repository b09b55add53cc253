import { createHash } from 'node:crypto';
import type { TenantScope } from '../../scope';
import { StewardError, UserInputProblem, UserInputProblems } from '../../graphql/errors';
import { isUuid, parseGlobalId, toGlobalId } from '../../graphql/global-id';
import { ChannelDeliverySource, queueChannelMessage } from '../agent-channels';
import { changeLifecycle } from '../agents';
import { ApprovalMode, ApprovalRequestStatus, ApprovalSubjectKind, ApprovalTimeoutAction, ApprovalDeciderKind, openApprovalRequest } from '../approvals';
import { compileWorkflowCondition, evaluateWorkflowCondition } from '../policies';
import type { GraphNode, WorkflowGraph } from '../workflows';
import { agentTaskEffect, EXPIRED_EDGE, NotRetryable, taskAttemptFailed } from './agent-task.engine';
import { WorkflowExecution, WorkflowExecutionStatus, WorkflowNodeRun, WorkflowNodeRunStatus } from './execution.entity';

export { NotRetryable } from './agent-task.engine';

/** A uuid that follows from `key`: what a node run makes has the same id however often the run is delivered. */
export function stableId(key: string): string {
  const hex = createHash('md5').update(key).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Delay before attempt n+1 after n failed attempts: 1 s, 2 s, 4 s, ... at most an hour. */
export function backoffSeconds(failedAttempts: number): number {
  return Math.min(3600, 2 ** Math.max(0, failedAttempts - 1));
}

type Effect =
  { outcome: 'succeeded'; output: Record<string, unknown>; label?: string } | { outcome: 'waiting'; runAt: Date; approvalRequestId?: string; message?: string };

function actorLabel(ctx: TenantScope): string {
  return ctx.caller.system ?? (ctx.caller.userId ? 'member' : (ctx.caller.apiKeyName ?? 'api key'));
}

export async function recordEvent(
  ctx: TenantScope,
  executionId: string,
  run: { uuid: string; nodeId: string } | null,
  from: string | null,
  to: string,
  message = '',
): Promise<void> {
  await ctx.tx.manager.query(
    `INSERT INTO workflow_execution_events (tenant_id, execution_id, node_run_id, node_id, from_status, to_status, actor_user_id, actor_label, message)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
    [ctx.caller.tenantId, executionId, run?.uuid ?? null, run?.nodeId ?? null, from, to, ctx.caller.userId, actorLabel(ctx), message.slice(0, 2000)],
  );
}

export async function versionGraph(ctx: TenantScope, execution: WorkflowExecution): Promise<WorkflowGraph> {
  const [row]: { graph: WorkflowGraph }[] = await ctx.tx.manager.query(
    `SELECT graph FROM workflow_versions WHERE tenant_id = $1 AND workflow_id = $2 AND version = $3`,
    [ctx.caller.tenantId, execution.workflowId, execution.version],
  );
  return row.graph;
}

/** Queues a run of `node` as the execution's next step, in the caller's transaction. */
export async function queueNode(ctx: TenantScope, executionId: string, node: GraphNode, at: Date): Promise<string> {
  const config = node.config ?? {};
  const [row]: { id: string }[] = await ctx.tx.manager.query(
    // The id follows from execution, node and step (the run's idempotency key), so seeded and replayed runs keep their ids.
    `INSERT INTO workflow_node_runs (id, tenant_id, execution_id, node_id, node_type, step, max_attempts, run_at)
     SELECT md5('node-run:' || $2::uuid::text || ':' || $3 || ':' || (coalesce(max(step), 0) + 1))::uuid, $1, $2::uuid, $3, $4, coalesce(max(step), 0) + 1, $5, $6
     FROM workflow_node_runs WHERE tenant_id = $1 AND execution_id = $2
     RETURNING id`,
    [ctx.caller.tenantId, executionId, node.id, node.type, typeof config.maxAttempts === 'number' ? config.maxAttempts : 3, at],
  );
  await ctx.tx.manager.query(`SELECT steward.enqueue_workflow_node($1, $2)`, [row.id, at]);
  await recordEvent(ctx, executionId, { uuid: row.id, nodeId: node.id }, null, WorkflowNodeRunStatus.PENDING);
  return row.id;
}

async function callWebhook(run: WorkflowNodeRun, execution: WorkflowExecution, config: Record<string, unknown>): Promise<Record<string, unknown>> {
  const timeout = typeof config.timeoutSeconds === 'number' ? config.timeoutSeconds : 30;
  let response: Response;
  try {
    response = await fetch(String(config.url), {
      method: 'POST',
      // The same key on every attempt of this node run: the receiver can tell a retry from a new call.
      headers: { 'content-type': 'application/json', 'idempotency-key': run.uuid },
      body: JSON.stringify({ executionId: execution.uuid, nodeId: run.nodeId, attempt: run.attempts, data: execution.data }),
      signal: AbortSignal.timeout(timeout * 1000),
    });
  } catch (error) {
    const name = (error as Error).name;
    throw new Error(
      name === 'TimeoutError' || name === 'AbortError' ? `Timed out after ${timeout}s` : `Could not call the webhook: ${(error as Error).message}`,
      { cause: error },
    );
  }
  if (!response.ok) throw new Error(`The webhook answered ${response.status}`);
  return { status: response.status };
}

/** The channel a "send to a channel" task names, by global id or uuid; null when it names none (the message is only recorded). */
function channelOf(config: Record<string, unknown>): string | null {
  if (typeof config.channelId !== 'string' || !config.channelId.trim()) return null;
  const raw = config.channelId.trim();
  const parsed = parseGlobalId(raw);
  if (parsed?.type === 'AgentChannel') return parsed.id;
  if (isUuid(raw)) return raw;
  throw new NotRetryable(`channelId ${raw} is not the id of a channel`);
}

/**
 * Queues the message on the channel's delivery (sent by the channels:deliver job, retried there); its id follows
 * from the node run, so a run delivered twice queues it once. Without a channel the message is recorded in the audit log.
 */
async function sendToChannel(ctx: TenantScope, execution: WorkflowExecution, run: WorkflowNodeRun, config: Record<string, unknown>): Promise<Effect> {
  const channelId = channelOf(config);
  await ctx.audit.record({
    action: 'workflow.notify',
    entityType: 'WorkflowExecution',
    entityId: execution.uuid,
    after: { message: config.message, channelId: channelId ? toGlobalId('AgentChannel', channelId) : null },
  });
  if (!channelId) return { outcome: 'succeeded', output: { sent: config.message } };
  let deliveryId: string;
  try {
    deliveryId = await queueChannelMessage(ctx, channelId, {
      source: ChannelDeliverySource.WORKFLOW,
      subject: typeof config.subject === 'string' && config.subject.trim() ? config.subject : 'Message from a workflow',
      text: String(config.message),
      executionId: execution.uuid,
      deliveryId: stableId(`channel:${run.uuid}`),
    });
  } catch (error) {
    if (error instanceof StewardError) throw new NotRetryable(error.message);
    throw error;
  }
  return {
    outcome: 'succeeded',
    output: { sent: config.message, channelId: toGlobalId('AgentChannel', channelId), deliveryId: toGlobalId('ChannelDelivery', deliveryId) },
  };
}

async function effectOf(
  ctx: TenantScope,
  execution: WorkflowExecution,
  run: WorkflowNodeRun,
  node: GraphNode,
  graph: WorkflowGraph,
  now: Date,
): Promise<Effect> {
  const config = node.config ?? {};
  switch (node.type) {
    case 'start':
    case 'end':
      return { outcome: 'succeeded', output: {} };
    case 'condition': {
      const compiled = compileWorkflowCondition(String(config.expression));
      if (!compiled.ok) throw new Error(compiled.message);
      const result = evaluateWorkflowCondition(compiled.program, execution.data);
      if (!result.ok) throw new Error(result.message);
      return { outcome: 'succeeded', output: { value: result.value }, label: String(result.value) };
    }
    case 'wait': {
      if (run.status === WorkflowNodeRunStatus.WAITING) return { outcome: 'succeeded', output: { waitedUntil: run.runAt.toISOString() } };
      const until = typeof config.until === 'string' ? new Date(config.until) : new Date(now.getTime() + Number(config.seconds) * 1000);
      return until.getTime() <= now.getTime() ? { outcome: 'succeeded', output: { waitedUntil: until.toISOString() } } : { outcome: 'waiting', runAt: until };
    }
    case 'approval': {
      if (run.status === WorkflowNodeRunStatus.WAITING && run.approvalRequestId) {
        const [request]: { status: string }[] = await ctx.tx.manager.query(`SELECT status FROM approval_requests WHERE tenant_id = $1 AND id = $2`, [
          ctx.caller.tenantId,
          run.approvalRequestId,
        ]);
        if (request.status === ApprovalRequestStatus.PENDING) return { outcome: 'waiting', runAt: run.runAt };
        if (request.status !== ApprovalRequestStatus.APPROVED) throw new NotRetryable(`The approval request was ${request.status}`);
        return { outcome: 'succeeded', output: { decision: request.status } };
      }
      const request = await openApprovalRequest(
        ctx,
        {
          kind: ApprovalSubjectKind.WORKFLOW,
          title: String(config.title),
          summary: typeof config.summary === 'string' ? config.summary : '',
          requestedById: execution.startedById,
          steps: [
            {
              name: String(config.title).slice(0, 120),
              mode: (config.mode as ApprovalMode) ?? ApprovalMode.SINGLE,
              requiredApprovals: typeof config.requiredApprovals === 'number' ? config.requiredApprovals : null,
              deciders: (config.roles as string[]).map((role) => ({ kind: ApprovalDeciderKind.ROLE, role: role as never })),
              // The decision's deadline; on timeout the request escalates or is decided as onTimeout says, and that decision wakes the node.
              timeoutSeconds:
                typeof config.timeoutSeconds === 'number' ? config.timeoutSeconds : typeof config.deadlineSeconds === 'number' ? config.deadlineSeconds : null,
              onTimeout: (config.onTimeout as ApprovalTimeoutAction) ?? ApprovalTimeoutAction.EXPIRE,
            },
          ],
        },
        stableId(`approval:${run.uuid}`),
      );
      // Woken by the decision (see the approvals listener); a far run_at until then.
      return { outcome: 'waiting', runAt: new Date(now.getTime() + 365 * 24 * 3600 * 1000), approvalRequestId: request.uuid };
    }
    case 'task': {
      switch (config.action) {
        case 'channel.send':
          return sendToChannel(ctx, execution, run, config);
        case 'record.create':
          return { outcome: 'succeeded', output: { record: (config.record as Record<string, unknown>) ?? {} } };
        case 'agent.lifecycle': {
          const payload = await changeLifecycle(ctx, String(config.agentId), config.lifecycleAction as never, `Workflow execution ${execution.uuid}`);
          if (payload.userErrors.length) throw new NotRetryable(payload.userErrors.map((e) => e.message).join('; '));
          return { outcome: 'succeeded', output: { agentStatus: payload.agent?.status ?? null, heldForApproval: payload.heldForApproval?.uuid ?? null } };
        }
        case 'webhook.call':
          return { outcome: 'succeeded', output: await callWebhook(run, execution, config) };
        default:
          throw new NotRetryable(`Unknown action ${String(config.action)}`);
      }
    }
    case 'agent_task':
      return agentTaskEffect(
        ctx,
        execution,
        run,
        node,
        now,
        graph.edges.some((e) => e.source === node.id && e.label === EXPIRED_EDGE),
      );
    default:
      throw new NotRetryable(`Node type ${node.type} cannot run yet`);
  }
}

export interface RunHooks {
  /** Called after the node's effect, before its transaction commits: a test throws here to stand for a worker killed mid-step. */
  afterEffect?: () => void | Promise<void>;
}

/**
 * Runs one node run if it is due: locks its row, and in the same transaction makes its effect,
 * records the outcome and queues what follows. A run that is not pending or waiting (done,
 * cancelled) or not due does nothing, so a job delivered twice, or after a crash, never runs a step twice.
 */
export async function runNode(ctx: TenantScope, nodeRunId: string, now: Date = new Date(), hooks: RunHooks = {}): Promise<WorkflowNodeRunStatus | null> {
  const run = await ctx.tx.manager
    .createQueryBuilder(WorkflowNodeRun, 'r')
    .setLock('pessimistic_write')
    .where('r.id = :id AND r.tenant_id = :tenant', { id: nodeRunId, tenant: ctx.caller.tenantId })
    .getOne();
  if (!run || (run.status !== WorkflowNodeRunStatus.PENDING && run.status !== WorkflowNodeRunStatus.WAITING)) return null;
  if (run.runAt.getTime() > now.getTime()) return null;
  const execution = await ctx.tx.manager
    .createQueryBuilder(WorkflowExecution, 'e')
    .setLock('pessimistic_write')
    .where('e.id = :id AND e.tenant_id = :tenant', { id: run.executionId, tenant: ctx.caller.tenantId })
    .getOneOrFail();
  if (execution.status !== WorkflowExecutionStatus.RUNNING) {
    await setRun(ctx, run, WorkflowNodeRunStatus.CANCELLED, { finishedAt: now }, `The execution is ${execution.status}`);
    return WorkflowNodeRunStatus.CANCELLED;
  }
  const graph = await versionGraph(ctx, execution);
  const node = graph.nodes.find((n) => n.id === run.nodeId)!;
  const waking = run.status === WorkflowNodeRunStatus.WAITING;
  if (!waking) {
    await setRun(ctx, run, WorkflowNodeRunStatus.RUNNING, { attempts: run.attempts + 1, startedAt: run.startedAt ?? now }, `attempt ${run.attempts + 1}`);
  }
  let effect: Effect;
  try {
    effect = await ctx.tx.isolated(() => effectOf(ctx, execution, run, node, graph, now));
  } catch (error) {
    if (!(error instanceof Error) || (error as { code?: string }).code === 'ECONNRESET') throw error;
    const message = error instanceof UserInputProblems ? error.message : error instanceof UserInputProblem ? error.message : error.message;
    return failed(ctx, execution, run, message, now, error instanceof NotRetryable);
  }
  await hooks.afterEffect?.();
  if (effect.outcome === 'waiting') {
    await setRun(
      ctx,
      run,
      WorkflowNodeRunStatus.WAITING,
      { runAt: effect.runAt, approvalRequestId: effect.approvalRequestId ?? run.approvalRequestId },
      waking ? '' : (effect.message ?? `until ${effect.runAt.toISOString()}`),
    );
    if (!effect.approvalRequestId && !run.approvalRequestId)
      await ctx.tx.manager.query(`SELECT steward.enqueue_workflow_node($1, $2)`, [run.uuid, effect.runAt]);
    return WorkflowNodeRunStatus.WAITING;
  }
  await setRun(ctx, run, WorkflowNodeRunStatus.SUCCEEDED, { finishedAt: now, output: effect.output, error: null });
  await ctx.tx.manager.query(`UPDATE workflow_executions SET data = data || jsonb_build_object($3::text, $4::jsonb) WHERE tenant_id = $1 AND id = $2`, [
    ctx.caller.tenantId,
    execution.uuid,
    node.id,
    JSON.stringify(effect.output),
  ]);
  if (node.type === 'end') {
    await finishExecution(ctx, execution, WorkflowExecutionStatus.SUCCEEDED, null, now);
    return WorkflowNodeRunStatus.SUCCEEDED;
  }
  // A condition follows the edge its value labels; an agent_task whose task expired unclaimed its "expired" edge, else the others.
  const next = graph.edges.filter(
    (e) => e.source === node.id && (effect.label !== undefined ? e.label === effect.label : !(node.type === 'agent_task' && e.label === EXPIRED_EDGE)),
  );
  for (const edge of next)
    await queueNode(
      ctx,
      execution.uuid,
      graph.nodes.find((n) => n.id === edge.target)!,
      now,
    );
  return WorkflowNodeRunStatus.SUCCEEDED;
}

async function failed(
  ctx: TenantScope,
  execution: WorkflowExecution,
  run: WorkflowNodeRun,
  message: string,
  now: Date,
  final: boolean,
): Promise<WorkflowNodeRunStatus> {
  if (!final && run.attempts < run.maxAttempts) {
    const delay = backoffSeconds(run.attempts);
    const at = new Date(now.getTime() + delay * 1000);
    await setRun(
      ctx,
      run,
      WorkflowNodeRunStatus.PENDING,
      { runAt: at, error: message },
      `${message}; attempt ${run.attempts + 1} of ${run.maxAttempts} in ${delay}s`,
    );
    await ctx.tx.manager.query(`SELECT steward.enqueue_workflow_node($1, $2)`, [run.uuid, at]);
    await taskAttemptFailed(ctx, run, message, false, now);
    return WorkflowNodeRunStatus.PENDING;
  }
  await setRun(ctx, run, WorkflowNodeRunStatus.FAILED, { finishedAt: now, error: message }, message);
  await taskAttemptFailed(ctx, run, message, true, now);
  await finishExecution(ctx, execution, WorkflowExecutionStatus.FAILED, `${run.nodeId}: ${message}`, now);
  return WorkflowNodeRunStatus.FAILED;
}

export async function setRun(
  ctx: TenantScope,
  run: WorkflowNodeRun,
  status: WorkflowNodeRunStatus,
  changes: Partial<WorkflowNodeRun>,
  message = '',
): Promise<void> {
  await ctx.tx.manager.update(WorkflowNodeRun, { uuid: run.uuid, tenantId: ctx.caller.tenantId! }, { ...changes, status } as never);
  await recordEvent(ctx, run.executionId, run, run.status, status, message);
  Object.assign(run, changes, { status });
}

export async function finishExecution(
  ctx: TenantScope,
  execution: WorkflowExecution,
  status: WorkflowExecutionStatus,
  error: string | null,
  now: Date,
): Promise<void> {
  await ctx.tx.manager.query(`UPDATE workflow_executions SET status = $3, error = $4, finished_at = $5 WHERE tenant_id = $1 AND id = $2`, [
    ctx.caller.tenantId,
    execution.uuid,
    status,
    error,
    now,
  ]);
  await recordEvent(ctx, execution.uuid, null, execution.status, status, error ?? '');
  execution.status = status;
}
