import type { TenantScope } from '../../scope';

/**
 * Recomputes the tenant's readiness (controls, requirements, framework scores) in SQL, in the scope's
 * transaction: every compliance write calls it after changing what readiness depends on, so reads
 * only read columns. Policy decisions reach it through a trigger (migration 1765300000000).
 */
export async function refreshReadiness(ctx: TenantScope): Promise<void> {
  await ctx.tx.manager.query(`SELECT steward.compliance_refresh($1)`, [ctx.caller.tenantId]);
}

/** Today's score of every framework of the tenant, kept (or replaced) as the day's snapshot. */
export async function snapshotScores(ctx: TenantScope, day: string): Promise<number> {
  const rows: unknown[] = await ctx.tx.manager.query(
    `INSERT INTO compliance_score_snapshots (tenant_id, framework_id, day, score, met_count, applicable_count)
     SELECT tenant_id, id, $2::date, score, met_count, applicable_count FROM compliance_frameworks WHERE tenant_id = $1
     ON CONFLICT (framework_id, day) DO UPDATE SET score = EXCLUDED.score, met_count = EXCLUDED.met_count, applicable_count = EXCLUDED.applicable_count
     RETURNING framework_id`,
    [ctx.caller.tenantId, day],
  );
  return rows.length;
}
