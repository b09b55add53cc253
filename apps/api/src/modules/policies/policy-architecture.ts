import type { TenantScope } from '../../scope';
import { PolicyDecisionAction, PolicyDecisionResult, PolicyDecisionTrigger } from './policy-decision.entity';
import { toEvaluate } from './policy-enforcement';
import { evaluatePolicies, inputDigest, PolicyToEvaluate, RuleOutcome, ruleKey } from './policy-evaluation';
import { PolicyEnforcement, PolicyFinding } from './policy-finding.type';
import { POLICY_COLUMNS } from './policy-scope';
import type { StoredScope } from './policy-version.entity';
import type { Policy } from './policy.entity';
import type { CelInput } from './cel';

/** A change to an architecture, as architecture policies see it: plain JSON, before and after. */
export interface ArchitectureChange {
  action: 'create' | 'update' | 'activate' | 'archive';
  architectureId: string;
  /** The design version the change leads to: a draft keeps its number, saving or activating an active design makes a new one. */
  version: number;
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
}

export interface ArchitectureEvaluation {
  change: ArchitectureChange;
  blocked: boolean;
  /** Not blocked, but a rule of a policy in REQUIRE_APPROVAL mode was violated and no approval covers the change. */
  held: boolean;
  /** The change is applied on an approval: require-approval rules do not hold it. */
  approved: boolean;
  /** Violations of warn, block and require-approval policies, to show the caller. */
  findings: PolicyFinding[];
  outcomes: RuleOutcome[];
  digest: string;
}

// Archiving only takes a design out of use: neither a block nor a require-approval policy stands in its way.
const BLOCKABLE = new Set<ArchitectureChange['action']>(['create', 'update', 'activate']);
// Enforcements that stop a change (refused, or held for approval) rather than only report it.
const HOLDS = new Set<PolicyEnforcement>([PolicyEnforcement.BLOCK, PolicyEnforcement.REQUIRE_APPROVAL]);
// Decisions name their trigger in the words agents use: saving is an update, activating a deploy.
const TRIGGER: Record<ArchitectureChange['action'], PolicyDecisionTrigger> = {
  create: PolicyDecisionTrigger.CREATE,
  update: PolicyDecisionTrigger.UPDATE,
  activate: PolicyDecisionTrigger.DEPLOY,
  archive: PolicyDecisionTrigger.ARCHIVE,
};

function architectureInput(action: string, before: Record<string, unknown> | null, after: Record<string, unknown>): CelInput {
  return { agent: {}, architecture: after, change: { action, old: before, new: after, reason: null } };
}

const waiverKey = (architectureId: string, version: number, policyId: string | null, ruleName: string) =>
  `${architectureId}|${version}|${ruleKey(policyId, ruleName)}`;

/**
 * The waivers in force over the designs given, as waiverKey()s. A waiver exempts exactly the violation it
 * was granted on: that design, at that version, of that rule. A later version of the design, or another
 * design, is judged afresh.
 */
async function activeWaivers(ctx: TenantScope, policyIds: (string | null)[], designs: { id: string; version: number }[]): Promise<Set<string>> {
  const ids = [...new Set(policyIds.filter((id): id is string => id !== null))];
  if (!ids.length || !designs.length) return new Set();
  const rows: { architecture_id: string; architecture_version: number; policy_id: string; rule_name: string }[] = await ctx.tx.manager.query(
    `SELECT DISTINCT v.architecture_id, v.architecture_version, v.policy_id, v.rule_name
     FROM policy_violations v JOIN unnest($2::uuid[], $3::int[]) AS d(id, version) ON v.architecture_id = d.id AND v.architecture_version = d.version
     WHERE v.tenant_id = $1 AND v.status = 'waived' AND (v.waiver_expires_at IS NULL OR v.waiver_expires_at > now()) AND v.policy_id = ANY($4::uuid[])`,
    [ctx.caller.tenantId, designs.map((d) => d.id), designs.map((d) => d.version), ids],
  );
  return new Set(rows.map((r) => waiverKey(r.architecture_id, r.architecture_version, r.policy_id, r.rule_name)));
}

function markWaived(outcomes: RuleOutcome[], waivers: Set<string>, architectureId: string, version: number): void {
  for (const o of outcomes) {
    o.waived = o.result === PolicyDecisionResult.VIOLATION && waivers.has(waiverKey(architectureId, version, o.policy.id, o.rule.name));
  }
}

/** Judges a change against the tenant's active architecture policies covering the design (all, or by tag); writes nothing. */
export async function evaluateArchitectureChange(ctx: TenantScope, change: ArchitectureChange, approved = false): Promise<ArchitectureEvaluation> {
  const tags = Array.isArray(change.after.tags) ? (change.after.tags as string[]) : [];
  const policies: Policy[] = await ctx.tx.manager.query(
    `SELECT ${POLICY_COLUMNS} FROM policies p WHERE p.tenant_id = $1 AND p.active AND p.type = 'architecture'
       AND (p.scope_kind = 'all' OR (p.scope_kind = 'tags' AND p.scope_tags && $2::text[])) ORDER BY p.name`,
    [ctx.caller.tenantId, tags],
  );
  const input = architectureInput(change.action, change.before, change.after);
  const outcomes = evaluatePolicies(policies.map(toEvaluate), input);
  // A refused create left no design to waive.
  if (change.before) {
    const design = { id: change.architectureId, version: change.version };
    markWaived(
      outcomes,
      await activeWaivers(
        ctx,
        outcomes.filter((o) => o.result === PolicyDecisionResult.VIOLATION).map((o) => o.policy.id),
        [design],
      ),
      design.id,
      design.version,
    );
  }
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

/** What one judgement of one design leaves behind: decisions and violations. */
interface DesignRecord {
  trigger: PolicyDecisionTrigger;
  /** Null when a refused create left no design. */
  architectureId: string | null;
  name: string;
  version: number;
  /** False when the change was refused or held: the design as it stands did not change. */
  applied: boolean;
  held: boolean;
  approved: boolean;
  outcomes: RuleOutcome[];
  digest: string;
  observed: Record<string, unknown>;
  runId: string | null;
  /** Every active architecture policy covering the design was judged (a change, not one policy's re-evaluation). */
  complete: boolean;
}

function actionTaken(o: RuleOutcome, r: DesignRecord): PolicyDecisionAction {
  if (o.result !== PolicyDecisionResult.VIOLATION) return PolicyDecisionAction.NONE;
  if (o.waived) return PolicyDecisionAction.WAIVED;
  if (o.policy.enforcement === PolicyEnforcement.REQUIRE_APPROVAL && r.trigger !== PolicyDecisionTrigger.REEVALUATION) {
    if (!r.applied) return r.held ? PolicyDecisionAction.HELD : PolicyDecisionAction.NONE;
    if (r.approved) return PolicyDecisionAction.APPROVED;
  }
  if (!r.applied) return o.policy.enforcement === PolicyEnforcement.BLOCK ? PolicyDecisionAction.BLOCKED : PolicyDecisionAction.NONE;
  if (o.policy.enforcement === PolicyEnforcement.WARN && r.trigger !== PolicyDecisionTrigger.REEVALUATION) return PolicyDecisionAction.WARNED;
  return PolicyDecisionAction.RECORDED;
}

const VIOLATION_ROWS = `jsonb_to_recordset($6::jsonb) AS d(policy_id uuid, policy_version int, rule_name text, severity text, enforcement text, message text, decision_id uuid)`;

async function recordDesign(ctx: TenantScope, r: DesignRecord): Promise<{ violations: number; errors: number }> {
  const outcomes = r.outcomes.filter((o) => o.policy.id);
  const decisions = new Map<string, string>();
  if (outcomes.length) {
    const rows = outcomes.map((o) => ({
      policy_id: o.policy.id,
      policy_version: o.policy.version,
      rule_name: o.rule.name,
      result: o.result,
      action_taken: actionTaken(o, r),
      error: o.error,
    }));
    const inserted: { id: string; policy_id: string; rule_name: string }[] = await ctx.tx.manager.query(
      `INSERT INTO policy_decisions (tenant_id, policy_id, policy_version, rule_name, architecture_id, agent_name, trigger, input_digest, result, action_taken, error,
         evaluation_run_id, request_id)
       SELECT $1, d.policy_id, d.policy_version, d.rule_name, $2, $3, $4, $5, d.result, d.action_taken, d.error, $6, $7
       FROM jsonb_to_recordset($8::jsonb) AS d(policy_id uuid, policy_version int, rule_name text, result text, action_taken text, error text)
       RETURNING id, policy_id, rule_name`,
      [ctx.caller.tenantId, r.architectureId, r.name, r.trigger, r.digest, r.runId, ctx.requestId, JSON.stringify(rows)],
    );
    for (const row of inserted) decisions.set(ruleKey(row.policy_id, row.rule_name), row.id);
  }
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
  const violated = outcomes.filter((o) => o.result === PolicyDecisionResult.VIOLATION);
  const counts = { violations: violated.length, errors: outcomes.filter((o) => o.result === PolicyDecisionResult.ERROR).length };
  if (!r.applied) {
    // A refused change leaves "blocked" violations: evidence of the attempt, not a judgement of the design.
    const blocking = violated.filter((o) => !o.waived && o.policy.enforcement === PolicyEnforcement.BLOCK);
    if (blocking.length) {
      await ctx.tx.manager.query(
        `INSERT INTO policy_violations (tenant_id, policy_id, policy_version, rule_name, architecture_id, architecture_version, agent_name, severity, enforcement,
           message, observed, refused_change, status, decision_id)
         SELECT $1, d.policy_id, d.policy_version, d.rule_name, $2, $3, $4, d.severity, d.enforcement, d.message, $5, true, 'blocked', d.decision_id FROM ${VIOLATION_ROWS}`,
        [ctx.caller.tenantId, r.architectureId, r.version, r.name, r.observed, violationRows(blocking)],
      );
    }
    return counts;
  }
  const architectureId = r.architectureId!;
  await ctx.tx.manager.query(
    `UPDATE policy_violations SET status = CASE WHEN refused_change THEN 'blocked' ELSE 'open' END
     WHERE tenant_id = $1 AND architecture_id = $2 AND status = 'waived' AND waiver_expires_at <= now()`,
    [ctx.caller.tenantId, architectureId],
  );
  // An approved require-approval rule is settled by the approval, not an open violation of the design.
  const open = violated.filter((o) => !o.waived && !(r.approved && o.policy.enforcement === PolicyEnforcement.REQUIRE_APPROVAL));
  if (open.length) {
    await ctx.tx.manager.query(
      `INSERT INTO policy_violations (tenant_id, policy_id, policy_version, rule_name, architecture_id, architecture_version, agent_name, severity, enforcement,
         message, observed, decision_id)
       SELECT $1, d.policy_id, d.policy_version, d.rule_name, $2, $3, $4, d.severity, d.enforcement, d.message, $5, d.decision_id FROM ${VIOLATION_ROWS}
       ON CONFLICT (tenant_id, architecture_id, policy_id, rule_name) WHERE status = 'open' AND architecture_id IS NOT NULL DO UPDATE SET
         last_seen_at = now(), policy_version = EXCLUDED.policy_version, architecture_version = EXCLUDED.architecture_version, agent_name = EXCLUDED.agent_name,
         severity = EXCLUDED.severity, enforcement = EXCLUDED.enforcement, message = EXCLUDED.message, observed = EXCLUDED.observed`,
      [ctx.caller.tenantId, architectureId, r.version, r.name, r.observed, violationRows(open)],
    );
  }
  // Rules that passed (or were waived for this version), and, after a complete judgement, policies that no longer cover the design, leave nothing open against it.
  const settled = outcomes.filter((o) => o.result === PolicyDecisionResult.PASS || o.waived);
  await ctx.tx.manager.query(
    `UPDATE policy_violations v SET status = 'resolved', resolved_at = now()
     WHERE v.tenant_id = $1 AND v.architecture_id = $2 AND v.status = 'open'
       AND (EXISTS (SELECT 1 FROM unnest($3::uuid[], $4::text[]) AS r(policy_id, rule_name) WHERE r.policy_id = v.policy_id AND r.rule_name = v.rule_name)
            OR ($5 AND NOT (v.policy_id = ANY($6::uuid[]))))`,
    [
      ctx.caller.tenantId,
      architectureId,
      settled.map((o) => o.policy.id),
      settled.map((o) => o.rule.name),
      r.complete,
      [...new Set(outcomes.map((o) => o.policy.id))],
    ],
  );
  return counts;
}

/**
 * Records decisions and violations as for agents, against the architecture: a refused change leaves
 * blocked violations; a held one only its decisions; an applied one opens (or refreshes) violations and
 * resolves the rules that now pass.
 */
export async function recordArchitectureEvaluation(ctx: TenantScope, evaluation: ArchitectureEvaluation, applied: boolean): Promise<void> {
  const { change } = evaluation;
  await recordDesign(ctx, {
    trigger: TRIGGER[change.action],
    // A refused create leaves no architecture to point at: its decisions keep the name only.
    architectureId: applied || change.before ? change.architectureId : null,
    name: String(change.after.name),
    version: change.version,
    applied,
    held: evaluation.held,
    approved: evaluation.approved,
    outcomes: evaluation.outcomes,
    digest: evaluation.digest,
    observed: change.after,
    runId: null,
    complete: true,
  });
}

/** A design as it stands, for re-evaluation. */
export interface StandingDesign {
  id: string;
  name: string;
  version: number;
  /** The design as architecture policies see it (`architecture` in CEL). */
  snapshot: Record<string, unknown>;
}

/** Loads designs by id, as policies see them; the architectures module provides it (it imports this module, not the reverse). */
export type DesignLoader = (ctx: TenantScope, ids: string[]) => Promise<StandingDesign[]>;

let designLoader: DesignLoader | null = null;

export function registerDesignLoader(loader: DesignLoader): void {
  designLoader = loader;
}

// Archived designs are read-only and no longer judged.
const DESIGNS_IN_SCOPE = `a.tenant_id = $1 AND a.status <> 'archived' AND ($2 = 'all' OR ($2 = 'tags' AND a.tags && $3::text[]))`;

export async function countDesignsInScope(ctx: TenantScope, scope: StoredScope): Promise<number> {
  const [row]: { n: number }[] = await ctx.tx.manager.query(`SELECT count(*)::int AS n FROM architectures a WHERE ${DESIGNS_IN_SCOPE}`, [
    ctx.caller.tenantId,
    scope.kind,
    scope.tags,
  ]);
  return row.n;
}

/** The next designs in the scope, in id order after `after`. */
export async function designBatch(ctx: TenantScope, scope: StoredScope, after: string | null, limit: number): Promise<StandingDesign[]> {
  const rows: { id: string }[] = await ctx.tx.manager.query(
    `SELECT a.id FROM architectures a WHERE ${DESIGNS_IN_SCOPE} AND ($4::uuid IS NULL OR a.id > $4) ORDER BY a.id LIMIT $5`,
    [ctx.caller.tenantId, scope.kind, scope.tags, after, limit],
  );
  if (!rows.length) return [];
  if (!designLoader) throw new Error('No design loader registered: the architectures module is not loaded');
  const designs = await designLoader(
    ctx,
    rows.map((r) => r.id),
  );
  return designs.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Open violations of the policy that nothing will judge again stop counting: rules its current version
 * dropped, and designs it no longer covers (out of its scope, or archived).
 */
export async function retireObsoleteDesignViolations(ctx: TenantScope, policyId: string, scope: StoredScope, ruleNames: string[]): Promise<number> {
  const [, count]: [unknown[], number] = await ctx.tx.manager.query(
    `UPDATE policy_violations v SET status = 'resolved', resolved_at = now()
     FROM architectures a
     WHERE v.tenant_id = $1 AND v.policy_id = $4 AND v.status = 'open' AND a.tenant_id = v.tenant_id AND a.id = v.architecture_id
       AND (NOT (v.rule_name = ANY($5::text[])) OR NOT (${DESIGNS_IN_SCOPE}))`,
    [ctx.caller.tenantId, scope.kind, scope.tags, policyId, ruleNames],
  );
  return count;
}

/** Judges designs as they stand against one policy and records decisions and violations exactly as for a change. */
export async function reevaluateDesigns(
  ctx: TenantScope,
  policy: PolicyToEvaluate,
  designs: StandingDesign[],
  runId: string | null,
): Promise<{ violations: number; errors: number }> {
  const waivers = await activeWaivers(ctx, [policy.id], designs);
  const totals = { violations: 0, errors: 0 };
  for (const design of designs) {
    const input = architectureInput(PolicyDecisionTrigger.REEVALUATION, design.snapshot, design.snapshot);
    const outcomes = evaluatePolicies([policy], input);
    markWaived(outcomes, waivers, design.id, design.version);
    const counts = await recordDesign(ctx, {
      trigger: PolicyDecisionTrigger.REEVALUATION,
      architectureId: design.id,
      name: design.name,
      version: design.version,
      applied: true,
      held: false,
      approved: false,
      outcomes,
      digest: inputDigest(input),
      observed: design.snapshot,
      runId,
      complete: false,
    });
    totals.violations += counts.violations;
    totals.errors += counts.errors;
  }
  return totals;
}
