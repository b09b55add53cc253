import type { TenantScope } from '../../scope';
import { parseGlobalId } from '../../graphql/global-id';
import type { GraphNode } from '../workflows';
import { AgentTask, AgentTaskStatus } from './agent-task.entity';
import type { WorkflowExecution, WorkflowNodeRun } from './execution.entity';
import { WorkflowNodeRunStatus } from './execution.entity';

/** A failure another attempt cannot fix (a refused change, a rejected approval, an unknown agent). */
export class NotRetryable extends Error {}

export const DEFAULT_TASK_TIMEOUT_SECONDS = 600;

export type TaskEffect = { outcome: 'succeeded'; output: Record<string, unknown>; label?: string } | { outcome: 'waiting'; runAt: Date; message?: string };

/** How long an offered task waits to be claimed unless its node says otherwise (claimTimeoutSeconds). */
export const DEFAULT_CLAIM_TIMEOUT_SECONDS = 24 * 3600;

/** The label of an agent_task node's edge taken when nobody claimed its task in time. */
export const EXPIRED_EDGE = 'expired';

/** An agent_task node's claim limit in seconds, from its configuration. */
export const claimTimeoutOf = (config: Record<string, unknown>): number =>
  typeof config.claimTimeoutSeconds === 'number' ? config.claimTimeoutSeconds : DEFAULT_CLAIM_TIMEOUT_SECONDS;

/**
 * A node waits for its task to be claimed until the claim deadline: not an attempt's time (that starts at the claim);
 * agentTasksClaim brings the wake-up to the claim plus the task's timeout.
 */
const unclaimed = (deadline: Date, claimSeconds: number): TaskEffect => ({
  outcome: 'waiting',
  runAt: deadline,
  message: `until its runtime claims the task (at most ${claimSeconds}s)`,
});

/** When the current attempt of a claimed task is out of time: its claim plus the task's timeout. */
export const attemptDeadline = (claimedAt: Date, timeoutSeconds: number): Date => new Date(claimedAt.getTime() + timeoutSeconds * 1000);

function agentUuid(value: unknown): string | null {
  const text = String(value ?? '');
  const parsed = parseGlobalId(text);
  const id = parsed?.type === 'Agent' ? parsed.id : text;
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) ? id : null;
}

/**
 * An agent_task node: its first attempt makes the node run's one task (the unique index on node_run_id
 * is the idempotency key), a later attempt offers the same task again. The node then waits until the
 * runtime reports (agentTaskComplete wakes it) or the attempt's time is up. An attempt's time counts from
 * its claim, not from when the task was made: a task nobody claimed yet has not started (claimTasks moves
 * the node's wake-up to the claim plus the timeout).
 */
export async function agentTaskEffect(
  ctx: TenantScope,
  execution: WorkflowExecution,
  run: WorkflowNodeRun,
  node: GraphNode,
  now: Date,
  expiredPath: boolean,
): Promise<TaskEffect> {
  const config = node.config ?? {};
  const timeout = typeof config.timeoutSeconds === 'number' ? config.timeoutSeconds : DEFAULT_TASK_TIMEOUT_SECONDS;
  const claimSeconds = claimTimeoutOf(config);
  const task = await ctx.tx.manager
    .createQueryBuilder(AgentTask, 't')
    .setLock('pessimistic_write')
    .where('t.tenant_id = :tenant AND t.node_run_id = :run', { tenant: ctx.caller.tenantId, run: run.uuid })
    .getOne();
  // A result that arrived after its attempt timed out is the node's result too.
  if (task?.status === AgentTaskStatus.SUCCEEDED)
    return {
      outcome: 'succeeded',
      output: {
        taskId: task.id,
        output: task.output ?? {},
        model: task.model,
        promptTokens: task.promptTokens,
        completionTokens: task.completionTokens,
        cost: task.cost,
      },
    };
  if (run.status === WorkflowNodeRunStatus.WAITING && task) {
    if (task.status === AgentTaskStatus.FAILED) throw new Error(task.error ?? 'The agent reported a failure');
    if (task.status === AgentTaskStatus.PENDING && task.claimDeadline && task.claimDeadline.getTime() <= now.getTime())
      return expireTask(ctx, task, now, expiredPath, claimSeconds);
    if (task.status === AgentTaskStatus.PENDING || !task.claimedAt) return { outcome: 'waiting', runAt: run.runAt };
    const deadline = attemptDeadline(task.claimedAt, task.timeoutSeconds);
    if (deadline.getTime() <= now.getTime()) throw new Error(`The agent did not report within ${task.timeoutSeconds}s of its claim`);
    return { outcome: 'waiting', runAt: deadline };
  }
  const agentId = agentUuid(config.agentId);
  const [agent]: { id: string; status: string }[] = agentId
    ? await ctx.tx.manager.query(`SELECT id, status FROM agents WHERE tenant_id = $1 AND id = $2`, [ctx.caller.tenantId, agentId])
    : [];
  if (!agent) throw new NotRetryable('The agent of this task is not in this tenant');
  if (agent.status === 'archived') throw new NotRetryable('The agent of this task is archived');
  // Each offer (the first, and again after a failed attempt) may wait claimTimeoutSeconds for a runtime.
  const claimDeadline = new Date(now.getTime() + claimSeconds * 1000);
  if (task) {
    await ctx.tx.manager.query(
      `UPDATE agent_tasks SET status = 'pending', progress = 0, progress_message = '', claimed_at = NULL, finished_at = NULL, claim_deadline = $3
       WHERE tenant_id = $1 AND id = $2`,
      [ctx.caller.tenantId, task.uuid, claimDeadline],
    );
  } else {
    await ctx.tx.manager.query(
      `INSERT INTO agent_tasks (id, tenant_id, agent_id, execution_id, node_run_id, node_id, prompt, max_attempts, timeout_seconds, claim_deadline)
       VALUES (md5('agent-task:' || $4::uuid::text)::uuid, $1,$2,$3,$4,$5,$6,$7,$8,$9)`,
      [ctx.caller.tenantId, agent.id, execution.uuid, run.uuid, run.nodeId, String(config.prompt).slice(0, 20000), run.maxAttempts, timeout, claimDeadline],
    );
  }
  return unclaimed(claimDeadline, claimSeconds);
}

/**
 * Nobody claimed the task in time: it ends `expired` (no runtime gets it any more). The node then takes its "expired"
 * edge when the graph has one (the execution's path for it, with `expired: true` in the node's data), else it fails
 * without another attempt: offering the same task again would only wait again.
 */
async function expireTask(ctx: TenantScope, task: AgentTask, now: Date, expiredPath: boolean, claimSeconds: number): Promise<TaskEffect> {
  const message = `Nobody claimed the AI task within ${claimSeconds}s`;
  await ctx.tx.manager.query(
    `UPDATE agent_tasks SET status = 'expired', error = $3, finished_at = $4, claim_deadline = NULL WHERE tenant_id = $1 AND id = $2`,
    [ctx.caller.tenantId, task.uuid, message, now],
  );
  // Without an "expired" edge the node fails; the step's savepoint is rolled back, and taskAttemptFailed records the expiry.
  if (!expiredPath) throw new NotRetryable(message);
  return { outcome: 'succeeded', output: { taskId: task.id, expired: true, error: message }, label: EXPIRED_EDGE };
}

/** After an attempt of an agent_task node failed: a task still awaited timed out (or expired unclaimed); on the last attempt its end is recorded. */
export async function taskAttemptFailed(ctx: TenantScope, run: WorkflowNodeRun, message: string, final: boolean, now: Date): Promise<void> {
  if (run.nodeType !== 'agent_task') return;
  await ctx.tx.manager.query(
    // A task still unclaimed at its claim deadline expired (expireTask's own update went with the failed step's savepoint).
    `UPDATE agent_tasks SET status = CASE WHEN status = 'pending' AND claim_deadline <= $5::timestamptz THEN 'expired'
         WHEN status IN ('pending','running') THEN 'timed_out' ELSE status END, error = $3, claim_deadline = NULL,
       finished_at = CASE WHEN $4 THEN $5::timestamptz ELSE NULL END
     WHERE tenant_id = $1 AND node_run_id = $2 AND status NOT IN ('succeeded','cancelled')`,
    [ctx.caller.tenantId, run.uuid, message.slice(0, 2000), final, now],
  );
}

/** Tasks of a cancelled execution that were still awaited are cancelled: no runtime picks them up any more. */
export async function cancelExecutionTasks(ctx: TenantScope, executionId: string, now: Date): Promise<void> {
  await ctx.tx.manager.query(
    `UPDATE agent_tasks SET status = 'cancelled', finished_at = $3 WHERE tenant_id = $1 AND execution_id = $2 AND status IN ('pending','running','timed_out','failed')
       AND finished_at IS NULL`,
    [ctx.caller.tenantId, executionId, now],
  );
}
