import { PolicyDecisionAction, PolicyDecisionResult, PolicyDecisionTrigger } from './policy-decision.entity';
import { PolicyEnforcement } from './policy-finding.type';
import type { TenantScope } from '../../scope';
import { RuleOutcome, ruleKey } from './policy-evaluation';

/** What one evaluation of one agent leaves behind: decisions, violations, the agent's compliance. */
export interface EvaluationRecord {
  trigger: PolicyDecisionTrigger;
  /** Null when a refused create left no agent. */
  agentId: string | null;
  agentName: string;
  /** False when the change was refused: the agent as it stands did not change. */
  applied: boolean;
  outcomes: RuleOutcome[];
  digest: string;
  observed: Record<string, unknown>;
  runId?: string | null;
  /** Every active policy in scope was evaluated (a change, not a one-policy re-evaluation). */
  complete?: boolean;
  /** Not applied because require-approval rules held it for approval. */
  held?: boolean;
  /** Applied on an approval: the require-approval rules it broke were approved, not violated. */
  approved?: boolean;
}

/**
 * Marks the outcomes an active waiver exempts. A waiver granted on a refused create has no agent
 * yet; it covers the next create under the same name.
 */
export async function markWaived(ctx: TenantScope, outcomes: RuleOutcome[], target: { agentId: string; agentName: string; isCreate: boolean }): Promise<void> {
  const violated = outcomes.filter((o) => o.result === PolicyDecisionResult.VIOLATION && o.policy.id);
  if (!violated.length) return;
  const rows: { policy_id: string; rule_name: string }[] = await ctx.tx.manager.query(
    `SELECT DISTINCT policy_id, rule_name FROM policy_violations
     WHERE tenant_id = $1 AND status = 'waived' AND (waiver_expires_at IS NULL OR waiver_expires_at > now()) AND policy_id = ANY($2::uuid[])
       AND (agent_id = $3 OR ($4 AND agent_id IS NULL AND lower(agent_name) = lower($5)))`,
    [ctx.caller.tenantId, [...new Set(violated.map((o) => o.policy.id))], target.agentId, target.isCreate, target.agentName],
  );
  const waived = new Set(rows.map((r) => ruleKey(r.policy_id, r.rule_name)));
  for (const o of violated) o.waived = waived.has(ruleKey(o.policy.id, o.rule.name));
}

function actionTaken(o: RuleOutcome, record: EvaluationRecord): PolicyDecisionAction {
  if (o.result !== PolicyDecisionResult.VIOLATION) return PolicyDecisionAction.NONE;
  if (o.waived) return PolicyDecisionAction.WAIVED;
  if (o.policy.enforcement === PolicyEnforcement.REQUIRE_APPROVAL && record.trigger !== PolicyDecisionTrigger.REEVALUATION) {
    if (!record.applied) return record.held ? PolicyDecisionAction.HELD : PolicyDecisionAction.NONE;
    if (record.approved) return PolicyDecisionAction.APPROVED;
  }
  if (!record.applied) return o.policy.enforcement === PolicyEnforcement.BLOCK ? PolicyDecisionAction.BLOCKED : PolicyDecisionAction.NONE;
  if (o.policy.enforcement === PolicyEnforcement.WARN && record.trigger !== PolicyDecisionTrigger.REEVALUATION) return PolicyDecisionAction.WARNED;
  return PolicyDecisionAction.RECORDED;
}

async function insertDecisions(ctx: TenantScope, record: EvaluationRecord, outcomes: RuleOutcome[]): Promise<Map<string, string>> {
  const rows = outcomes.map((o) => ({
    policy_id: o.policy.id,
    policy_version: o.policy.version,
    rule_name: o.rule.name,
    result: o.result,
    action_taken: actionTaken(o, record),
    error: o.error,
  }));
  const inserted: { id: string; policy_id: string; rule_name: string }[] = await ctx.tx.manager.query(
    `INSERT INTO policy_decisions (tenant_id, policy_id, policy_version, rule_name, agent_id, agent_name, trigger, input_digest, result, action_taken, error, evaluation_run_id, request_id)
     SELECT $1, d.policy_id, d.policy_version, d.rule_name, $2, $3, $4, $5, d.result, d.action_taken, d.error, $6, $7
     FROM jsonb_to_recordset($8::jsonb) AS d(policy_id uuid, policy_version int, rule_name text, result text, action_taken text, error text)
     RETURNING id, policy_id, rule_name`,
    [ctx.caller.tenantId, record.agentId, record.agentName, record.trigger, record.digest, record.runId ?? null, ctx.requestId, JSON.stringify(rows)],
  );
  return new Map(inserted.map((r) => [ruleKey(r.policy_id, r.rule_name), r.id]));
}

function violationRows(outcomes: RuleOutcome[], decisions: Map<string, string>): string {
  return JSON.stringify(
    outcomes.map((o) => ({
      policy_id: o.policy.id,
      policy_version: o.policy.version,
      rule_name: o.rule.name,
      severity: o.policy.severity,
      enforcement: o.policy.enforcement,
      message: o.rule.message,
      decision_id: decisions.get(ruleKey(o.policy.id, o.rule.name)),
    })),
  );
}

const VIOLATION_ROWS = `jsonb_to_recordset($5::jsonb) AS d(policy_id uuid, policy_version int, rule_name text, severity text, enforcement text, message text, decision_id uuid)`;

/** A refused change leaves "blocked" violations: evidence of the attempt, not a judgement of the agent. */
async function recordRefused(ctx: TenantScope, record: EvaluationRecord, blocking: RuleOutcome[], decisions: Map<string, string>): Promise<void> {
  if (!blocking.length) return;
  await ctx.tx.manager.query(
    `INSERT INTO policy_violations (tenant_id, policy_id, policy_version, rule_name, agent_id, agent_name, severity, enforcement, message, observed, refused_change, status, decision_id)
     SELECT $1, d.policy_id, d.policy_version, d.rule_name, $2, $3, d.severity, d.enforcement, d.message, $4, true, 'blocked', d.decision_id FROM ${VIOLATION_ROWS}`,
    [ctx.caller.tenantId, record.agentId, record.agentName, record.observed, violationRows(blocking, decisions)],
  );
}

async function recordApplied(ctx: TenantScope, record: EvaluationRecord, outcomes: RuleOutcome[], decisions: Map<string, string>): Promise<void> {
  const agentId = record.agentId!;
  await reopenLapsedWaivers(ctx, agentId);
  const violated = outcomes.filter((o) => o.result === PolicyDecisionResult.VIOLATION);
  if (record.trigger === PolicyDecisionTrigger.CREATE && violated.some((o) => o.waived)) {
    await ctx.tx.manager.query(
      `UPDATE policy_violations SET agent_id = $2 WHERE tenant_id = $1 AND agent_id IS NULL AND status = 'waived' AND lower(agent_name) = lower($3)`,
      [ctx.caller.tenantId, agentId, record.agentName],
    );
  }
  // An approved require-approval rule is settled by the approval, not an open violation of the agent.
  const open = violated.filter((o) => !o.waived && !(record.approved && o.policy.enforcement === PolicyEnforcement.REQUIRE_APPROVAL));
  if (open.length) {
    // A violation opened now (not one seen again) writes violation.opened to the domain event outbox (EVENT workflows start from there).
    await ctx.tx.manager.query(
      `INSERT INTO policy_violations (tenant_id, policy_id, policy_version, rule_name, agent_id, agent_name, severity, enforcement, message, observed, decision_id)
       SELECT $1, d.policy_id, d.policy_version, d.rule_name, $2, $3, d.severity, d.enforcement, d.message, $4, d.decision_id FROM ${VIOLATION_ROWS}
       ON CONFLICT (tenant_id, agent_id, policy_id, rule_name) WHERE status = 'open' DO UPDATE SET
         last_seen_at = now(), policy_version = EXCLUDED.policy_version, agent_name = EXCLUDED.agent_name, severity = EXCLUDED.severity,
         enforcement = EXCLUDED.enforcement, message = EXCLUDED.message, observed = EXCLUDED.observed
`,
      [ctx.caller.tenantId, agentId, record.agentName, record.observed, violationRows(open, decisions)],
    );
  }
  if (record.complete) {
    // The agent left the scope of these policies: nothing will judge it against them again.
    await ctx.tx.manager.query(
      `UPDATE policy_violations v SET status = 'resolved', resolved_at = now() FROM policies p
       WHERE v.tenant_id = $1 AND v.agent_id = $2 AND v.status = 'open' AND p.tenant_id = v.tenant_id AND p.id = v.policy_id AND p.active
         AND NOT (v.policy_id = ANY($3::uuid[]))`,
      [ctx.caller.tenantId, agentId, [...new Set(outcomes.map((o) => o.policy.id))]],
    );
  }
  const passed = outcomes.filter((o) => o.result === PolicyDecisionResult.PASS);
  if (passed.length) {
    await ctx.tx.manager.query(
      `UPDATE policy_violations v SET status = 'resolved', resolved_at = now()
       FROM unnest($3::uuid[], $4::text[]) AS r(policy_id, rule_name)
       WHERE v.tenant_id = $1 AND v.agent_id = $2 AND v.status = 'open' AND v.policy_id = r.policy_id AND v.rule_name = r.rule_name`,
      [ctx.caller.tenantId, agentId, passed.map((o) => o.policy.id), passed.map((o) => o.rule.name)],
    );
  }
}

/**
 * Violations of the agent (or the one violation, for a refused create that left no agent) whose
 * waiver has lapsed go back to what they were: open, or blocked for a refused change.
 */
export async function reopenLapsedWaivers(ctx: TenantScope, agentId: string | null, violationId: string | null = null): Promise<string[]> {
  const [rows]: [{ id: string }[], number] = await ctx.tx.manager.query(
    `UPDATE policy_violations SET status = CASE WHEN refused_change THEN 'blocked' ELSE 'open' END
     WHERE tenant_id = $1 AND (agent_id = $2 OR id = $3) AND status = 'waived' AND waiver_expires_at <= now() RETURNING id`,
    [ctx.caller.tenantId, agentId, violationId],
  );
  return rows.map((r) => r.id);
}

/** Records an evaluation in the caller's transaction. Draft policies (no id) are never recorded. */
export async function recordEvaluation(ctx: TenantScope, record: EvaluationRecord): Promise<{ violations: number; errors: number }> {
  const outcomes = record.outcomes.filter((o) => o.policy.id);
  const decisions = outcomes.length ? await insertDecisions(ctx, record, outcomes) : new Map<string, string>();
  if (!record.applied) {
    await recordRefused(
      ctx,
      record,
      outcomes.filter((o) => o.result === PolicyDecisionResult.VIOLATION && !o.waived && o.policy.enforcement === PolicyEnforcement.BLOCK),
      decisions,
    );
  } else if (record.agentId) {
    await recordApplied(ctx, record, outcomes, decisions);
    await refreshCompliance(ctx, [record.agentId]);
  }
  return {
    violations: outcomes.filter((o) => o.result === PolicyDecisionResult.VIOLATION).length,
    errors: outcomes.filter((o) => o.result === PolicyDecisionResult.ERROR).length,
  };
}

/** Compliance follows from open violations of active policies: none → compliant, any → non-compliant. */
export async function refreshCompliance(ctx: TenantScope, agentIds: string[]): Promise<void> {
  if (!agentIds.length) return;
  await ctx.tx.manager.query(
    `UPDATE agents a SET compliance_status = CASE WHEN EXISTS (
       SELECT 1 FROM policy_violations v JOIN policies p ON p.tenant_id = v.tenant_id AND p.id = v.policy_id
       WHERE v.tenant_id = a.tenant_id AND v.agent_id = a.id AND v.status = 'open' AND p.active) THEN 'non_compliant' ELSE 'compliant' END
     WHERE a.tenant_id = $1 AND a.id = ANY($2::uuid[])`,
    [ctx.caller.tenantId, agentIds],
  );
}
