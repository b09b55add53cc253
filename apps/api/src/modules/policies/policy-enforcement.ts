import type { TenantScope } from '../../scope';
import { recentAgentMetrics } from '../metrics';
import type { AgentChange, AgentEvaluation } from './policy-gate';
import { PolicyDecisionResult, PolicyDecisionTrigger } from './policy-decision.entity';
import { evaluatePolicies, inputDigest, PolicyToEvaluate } from './policy-evaluation';
import { PolicyEnforcement, PolicyFinding } from './policy-finding.type';
import { markWaived, recordEvaluation } from './policy-records';
import { coversAgent, POLICY_COLUMNS } from './policy-scope';
import type { Policy } from './policy.entity';
import type { CelInput } from './cel';

// Taking an agent out of service only lowers risk: a block policy never stands in its way.
const BLOCKABLE = new Set<AgentChange['action']>(['create', 'update', 'deploy', 'resume']);
// Enforcements that stop a change (refused, or held for approval) rather than only report it.
const HOLDS = new Set<PolicyEnforcement>([PolicyEnforcement.BLOCK, PolicyEnforcement.REQUIRE_APPROVAL]);

export function toEvaluate(policy: Policy): PolicyToEvaluate {
  return { id: policy.uuid, name: policy.name, version: policy.version, severity: policy.severity, enforcement: policy.enforcement, rules: policy.rules };
}

export function changeInput(change: AgentChange): CelInput {
  const reason = typeof change.after.reason === 'string' ? change.after.reason : null;
  return { agent: change.after, change: { action: change.action, old: change.before, new: change.after, reason } };
}

/** Evaluates a change against the tenant's active policies in scope of the agent after it; writes nothing. */
export async function evaluateChange(ctx: TenantScope, change: AgentChange, approved = false): Promise<AgentEvaluation> {
  const tags = Array.isArray(change.after.tags) ? (change.after.tags as string[]) : [];
  const policies: Policy[] = await ctx.tx.manager.query(
    `SELECT ${POLICY_COLUMNS} FROM policies p WHERE p.tenant_id = $1 AND p.active AND p.type <> 'architecture' AND ${coversAgent('$2::uuid', '$3::text[]')} ORDER BY p.name`,
    [ctx.caller.tenantId, change.agentId, tags],
  );
  const input = changeInput(change);
  input.agent = { ...input.agent, metrics: (await recentAgentMetrics(ctx, [change.agentId])).get(change.agentId) };
  const outcomes = evaluatePolicies(policies.map(toEvaluate), input);
  await markWaived(ctx, outcomes, { agentId: change.agentId, agentName: String(change.after.name), isCreate: change.action === 'create' });
  const blockable = BLOCKABLE.has(change.action);
  const findings: PolicyFinding[] = outcomes
    .filter((o) => o.result === PolicyDecisionResult.VIOLATION && !o.waived)
    .filter((o) => o.policy.enforcement === PolicyEnforcement.WARN || (HOLDS.has(o.policy.enforcement) && blockable))
    .map((o) => ({
      policyUuid: o.policy.id!,
      policyName: o.policy.name,
      policyVersion: o.policy.version,
      ruleName: o.rule.name,
      severity: o.policy.severity,
      enforcement: o.policy.enforcement,
      message: o.rule.message,
    }));
  const blocked = findings.some((f) => f.enforcement === PolicyEnforcement.BLOCK);
  const held = !blocked && !approved && findings.some((f) => f.enforcement === PolicyEnforcement.REQUIRE_APPROVAL);
  return { change, blocked, held, approved, findings, outcomes, digest: inputDigest(input) };
}

/** Records what the evaluation found, and the agent's resulting compliance if the change was applied. */
export async function recordChangeEvaluation(ctx: TenantScope, evaluation: AgentEvaluation, applied: boolean): Promise<void> {
  const { change } = evaluation;
  await recordEvaluation(ctx, {
    trigger: change.action as PolicyDecisionTrigger,
    agentId: applied || change.before ? change.agentId : null,
    agentName: String(change.after.name),
    applied,
    held: evaluation.held,
    approved: evaluation.approved,
    outcomes: evaluation.outcomes,
    digest: evaluation.digest,
    observed: change.after,
    complete: true,
  });
}
