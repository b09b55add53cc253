import { inScope, type AppServices, type ScopeOpening, type TenantScope } from '../../scope';
import { JOB, type JobPayloads } from '../../jobs/job-names';
import { StewardError, UserInputProblem } from '../../graphql/errors';
import { loader } from '../../graphql/loader';
import { type Agent, agentSnapshot } from '../agents';
import type { AiModel } from '../ai-models';
import { recentAgentMetrics } from '../metrics';
import { countDesignsInScope, designBatch, reevaluateDesigns } from './policy-architecture';
import { PolicyDecisionResult, PolicyDecisionTrigger } from './policy-decision.entity';
import { evaluatePolicies, inputDigest, PolicyToEvaluate, standingInput } from './policy-evaluation';
import { PolicyEvaluationRun } from './policy-evaluation-run.entity';
import { recordEvaluation } from './policy-records';
import { agentBatch, countInScope } from './policy-scope';
import { PolicyVersion } from './policy-version.entity';
import { evaluationRunById } from './policy.loaders';
import { type Policy, PolicyType } from './policy.entity';
import { findPolicy } from './policy.service';

export const REEVALUATION_BATCH = 200;

/** `${agentId}|${ruleName}` of the policy's rules that an active waiver exempts each agent from. */
export async function waivedRules(ctx: TenantScope, policyId: string, agentIds: string[]): Promise<Set<string>> {
  if (!agentIds.length) return new Set();
  const rows: { agent_id: string; rule_name: string }[] = await ctx.tx.manager.query(
    `SELECT DISTINCT agent_id, rule_name FROM policy_violations
     WHERE tenant_id = $1 AND policy_id = $2 AND agent_id = ANY($3::uuid[]) AND status = 'waived' AND (waiver_expires_at IS NULL OR waiver_expires_at > now())`,
    [ctx.caller.tenantId, policyId, agentIds],
  );
  return new Set(rows.map((r) => `${r.agent_id}|${r.rule_name}`));
}

/** Judges agents as they stand and records decisions and violations exactly as for a change. */
export async function reevaluateAgents(
  ctx: TenantScope,
  policy: PolicyToEvaluate,
  agents: Agent[],
  models: Map<string, AiModel>,
  runId: string | null,
): Promise<{ violations: number; errors: number }> {
  const waived = await waivedRules(
    ctx,
    policy.id!,
    agents.map((a) => a.uuid),
  );
  const totals = { violations: 0, errors: 0 };
  const metrics = await recentAgentMetrics(
    ctx,
    agents.map((a) => a.uuid),
  );
  for (const agent of agents) {
    const snapshot = agentSnapshot(agent, agent.modelId ? (models.get(agent.modelId) ?? null) : null);
    const input = standingInput({ ...snapshot, metrics: metrics.get(agent.uuid) });
    const outcomes = evaluatePolicies([policy], input);
    for (const o of outcomes) o.waived = o.result === PolicyDecisionResult.VIOLATION && waived.has(`${agent.uuid}|${o.rule.name}`);
    const counts = await recordEvaluation(ctx, {
      trigger: PolicyDecisionTrigger.REEVALUATION,
      agentId: agent.uuid,
      agentName: agent.name,
      applied: true,
      outcomes,
      digest: inputDigest(input),
      observed: snapshot,
      runId,
    });
    totals.violations += counts.violations;
    totals.errors += counts.errors;
  }
  return totals;
}

export function versionToEvaluate(version: PolicyVersion): PolicyToEvaluate {
  return {
    id: version.policyId,
    name: version.name,
    version: version.version,
    severity: version.severity,
    enforcement: version.enforcement,
    rules: version.rules,
  };
}

const ACTIVE = `status IN ('queued','running')`;

/** Stops the policy's queued or running re-evaluation: its batches so far stay recorded. */
export async function cancelReevaluations(ctx: TenantScope, policyId: string, reason: string): Promise<void> {
  await ctx.tx.manager.query(
    `UPDATE policy_evaluation_runs SET status = 'cancelled', failure = $3, finished_at = now() WHERE tenant_id = $1 AND policy_id = $2 AND ${ACTIVE}`,
    [ctx.caller.tenantId, policyId, reason],
  );
}

/**
 * Queues a re-evaluation of the policy's current version in the request's transaction, so the run
 * exists exactly when the change that asked for it commits. A policy change supersedes a run still
 * judging the previous version; an explicit request while one is under way is refused.
 */
export async function queueReevaluation(ctx: TenantScope, policy: Policy, supersede: boolean): Promise<PolicyEvaluationRun> {
  if (supersede) {
    await cancelReevaluations(ctx, policy.uuid, `Superseded by version ${policy.version}`);
  } else {
    const active: unknown[] = await ctx.tx.manager.query(`SELECT 1 FROM policy_evaluation_runs WHERE tenant_id = $1 AND policy_id = $2 AND ${ACTIVE}`, [
      ctx.caller.tenantId,
      policy.uuid,
    ]);
    if (active.length) throw new UserInputProblem('policyId', 'A re-evaluation of this policy is already queued or running', 'CONFLICT');
  }
  const version = await ctx.tx.manager.findOneByOrFail(PolicyVersion, { tenantId: ctx.caller.tenantId!, policyId: policy.uuid, version: policy.version });
  const total = version.type === PolicyType.ARCHITECTURE ? await countDesignsInScope(ctx, version.scope) : await countInScope(ctx, version.scope);
  const [row]: { id: string }[] = await ctx.tx.manager.query(
    `INSERT INTO policy_evaluation_runs (tenant_id, policy_id, policy_version, status, total, started_by_id, started_by_api_key_id, request_id)
     VALUES ($1,$2,$3,'queued',$4,$5,$6,$7) RETURNING id`,
    [ctx.caller.tenantId, policy.uuid, version.version, total, ctx.caller.userId, ctx.caller.apiKeyId, ctx.requestId],
  );
  await ctx.tx.manager.query(`SELECT steward.enqueue_policy_reevaluation($1)`, [row.id]);
  return findRun(ctx, row.id);
}

/** "Re-evaluate now": queues the policy's current version against every agent in its scope; returns the run to poll. */
export async function startReevaluation(ctx: TenantScope, policyId: string): Promise<PolicyEvaluationRun> {
  const policy = await findPolicy(ctx, policyId);
  if (!policy.active) throw new UserInputProblem('policyId', 'Only an active policy is re-evaluated; activate it first', 'CONFLICT');
  const run = await queueReevaluation(ctx, policy, false);
  await ctx.audit.record({
    action: 'policy.reevaluate',
    entityType: 'Policy',
    entityId: policyId,
    entityName: policy.name,
    after: { runId: run.uuid, version: run.policyVersion, total: run.total },
  });
  return run;
}

export async function findRun(ctx: TenantScope, runId: string): Promise<PolicyEvaluationRun> {
  const run = await loader(ctx, evaluationRunById).clear(runId).load(runId);
  if (!run) throw StewardError.notFound('Policy evaluation run');
  return run;
}

interface ClaimedRun {
  /** The job's scope for each batch; its request id is that of the request which queued the run, so decisions trace back to it. */
  opening: ScopeOpening;
  version: PolicyVersion;
}

const asJob = (tenantId: string, requestId?: string): ScopeOpening => ({ actor: { kind: 'system', tenantId, name: `job ${JOB.policyReevaluate}` }, requestId });

/** Marks a queued run running (or finds it running after a restart); null when it was cancelled or is over. */
async function claim(app: AppServices, tenantId: string, runId: string): Promise<ClaimedRun | null> {
  return inScope(app, asJob(tenantId), async (ctx) => {
    const [run]: { policy_id: string; policy_version: number; status: string; request_id: string | null }[] = await ctx.tx.manager.query(
      `SELECT policy_id, policy_version, status, request_id FROM policy_evaluation_runs WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
      [tenantId, runId],
    );
    if (!run || !['queued', 'running'].includes(run.status)) return null;
    await ctx.tx.manager.query(`UPDATE policy_evaluation_runs SET status = 'running' WHERE tenant_id = $1 AND id = $2`, [tenantId, runId]);
    const version = await ctx.tx.manager.findOneByOrFail(PolicyVersion, { tenantId, policyId: run.policy_id, version: run.policy_version });
    return { opening: asJob(tenantId, run.request_id ?? undefined), version };
  });
}

/**
 * One batch in a transaction of its own, together with the run's progress and where to resume: a
 * restart repeats no batch that committed and skips none that did not.
 */
async function nextBatch(app: AppServices, runId: string, { opening, version }: ClaimedRun): Promise<'more' | 'done' | 'stopped'> {
  return inScope(app, opening, async (ctx) => {
    const [run]: { status: string; resume_after_agent_id: string | null; resume_after_architecture_id: string | null }[] = await ctx.tx.manager.query(
      `SELECT status, resume_after_agent_id, resume_after_architecture_id FROM policy_evaluation_runs WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
      [ctx.caller.tenantId, runId],
    );
    if (run?.status !== 'running') return 'stopped';
    const policy = versionToEvaluate(version);
    let judged: number;
    let totals: { violations: number; errors: number };
    let resume: [string | null, string | null];
    if (version.type === PolicyType.ARCHITECTURE) {
      // Architecture policies judge designs (as on save and activation, policy-architecture.ts), never agents.
      const designs = await designBatch(ctx, version.scope, run.resume_after_architecture_id, REEVALUATION_BATCH);
      totals = await reevaluateDesigns(ctx, policy, designs, runId);
      judged = designs.length;
      resume = [run.resume_after_agent_id, designs.length ? designs[designs.length - 1].id : run.resume_after_architecture_id];
    } else {
      const { agents, models } = await agentBatch(ctx, version.scope, run.resume_after_agent_id, REEVALUATION_BATCH, true);
      totals = await reevaluateAgents(ctx, policy, agents, models, runId);
      judged = agents.length;
      resume = [agents.length ? agents[agents.length - 1].uuid : run.resume_after_agent_id, run.resume_after_architecture_id];
    }
    const done = judged < REEVALUATION_BATCH;
    await ctx.tx.manager.query(
      `UPDATE policy_evaluation_runs SET processed = processed + $3, violations_found = violations_found + $4, errors = errors + $5, resume_after_agent_id = $6,
         resume_after_architecture_id = $8,
         status = CASE WHEN $7 THEN 'succeeded' ELSE status END, total = CASE WHEN $7 THEN processed + $3 ELSE total END, finished_at = CASE WHEN $7 THEN now() END
       WHERE tenant_id = $1 AND id = $2`,
      [ctx.caller.tenantId, runId, judged, totals.violations, totals.errors, resume[0], done, resume[1]],
    );
    return done ? 'done' : 'more';
  });
}

/**
 * The job queue's task: judges every agent in the run's scope in batches. A failure is retried by
 * the queue from the last committed batch; on the last attempt the run is marked failed.
 */
export async function runReevaluation(app: AppServices, payload: JobPayloads[typeof JOB.policyReevaluate], lastAttempt: boolean): Promise<void> {
  const { tenantId, runId } = payload;
  try {
    const claimed = await claim(app, tenantId, runId);
    if (!claimed) return;
    while ((await nextBatch(app, runId, claimed)) === 'more');
  } catch (error) {
    app.log.error({ err: error, runId, tenantId, lastAttempt }, 'policy re-evaluation failed');
    if (lastAttempt) {
      await inScope(app, asJob(tenantId), (ctx) =>
        ctx.tx.manager.query(
          `UPDATE policy_evaluation_runs SET status = 'failed', failure = 'The re-evaluation stopped on an internal error; what was evaluated is kept', finished_at = now()
         WHERE tenant_id = $1 AND id = $2 AND status = 'running'`,
          [tenantId, runId],
        ),
      );
    }
    throw error;
  }
}
