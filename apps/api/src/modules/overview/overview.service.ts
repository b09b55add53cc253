import type { TenantScope } from '../../scope';
import { AgentStatus, ComplianceStatus } from '../agents';
import { AlertSeverity } from '../alerts';
import { PolicySeverity } from '../policies';

type Counted<K extends string> = { key: K; count: number }[];

/** One grouped count per call; every value of `values` comes back, zeros included, in their order. */
async function countBy<K extends string>(ctx: TenantScope, sql: string, values: readonly K[]): Promise<Counted<K>> {
  const rows: { key: K; n: number }[] = await ctx.tx.manager.query(sql, [ctx.caller.tenantId]);
  const counts = new Map(rows.map((r) => [r.key, r.n]));
  return values.map((key) => ({ key, count: counts.get(key) ?? 0 }));
}

export function agentsByStatus(ctx: TenantScope) {
  return countBy(ctx, `SELECT status AS key, count(*)::int AS n FROM agents WHERE tenant_id = $1 GROUP BY status`, Object.values(AgentStatus));
}

/** Archived agents are out of service: their compliance no longer needs anyone's attention. */
export function agentsByCompliance(ctx: TenantScope) {
  return countBy(
    ctx,
    `SELECT compliance_status AS key, count(*)::int AS n FROM agents WHERE tenant_id = $1 AND status <> 'archived' GROUP BY compliance_status`,
    Object.values(ComplianceStatus),
  );
}

/** Open as the violations list counts it: a waiver that has lapsed exempts no more. */
export function openViolationsBySeverity(ctx: TenantScope) {
  return countBy(
    ctx,
    `SELECT severity AS key, count(*)::int AS n FROM policy_violations
     WHERE tenant_id = $1 AND (status = 'open' OR (status = 'waived' AND NOT refused_change AND waiver_expires_at <= now()))
     GROUP BY severity`,
    [PolicySeverity.CRITICAL, PolicySeverity.HIGH, PolicySeverity.MEDIUM, PolicySeverity.LOW],
  );
}

export function openAlertsBySeverity(ctx: TenantScope) {
  return countBy(ctx, `SELECT severity AS key, count(*)::int AS n FROM alerts WHERE tenant_id = $1 AND status <> 'resolved' GROUP BY severity`, [
    AlertSeverity.CRITICAL,
    AlertSeverity.WARNING,
    AlertSeverity.INFO,
  ]);
}
