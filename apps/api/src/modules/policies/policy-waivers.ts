import type { TenantScope } from '../../scope';
import { InputChecks, StewardError, UserInputProblem } from '../../graphql/errors';
import { loader } from '../../graphql/loader';
import { refreshCompliance, reopenLapsedWaivers } from './policy-records';
import { PolicyViolation, PolicyViolationStatus } from './policy-violation.entity';
import { PolicyViolationWaiveInput } from './policy.inputs';
import { policyById, violationById } from './policy.loaders';

async function lockViolation(ctx: TenantScope, violationId: string): Promise<PolicyViolation> {
  const rows: unknown[] = await ctx.tx.manager.query(`SELECT id FROM policy_violations WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [
    ctx.caller.tenantId,
    violationId,
  ]);
  if (!rows.length) throw StewardError.notFound('Policy violation');
  return ctx.tx.manager.findOneByOrFail(PolicyViolation, { uuid: violationId, tenantId: ctx.caller.tenantId! });
}

// A waiver exempts the agent from the rule, so it covers every current violation of that agent, policy and rule.
function sameRuleAndAgent(v: string): string {
  return `${v}.tenant_id = $1 AND (${v}.id = $2 OR (${v}.agent_id = $3 AND ${v}.policy_id = $4 AND ${v}.rule_name = $5))`;
}

async function done(ctx: TenantScope, violation: PolicyViolation, action: string, after: Record<string, unknown>): Promise<PolicyViolation> {
  if (violation.agentId) await refreshCompliance(ctx, [violation.agentId]);
  const policy = await loader(ctx, policyById).load(violation.policyId);
  const fresh = await ctx.tx.manager.findOneByOrFail(PolicyViolation, { uuid: violation.uuid, tenantId: ctx.caller.tenantId! });
  loader(ctx, violationById).clear(fresh.uuid).prime(fresh.uuid, fresh);
  await ctx.audit.record({
    action,
    entityType: 'PolicyViolation',
    entityId: violation.uuid,
    entityName: `${policy?.name ?? 'policy'} / ${violation.ruleName} / ${violation.agentName}`,
    before: { status: violation.status },
    after: { status: fresh.status, ...after },
  });
  return fresh;
}

export async function waiveViolation(ctx: TenantScope, violationId: string, input: PolicyViolationWaiveInput): Promise<PolicyViolation> {
  const violation = await lockViolation(ctx, violationId);
  if (violation.status !== PolicyViolationStatus.OPEN && violation.status !== PolicyViolationStatus.BLOCKED) {
    throw new UserInputProblem('violationId', `Only an open or blocked violation can be waived; this one is ${violation.status}`, 'CONFLICT');
  }
  const checks = new InputChecks();
  if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) checks.add('expiresAt', 'expiresAt must be in the future');
  const reason = input.reason.trim();
  if (!reason) checks.add('reason', 'A waiver needs a reason');
  checks.refuseIfAny();
  await ctx.tx.manager.query(
    `UPDATE policy_violations v SET status = 'waived', waiver_reason = $6, waived_by_id = $7, waived_by_api_key_id = $8, waived_at = now(),
       waiver_expires_at = $9, waiver_revoked_at = NULL
     WHERE ${sameRuleAndAgent('v')} AND (v.id = $2 OR v.status = 'open')`,
    [
      ctx.caller.tenantId,
      violation.uuid,
      violation.agentId,
      violation.policyId,
      violation.ruleName,
      reason,
      ctx.caller.userId,
      ctx.caller.apiKeyId,
      input.expiresAt ?? null,
    ],
  );
  // At the expiry, the job queue re-opens what the waiver exempted, so compliance does not wait for the next evaluation.
  if (input.expiresAt) await ctx.tx.manager.query(`SELECT steward.enqueue_waiver_lapse($1, $2)`, [violation.uuid, input.expiresAt]);
  return done(ctx, violation, 'policyViolation.waive', { reason, expiresAt: input.expiresAt?.toISOString() ?? null });
}

export async function revokeWaiver(ctx: TenantScope, violationId: string): Promise<PolicyViolation> {
  const violation = await lockViolation(ctx, violationId);
  if (violation.status !== PolicyViolationStatus.WAIVED) throw new UserInputProblem('violationId', 'The violation has no active waiver', 'CONFLICT');
  await ctx.tx.manager.query(
    `UPDATE policy_violations v SET waiver_revoked_at = now(), status = CASE
       WHEN v.refused_change THEN 'blocked'
       WHEN EXISTS (SELECT 1 FROM policy_violations o WHERE o.tenant_id = v.tenant_id AND o.agent_id = v.agent_id AND o.policy_id = v.policy_id
                    AND o.rule_name = v.rule_name AND o.status = 'open') THEN 'resolved'
       ELSE 'open' END
     WHERE ${sameRuleAndAgent('v')} AND v.status = 'waived'`,
    [ctx.caller.tenantId, violation.uuid, violation.agentId, violation.policyId, violation.ruleName],
  );
  return done(ctx, violation, 'policyViolation.waiverRevoke', {});
}

/**
 * Run by the job queue once a waiver's expiry has passed: what it exempted counts again and the
 * agent's compliance follows. Nothing to do when the waiver was revoked, renewed for longer, or an
 * evaluation already re-opened the violation.
 */
export async function lapseWaiver(ctx: TenantScope, violationId: string): Promise<void> {
  const violation = await ctx.tx.manager.findOneBy(PolicyViolation, { uuid: violationId, tenantId: ctx.caller.tenantId! });
  if (!violation) return;
  const reopened = await reopenLapsedWaivers(ctx, violation.agentId, violation.uuid);
  if (!reopened.length) return;
  if (violation.agentId) await refreshCompliance(ctx, [violation.agentId]);
  const policy = await loader(ctx, policyById).load(violation.policyId);
  await ctx.audit.record({
    action: 'policyViolation.waiverLapse',
    entityType: 'PolicyViolation',
    entityId: violation.uuid,
    entityName: `${policy?.name ?? 'policy'} / ${violation.ruleName} / ${violation.agentName}`,
    before: { status: 'waived' },
    after: { status: violation.status, reopened: reopened.length, expiresAt: violation.waiverExpiresAt?.toISOString() ?? null },
  });
}
