import type { TenantScope } from '../../scope';
import { PolicyDecisionAction, PolicyDecisionResult } from './policy-decision.entity';
import { toEvaluate } from './policy-enforcement';
import { evaluatePolicies, inputDigest, RuleOutcome, ruleKey } from './policy-evaluation';
import { PolicyEnforcement, PolicyFinding } from './policy-finding.type';
import { POLICY_COLUMNS } from './policy-scope';
import type { Policy } from './policy.entity';
import type { CelInput } from './cel';

/** A change to an architecture, as architecture policies see it: plain JSON, before and after. */
export interface ArchitectureChange {
  action: 'create' | 'update' | 'activate' | 'archive';
  architectureId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
}

export interface ArchitectureEvaluation {
  change: ArchitectureChange;
  blocked: boolean;
  /** Violations of warn and block policies, to show the caller. */
  findings: PolicyFinding[];
  outcomes: RuleOutcome[];
  digest: string;
}

// Archiving only takes a design out of use: a block policy never stands in its way.
const BLOCKABLE = new Set<ArchitectureChange['action']>(['create', 'update', 'activate']);
// Decisions name their trigger in the words agents use: saving is an update, activating a deploy.
const TRIGGER: Record<ArchitectureChange['action'], string> = { create: 'create', update: 'update', activate: 'deploy', archive: 'archive' };

function architectureInput(change: ArchitectureChange): CelInput {
  return { agent: {}, architecture: change.after, change: { action: change.action, old: change.before, new: change.after, reason: null } };
}

/** Judges a change against the tenant's active architecture policies covering the design (all, or by tag); writes nothing. */
export async function evaluateArchitectureChange(ctx: TenantScope, change: ArchitectureChange): Promise<ArchitectureEvaluation> {
  const tags = Array.isArray(change.after.tags) ? (change.after.tags as string[]) : [];
  const policies: Policy[] = await ctx.tx.manager.query(
    `SELECT ${POLICY_COLUMNS} FROM policies p WHERE p.tenant_id = $1 AND p.active AND p.type = 'architecture'
       AND (p.scope_kind = 'all' OR (p.scope_kind = 'tags' AND p.scope_tags && $2::text[])) ORDER BY p.name`,
    [ctx.caller.tenantId, tags],
  );
  const input = architectureInput(change);
  const outcomes = evaluatePolicies(policies.map(toEvaluate), input);
  const violated = outcomes.filter((o) => o.result === PolicyDecisionResult.VIOLATION);
  if (violated.length && change.before) {
    const rows: { policy_id: string; rule_name: string }[] = await ctx.tx.manager.query(
      `SELECT DISTINCT policy_id, rule_name FROM policy_violations
       WHERE tenant_id = $1 AND architecture_id = $2 AND status = 'waived' AND (waiver_expires_at IS NULL OR waiver_expires_at > now())`,
      [ctx.caller.tenantId, change.architectureId],
    );
    const waived = new Set(rows.map((r) => ruleKey(r.policy_id, r.rule_name)));
    for (const o of violated) o.waived = waived.has(ruleKey(o.policy.id, o.rule.name));
  }
  const blockable = BLOCKABLE.has(change.action);
  const findings: PolicyFinding[] = violated
    .filter((o) => !o.waived)
    .filter((o) => o.policy.enforcement === PolicyEnforcement.WARN || (o.policy.enforcement === PolicyEnforcement.BLOCK && blockable))
    .map((o) => ({
      policyUuid: o.policy.id!,
      policyName: o.policy.name,
      policyVersion: o.policy.version,
      ruleName: o.rule.name,
      severity: o.policy.severity,
      enforcement: o.policy.enforcement,
      message: o.rule.message,
    }));
  return { change, blocked: findings.some((f) => f.enforcement === PolicyEnforcement.BLOCK), findings, outcomes, digest: inputDigest(input) };
}

function actionTaken(o: RuleOutcome, applied: boolean): PolicyDecisionAction {
  if (o.result !== PolicyDecisionResult.VIOLATION) return PolicyDecisionAction.NONE;
  if (o.waived) return PolicyDecisionAction.WAIVED;
  if (!applied) return o.policy.enforcement === PolicyEnforcement.BLOCK ? PolicyDecisionAction.BLOCKED : PolicyDecisionAction.NONE;
  return o.policy.enforcement === PolicyEnforcement.WARN ? PolicyDecisionAction.WARNED : PolicyDecisionAction.RECORDED;
}

const VIOLATION_ROWS = `jsonb_to_recordset($5::jsonb) AS d(policy_id uuid, policy_version int, rule_name text, severity text, enforcement text, message text, decision_id uuid)`;

/**
 * Records decisions and violations as for agents, against the architecture: a refused change leaves
 * blocked violations; an applied one opens (or refreshes) violations and resolves the rules that now pass.
 */
export async function recordArchitectureEvaluation(ctx: TenantScope, evaluation: ArchitectureEvaluation, applied: boolean): Promise<void> {
  const { change } = evaluation;
  const outcomes = evaluation.outcomes.filter((o) => o.policy.id);
  if (!outcomes.length) return;
  // A refused create leaves no architecture to point at: its decisions keep the name only.
  const architectureId = applied || change.before ? change.architectureId : null;
  const name = String(change.after.name);
  const rows = outcomes.map((o) => ({
    policy_id: o.policy.id,
    policy_version: o.policy.version,
    rule_name: o.rule.name,
    result: o.result,
    action_taken: actionTaken(o, applied),
    error: o.error,
  }));
  const inserted: { id: string; policy_id: string; rule_name: string }[] = await ctx.tx.manager.query(
    `INSERT INTO policy_decisions (tenant_id, policy_id, policy_version, rule_name, architecture_id, agent_name, trigger, input_digest, result, action_taken, error, request_id)
     SELECT $1, d.policy_id, d.policy_version, d.rule_name, $2, $3, $4, $5, d.result, d.action_taken, d.error, $6
     FROM jsonb_to_recordset($7::jsonb) AS d(policy_id uuid, policy_version int, rule_name text, result text, action_taken text, error text)
     RETURNING id, policy_id, rule_name`,
    [ctx.caller.tenantId, architectureId, name, TRIGGER[change.action], evaluation.digest, ctx.requestId, JSON.stringify(rows)],
  );
  const decisions = new Map(inserted.map((r) => [ruleKey(r.policy_id, r.rule_name), r.id]));
  const violationRows = (list: RuleOutcome[]) =>
    JSON.stringify(
      list.map((o) => ({
        policy_id: o.policy.id,
        policy_version: o.policy.version,
        rule_name: o.rule.name,
        severity: o.policy.severity,
        enforcement: o.policy.enforcement,
        message: o.rule.message,
        decision_id: decisions.get(ruleKey(o.policy.id, o.rule.name)),
      })),
    );
  const violated = outcomes.filter((o) => o.result === PolicyDecisionResult.VIOLATION && !o.waived);
  if (!applied) {
    const blocking = violated.filter((o) => o.policy.enforcement === PolicyEnforcement.BLOCK);
    if (blocking.length) {
      await ctx.tx.manager.query(
        `INSERT INTO policy_violations (tenant_id, policy_id, policy_version, rule_name, architecture_id, agent_name, severity, enforcement, message, observed, refused_change, status, decision_id)
         SELECT $1, d.policy_id, d.policy_version, d.rule_name, $2, $3, d.severity, d.enforcement, d.message, $4, true, 'blocked', d.decision_id FROM ${VIOLATION_ROWS}`,
        [ctx.caller.tenantId, architectureId, name, change.after, violationRows(blocking)],
      );
    }
    return;
  }
  await ctx.tx.manager.query(
    `UPDATE policy_violations SET status = CASE WHEN refused_change THEN 'blocked' ELSE 'open' END
     WHERE tenant_id = $1 AND architecture_id = $2 AND status = 'waived' AND waiver_expires_at <= now()`,
    [ctx.caller.tenantId, architectureId],
  );
  if (violated.length) {
    await ctx.tx.manager.query(
      `INSERT INTO policy_violations (tenant_id, policy_id, policy_version, rule_name, architecture_id, agent_name, severity, enforcement, message, observed, decision_id)
       SELECT $1, d.policy_id, d.policy_version, d.rule_name, $2, $3, d.severity, d.enforcement, d.message, $4, d.decision_id FROM ${VIOLATION_ROWS}
       ON CONFLICT (tenant_id, architecture_id, policy_id, rule_name) WHERE status = 'open' AND architecture_id IS NOT NULL DO UPDATE SET
         last_seen_at = now(), policy_version = EXCLUDED.policy_version, agent_name = EXCLUDED.agent_name, severity = EXCLUDED.severity,
         enforcement = EXCLUDED.enforcement, message = EXCLUDED.message, observed = EXCLUDED.observed`,
      [ctx.caller.tenantId, architectureId, name, change.after, violationRows(violated)],
    );
  }
  // Rules that passed, and policies that no longer cover the design, leave nothing open against it.
  const passed = outcomes.filter((o) => o.result === PolicyDecisionResult.PASS);
  await ctx.tx.manager.query(
    `UPDATE policy_violations v SET status = 'resolved', resolved_at = now()
     WHERE v.tenant_id = $1 AND v.architecture_id = $2 AND v.status = 'open'
       AND (EXISTS (SELECT 1 FROM unnest($3::uuid[], $4::text[]) AS r(policy_id, rule_name) WHERE r.policy_id = v.policy_id AND r.rule_name = v.rule_name)
            OR NOT (v.policy_id = ANY($5::uuid[])))`,
    [ctx.caller.tenantId, architectureId, passed.map((o) => o.policy.id), passed.map((o) => o.rule.name), [...new Set(outcomes.map((o) => o.policy.id))]],
  );
}
