import DataLoader from 'dataloader';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import type { TenantScope } from '../../scope';
import { groupedByKey } from '../../graphql/loader';

export enum PolicyWaiverEventKind {
  WAIVED = 'waived',
  REVOKED = 'revoked',
}
registerEnumType(PolicyWaiverEventKind, {
  name: 'PolicyWaiverEventKind',
  description: 'What happened to a waiver',
  valuesConfig: { WAIVED: { description: 'A waiver was granted' }, REVOKED: { description: 'A waiver was withdrawn' } },
});

@ObjectType({ description: 'A waiver granted or revoked for an agent under a rule, as the audit trail recorded it' })
export class PolicyWaiverEvent {
  @Field(() => PolicyWaiverEventKind, { description: 'Granted or withdrawn' }) kind: PolicyWaiverEventKind;
  @Field({ description: 'When it happened (UTC)' }) at: Date;
  byUserId: string | null;
  @Field(() => String, { nullable: true, description: 'Why it was waived; null for a revocation' }) reason: string | null;
  @Field(() => Date, { nullable: true, description: 'Until when the waiver was granted; null when without end or for a revocation' }) expiresAt: Date | null;
}

const ACTIONS: Record<string, PolicyWaiverEventKind> = {
  'policyViolation.waive': PolicyWaiverEventKind.WAIVED,
  'policyViolation.waiverRevoke': PolicyWaiverEventKind.REVOKED,
};

/**
 * A waiver exempts the agent from the rule, whichever of its violations it was granted through (see
 * policy-waivers.ts), so each violation's history is that of its agent, policy and rule. The audit log is
 * its source: waivers are written nowhere else once superseded.
 */
export const waiverHistoryByViolation = (ctx: TenantScope) =>
  new DataLoader<string, PolicyWaiverEvent[]>(async (violationIds) => {
    const rows: { violation_id: string; action: string; at: Date; by_user_id: string | null; reason: string | null; expires_at: string | null }[] =
      await ctx.tx.manager.query(
        `SELECT v.id AS violation_id, e.action, e.created_at AS at, e.actor_user_id AS by_user_id,
                e.after->>'reason' AS reason, e.after->>'expiresAt' AS expires_at
         FROM policy_violations v
         JOIN policy_violations s ON s.tenant_id = v.tenant_id
           AND (s.id = v.id OR (s.agent_id = v.agent_id AND s.policy_id = v.policy_id AND s.rule_name = v.rule_name))
         JOIN audit_entries e ON e.tenant_id = v.tenant_id AND e.entity_type = 'PolicyViolation' AND e.entity_id = s.id
           AND e.action = ANY($3::text[]) AND e.outcome = 'success'
         WHERE v.tenant_id = $1 AND v.id = ANY($2::uuid[])
         ORDER BY e.seq`,
        [ctx.caller.tenantId, violationIds, Object.keys(ACTIONS)],
      );
    return groupedByKey(violationIds, rows, (r) => r.violation_id).map((group) =>
      group.map((r) => ({
        kind: ACTIONS[r.action]!,
        at: r.at,
        byUserId: r.by_user_id,
        reason: r.action === 'policyViolation.waive' ? r.reason : null,
        expiresAt: r.expires_at ? new Date(r.expires_at) : null,
      })),
    );
  });
