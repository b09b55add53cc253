import type { AppServices, StewardContext } from '../../context';
import { StewardError, UserInputProblem } from '../../graphql/errors';
import { loader } from '../../graphql/loader';
import type { Agent } from '../agents/agent.entity';
import { agentSnapshot } from '../agents/agent.snapshot';
import type { AiModel } from '../ai-models/ai-model.entity';
import { recordAudit } from '../audit/audit.service';
import { Governance, governanceOf, inTenantTransaction } from './governance';
import { PolicyDecisionResult, PolicyDecisionTrigger } from './policy-decision.entity';
import { evaluatePolicies, inputDigest, PolicyToEvaluate, standingInput } from './policy-evaluation';
import { PolicyEvaluationRun } from './policy-evaluation-run.entity';
import { recordEvaluation } from './policy-records';
import { agentBatch, countInScope } from './policy-scope';
import { PolicyVersion } from './policy-version.entity';
import { evaluationRunById } from './policy.loaders';
import { findPolicy } from './policy.service';

export const REEVALUATION_BATCH = 200;

const inFlight = new Set<Promise<void>>();

/** Waits for the re-evaluations this process is running (shutdown, tests). */
export async function settleReevaluations(): Promise<void> {
  await Promise.all([...inFlight]);
}

/** `${agentId}|${ruleName}` of the policy's rules that an active waiver exempts each agent from. */
export async function waivedRules(gov: Governance, policyId: string, agentIds: string[]): Promise<Set<string>> {
  if (!agentIds.length) return new Set();
  const rows: { agent_id: string; rule_name: string }[] = await gov.manager.query(
    `SELECT DISTINCT agent_id, rule_name FROM policy_violations
     WHERE tenant_id = $1 AND policy_id = $2 AND agent_id = ANY($3::uuid[]) AND status = 'waived' AND (waiver_expires_at IS NULL OR waiver_expires_at > now())`,
    [gov.tenantId, policyId, agentIds]);
  return new Set(rows.map((r) => `${r.agent_id}|${r.rule_name}`));
}

/** Judges agents as they stand and records decisions and violations exactly as for a change. */
export async function reevaluateAgents(gov: Governance, policy: PolicyToEvaluate, agents: Agent[], models: Map<string, AiModel>, runId: string | null): Promise<{ violations: number; errors: number }> {
  const waived = await waivedRules(gov, policy.id!, agents.map((a) => a.uuid));
  const totals = { violations: 0, errors: 0 };
  for (const agent of agents) {
    const snapshot = agentSnapshot(agent, agent.modelId ? models.get(agent.modelId) ?? null : null);
    const input = standingInput(snapshot);
    const outcomes = evaluatePolicies([policy], input);
    for (const o of outcomes) o.waived = o.result === PolicyDecisionResult.violation && waived.has(`${agent.uuid}|${o.rule.name}`);
    const counts = await recordEvaluation(gov, {
      trigger: PolicyDecisionTrigger.reevaluation, agentId: agent.uuid, agentName: agent.name, applied: true, outcomes, digest: inputDigest(input), observed: snapshot, runId,
    });
    totals.violations += counts.violations;
    totals.errors += counts.errors;
  }
  return totals;
}

export function versionToEvaluate(version: PolicyVersion): PolicyToEvaluate {
  return { id: version.policyId, name: version.name, version: version.version, severity: version.severity, enforcement: version.enforcement, rules: version.rules };
}

async function runBatches(app: AppServices, who: Omit<Governance, 'manager'>, runId: string, version: PolicyVersion): Promise<void> {
  const policy = versionToEvaluate(version);
  let after: string | null = null;
  try {
    for (;;) {
      // Each batch is a short transaction of its own: progress is visible, and a failure keeps what was done.
      const batch: { count: number; last: string | null } = await inTenantTransaction(app.dataSource, who, async (gov) => {
        const { agents, models } = await agentBatch(gov, version.scope, after, REEVALUATION_BATCH, true);
        const totals = await reevaluateAgents(gov, policy, agents, models, runId);
        await gov.manager.query(
          `UPDATE policy_evaluation_runs SET processed = processed + $3, violations_found = violations_found + $4, errors = errors + $5 WHERE tenant_id = $1 AND id = $2`,
          [gov.tenantId, runId, agents.length, totals.violations, totals.errors]);
        return { count: agents.length, last: agents.length ? agents[agents.length - 1].uuid : null };
      });
      if (batch.count < REEVALUATION_BATCH) break;
      after = batch.last;
    }
    await inTenantTransaction(app.dataSource, who, (gov) => gov.manager.query(
      `UPDATE policy_evaluation_runs SET status = 'succeeded', total = processed, finished_at = now() WHERE tenant_id = $1 AND id = $2`, [gov.tenantId, runId]));
  } catch (error) {
    app.log.error({ err: error, runId, requestId: who.requestId }, 'policy re-evaluation failed');
    await inTenantTransaction(app.dataSource, who, (gov) => gov.manager.query(
      `UPDATE policy_evaluation_runs SET status = 'failed', failure = 'The re-evaluation stopped on an internal error; what was evaluated is kept', finished_at = now()
       WHERE tenant_id = $1 AND id = $2`, [gov.tenantId, runId])).catch(() => undefined);
  }
}

// Longer than any run takes: a run still "running" after it was left behind by a process that stopped.
const ABANDONED_AFTER = '30 minutes';

async function refuseWhileRunning(gov: Governance, policyId: string): Promise<void> {
  await gov.manager.query(
    `UPDATE policy_evaluation_runs SET status = 'failed', failure = 'Abandoned: the process running it stopped', finished_at = now()
     WHERE tenant_id = $1 AND policy_id = $2 AND status = 'running' AND started_at < now() - interval '${ABANDONED_AFTER}'`, [gov.tenantId, policyId]);
  const running: unknown[] = await gov.manager.query(`SELECT 1 FROM policy_evaluation_runs WHERE tenant_id = $1 AND policy_id = $2 AND status = 'running'`, [gov.tenantId, policyId]);
  if (running.length) throw new UserInputProblem('policyId', 'A re-evaluation of this policy is already running', 'CONFLICT');
}

/** Starts re-evaluating the policy's current version against every agent in its scope; returns the run to poll. */
export async function startReevaluation(ctx: StewardContext, policyId: string): Promise<PolicyEvaluationRun> {
  const policy = await findPolicy(ctx, policyId);
  if (!policy.active) throw new UserInputProblem('policyId', 'Only an active policy is re-evaluated; activate it first', 'CONFLICT');
  const gov = governanceOf(ctx);
  await refuseWhileRunning(gov, policyId);
  const version = await gov.manager.findOneByOrFail(PolicyVersion, { tenantId: gov.tenantId, policyId, version: policy.version });
  const total = await countInScope(gov, version.scope);
  const who = { tenantId: gov.tenantId, requestId: gov.requestId, userId: gov.userId, apiKeyId: gov.apiKeyId };
  // The batches run in transactions of their own, so the run must be committed before they look for it.
  const runId = await inTenantTransaction(ctx.app.dataSource, who, async (own) => {
    const [row]: { id: string }[] = await own.manager.query(
      `INSERT INTO policy_evaluation_runs (tenant_id, policy_id, policy_version, total, started_by_id, started_by_api_key_id, request_id)
       VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id`,
      [own.tenantId, policyId, version.version, total, own.userId, own.apiKeyId, own.requestId]);
    return row.id;
  });
  await recordAudit(ctx, { action: 'policy.reevaluate', entityType: 'Policy', entityId: policyId, entityName: policy.name, after: { runId, version: version.version, total } });
  const work: Promise<void> = runBatches(ctx.app, who, runId, version).finally(() => inFlight.delete(work));
  inFlight.add(work);
  return findRun(ctx, runId);
}

export async function findRun(ctx: StewardContext, runId: string): Promise<PolicyEvaluationRun> {
  const run = await loader(ctx, evaluationRunById).load(runId);
  if (!run) throw StewardError.notFound('Policy evaluation run');
  return run;
}
