import DataLoader from 'dataloader';
import type { TenantScope } from '../../scope';
import { Connection, ConnectionArgs, OrderDirection } from '../../graphql/connection';
import { connectionOf, PARENT } from '../../graphql/connection-per-parent';
import { StewardError, UserInputProblem, UserInputProblems } from '../../graphql/errors';
import { expectGlobalId, toGlobalId } from '../../graphql/global-id';
import { checkJsonSize } from '../../graphql/json-input';
import { groupedByKey } from '../../graphql/loader';
import { byIds, readList, Selection } from '../../graphql/read-model';
import { CostCategory, CostEntryOutcomeStatus, recordCostEntries, todayUtc } from '../costs';
import { recordEvent } from './execution-engine';
import { AgentTask, AgentTaskOutcome, AgentTaskStatus, AgentTaskTotals } from './agent-task.entity';
import { AgentTaskCompleteInput, AgentTaskFilter } from './agent-task.inputs';
import { agentTaskReads } from './agent-task.reads';

/** An agent's tasks, newest first; the lists of a whole page of agents are read together. */
export function listAgentTasks(
  ctx: TenantScope,
  agentId: string,
  page: ConnectionArgs,
  filter: AgentTaskFilter | null,
  selection: Selection,
): Promise<Connection<AgentTask>> {
  return connectionOf(ctx, agentId, page, {
    key: `agent.tasks:${JSON.stringify(filter?.statuses ?? null)}:${agentTaskReads.plan(ctx.app.dataSource, 'r', selection).select}`,
    query: () => {
      const qb = ctx.tx.manager.createQueryBuilder(AgentTask, 't').where(`t.tenant_id = :tenant AND t.agent_id = ${PARENT}`, { tenant: ctx.caller.tenantId });
      if (filter?.statuses?.length) qb.andWhere('t.status IN (:...statuses)', { statuses: filter.statuses });
      return qb;
    },
    sort: { column: 't.created_at', id: 't.id', direction: OrderDirection.DESC, idOf: (t) => t.uuid, cast: 'timestamptz' },
    load: (ids) => readList(ctx, agentTaskReads, selection, byIds(ctx, 'r', ids)),
  });
}

/** Token and cost sums per agent, one statement for every agent asked for in the same tick. */
export const taskTotalsByAgent = (ctx: TenantScope) =>
  new DataLoader<string, AgentTaskTotals>(async (ids) => {
    const rows: { agent_id: string; count: number; prompt: string; completion: string; cost: string }[] = await ctx.tx.manager.query(
      `SELECT agent_id, count(*)::int AS count, coalesce(sum(prompt_tokens), 0)::text AS prompt, coalesce(sum(completion_tokens), 0)::text AS completion,
              coalesce(sum(cost) FILTER (WHERE currency = 'USD'), 0)::text AS cost
       FROM agent_tasks WHERE tenant_id = $1 AND agent_id = ANY($2::uuid[]) GROUP BY agent_id`,
      [ctx.caller.tenantId, ids],
    );
    const byAgent = new Map(rows.map((r) => [r.agent_id, r]));
    return ids.map((id) => {
      const r = byAgent.get(id);
      return { count: r?.count ?? 0, promptTokens: Number(r?.prompt ?? 0), completionTokens: Number(r?.completion ?? 0), cost: r?.cost ?? '0' };
    });
  });

export const tasksByExecution = (ctx: TenantScope) =>
  new DataLoader<string, AgentTask[]>(async (ids) =>
    groupedByKey(
      ids,
      await ctx.tx.manager
        .createQueryBuilder(AgentTask, 't')
        .where('t.tenant_id = :tenant AND t.execution_id IN (:...ids)', { tenant: ctx.caller.tenantId, ids: [...ids] })
        .orderBy('t.created_at', 'ASC')
        .getMany(),
      (t) => t.executionId!,
    ),
  );

async function lockedTask(ctx: TenantScope, taskGlobalId: string): Promise<AgentTask> {
  const id = expectGlobalId(taskGlobalId, 'AgentTask', 'input.taskId');
  const task = await ctx.tx.manager
    .createQueryBuilder(AgentTask, 't')
    .setLock('pessimistic_write')
    .where('t.id = :id AND t.tenant_id = :tenant', { id, tenant: ctx.caller.tenantId })
    .getOne();
  if (!task) throw StewardError.notFound('Agent task');
  return task;
}

function reloaded(ctx: TenantScope, id: string): Promise<AgentTask> {
  return ctx.tx.manager.findOneByOrFail(AgentTask, { uuid: id, tenantId: ctx.caller.tenantId! });
}

async function taskEvent(ctx: TenantScope, task: AgentTask, message: string): Promise<void> {
  if (!task.executionId || !task.nodeRunId || !task.nodeId) return;
  await recordEvent(ctx, task.executionId, { uuid: task.nodeRunId, nodeId: task.nodeId }, 'waiting', 'waiting', message);
}

const who = (ctx: TenantScope) => ctx.caller.apiKeyName ?? (ctx.caller.userId ? 'a member' : 'the system');

/**
 * The agent's pending tasks, oldest first, become the caller's: two runtimes asking at once never get the same task, and a
 * task whose node is running right now (waking at its claim deadline) is left for the next ask rather than waited for.
 * The attempt's time starts now: each waiting node wakes at the claim plus the task's timeout (not before, whenever
 * the task was made).
 */
export async function claimTasks(ctx: TenantScope, agentGlobalId: string, limit: number, now: Date = new Date()): Promise<AgentTask[]> {
  const agentId = expectGlobalId(agentGlobalId, 'Agent', 'input.agentId');
  const [agent]: { id: string }[] = await ctx.tx.manager.query(`SELECT id FROM agents WHERE tenant_id = $1 AND id = $2`, [ctx.caller.tenantId, agentId]);
  if (!agent) throw StewardError.notFound('Agent');
  const [rows]: [{ id: string }[], number] = await ctx.tx.manager.query(
    `UPDATE agent_tasks SET status = 'running', attempts = attempts + 1, claimed_at = $5, claimed_by_api_key_id = $4, progress = 0, progress_message = '', claim_deadline = NULL
     WHERE id IN (SELECT t.id FROM agent_tasks t JOIN workflow_node_runs r ON r.tenant_id = t.tenant_id AND r.id = t.node_run_id
                  WHERE t.tenant_id = $1 AND t.agent_id = $2 AND t.status = 'pending' ORDER BY t.created_at, t.id LIMIT $3 FOR UPDATE OF t, r SKIP LOCKED)
     RETURNING id`,
    [ctx.caller.tenantId, agentId, limit, ctx.caller.apiKeyId, now],
  );
  if (!rows.length) return [];
  const [woken]: [{ id: string; run_at: Date }[], number] = await ctx.tx.manager.query(
    `UPDATE workflow_node_runs r SET run_at = t.claimed_at + make_interval(secs => t.timeout_seconds)
     FROM agent_tasks t WHERE t.tenant_id = $1 AND t.id = ANY($2::uuid[]) AND r.tenant_id = $1 AND r.id = t.node_run_id AND r.status = 'waiting'
     RETURNING r.id, r.run_at`,
    [ctx.caller.tenantId, rows.map((r) => r.id)],
  );
  for (const run of woken) await ctx.tx.manager.query(`SELECT steward.enqueue_workflow_node($1, $2)`, [run.id, run.run_at]);
  const tasks = await ctx.tx.manager
    .createQueryBuilder(AgentTask, 't')
    .where('t.tenant_id = :tenant AND t.id IN (:...ids)', { tenant: ctx.caller.tenantId, ids: rows.map((r) => r.id) })
    .orderBy('t.created_at', 'ASC')
    .addOrderBy('t.id', 'ASC')
    .getMany();
  for (const task of tasks) await taskEvent(ctx, task, `AI task claimed by ${who(ctx)} (attempt ${task.attempts} of ${task.maxAttempts})`);
  await ctx.audit.record({ action: 'agentTask.claim', entityType: 'Agent', entityId: agentId, after: { tasks: tasks.map((t) => t.uuid) } });
  return tasks;
}

export async function reportTaskProgress(ctx: TenantScope, taskGlobalId: string, progress: number, message: string): Promise<AgentTask> {
  const task = await lockedTask(ctx, taskGlobalId);
  if (task.status !== AgentTaskStatus.RUNNING)
    throw new UserInputProblem('taskId', `The task is ${task.status}; claim it before reporting progress`, 'CONFLICT');
  await ctx.tx.manager.query(`UPDATE agent_tasks SET progress = $3, progress_message = $4 WHERE tenant_id = $1 AND id = $2`, [
    ctx.caller.tenantId,
    task.uuid,
    progress,
    message.trim(),
  ]);
  return reloaded(ctx, task.uuid);
}

const COST_FIELDS: Record<string, string> = { amount: 'cost', currency: 'currency', service: 'model', quantity: 'promptTokens' };

/** The task's cost as a cost entry, keyed by task and attempt: a report sent twice is recorded once. */
async function recordTaskCost(ctx: TenantScope, task: AgentTask, attempt: number, input: AgentTaskCompleteInput): Promise<CostEntryOutcomeStatus> {
  try {
    const result = await recordCostEntries(ctx, {
      entries: [
        {
          idempotencyKey: `agent-task:${task.uuid}:${attempt}`,
          agentId: toGlobalId('Agent', task.agentId),
          date: todayUtc(),
          amount: input.cost,
          currency: input.currency,
          provider: input.provider,
          service: input.model,
          category: CostCategory.AI,
          quantity: String(input.promptTokens + input.completionTokens),
          unit: 'tokens',
          tags: [],
        },
      ],
    });
    return result.entries![0].outcome;
  } catch (error) {
    if (!(error instanceof UserInputProblems || error instanceof UserInputProblem)) throw error;
    const problems = error instanceof UserInputProblems ? error.problems : [error];
    throw new UserInputProblems(
      problems.map((p) => {
        const field = p.field?.split('.').at(-1) ?? '';
        if (field === 'idempotencyKey') return new UserInputProblem('taskId', 'This attempt of the task was reported before with other figures', 'CONFLICT');
        return new UserInputProblem(COST_FIELDS[field] ?? null, p.message, p.code);
      }),
    );
  }
}

/**
 * The runtime's report: the cost lands in the cost ledger (and so in budgets), the task records the
 * result and the waiting node wakes. The same report again returns the task unchanged.
 */
export async function completeTask(ctx: TenantScope, input: AgentTaskCompleteInput): Promise<AgentTask> {
  checkJsonSize('output', input.output);
  // The node run first, then the task: the engine's order (runNode locks its run, then the task), so a report that
  // races the node waking at its deadline waits for it instead of deadlocking with it.
  await ctx.tx.manager.query(
    `SELECT r.id FROM workflow_node_runs r JOIN agent_tasks t ON t.tenant_id = r.tenant_id AND t.node_run_id = r.id WHERE t.tenant_id = $1 AND t.id = $2
     FOR UPDATE OF r`,
    [ctx.caller.tenantId, expectGlobalId(input.taskId, 'AgentTask', 'input.taskId')],
  );
  const task = await lockedTask(ctx, input.taskId);
  if (task.status === AgentTaskStatus.CANCELLED) throw new UserInputProblem('taskId', 'The task was cancelled with its execution', 'CONFLICT');
  if (task.attempts === 0) throw new UserInputProblem('taskId', 'Claim the task (agentTasksClaim) before reporting on it', 'CONFLICT');
  if (input.outcome === AgentTaskOutcome.FAILED && !input.error?.trim()) throw new UserInputProblem('error', 'Say why the task failed');
  // A late result of an attempt that timed out still counts: it is that attempt's report.
  const attempt = task.attempts;
  const recorded = await recordTaskCost(ctx, task, attempt, input);
  if (recorded === CostEntryOutcomeStatus.DUPLICATE) return task;
  const finished = task.status === AgentTaskStatus.SUCCEEDED || task.finishedAt !== null;
  if (finished) throw new UserInputProblem('taskId', `The task is already ${task.status}`, 'CONFLICT');
  const final = input.outcome === AgentTaskOutcome.SUCCEEDED || attempt >= task.maxAttempts;
  await ctx.tx.manager.query(
    `UPDATE agent_tasks SET status = $3, attempts = $4, provider = $5, model = $6, prompt_tokens = prompt_tokens + $7, completion_tokens = completion_tokens + $8,
       cost = coalesce(cost, 0) + $9::numeric, currency = $10, output = $11, error = $12, progress = CASE WHEN $3 = 'succeeded' THEN 100 ELSE progress END,
       claimed_at = coalesce(claimed_at, now()), finished_at = CASE WHEN $13 THEN now() ELSE NULL END
     WHERE tenant_id = $1 AND id = $2`,
    [
      ctx.caller.tenantId,
      task.uuid,
      input.outcome,
      attempt,
      input.provider,
      input.model,
      input.promptTokens,
      input.completionTokens,
      input.cost,
      input.currency,
      input.output ?? null,
      input.outcome === AgentTaskOutcome.FAILED ? input.error!.trim() : null,
      final,
    ],
  );
  await taskEvent(
    ctx,
    task,
    `AI task ${input.outcome} (${input.model}, ${input.promptTokens}+${input.completionTokens} tokens, ${input.cost} ${input.currency})`,
  );
  // The waiting node wakes now rather than at its deadline.
  if (task.nodeRunId) {
    const [woken]: [{ id: string }[], number] = await ctx.tx.manager.query(
      `UPDATE workflow_node_runs SET run_at = now() WHERE tenant_id = $1 AND id = $2 AND status = 'waiting' RETURNING id`,
      [ctx.caller.tenantId, task.nodeRunId],
    );
    for (const { id } of woken) await ctx.tx.manager.query(`SELECT steward.enqueue_workflow_node($1, now())`, [id]);
  }
  await ctx.audit.record({
    action: 'agentTask.complete',
    entityType: 'AgentTask',
    entityId: task.uuid,
    after: { outcome: input.outcome, model: input.model, promptTokens: input.promptTokens, completionTokens: input.completionTokens, cost: input.cost },
  });
  return reloaded(ctx, task.uuid);
}
