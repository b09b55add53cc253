import type { DataSource } from 'typeorm';
import type { TenantScope } from '../../scope';

/** How many days before a trial runs out its admins are warned. */
export const TRIAL_WARNING_DAYS = 3;

/**
 * Active tenants whose trial needs the job: due a warning (within TRIAL_WARNING_DAYS of its end and
 * not warned yet) or run out and not yet read-only. Read as the database owner, across tenants.
 */
export async function trialsDue(dataSource: DataSource, now: Date): Promise<string[]> {
  const rows: { tenant_id: string }[] = await dataSource.query(
    `SELECT s.tenant_id FROM subscriptions s JOIN tenants t ON t.id = s.tenant_id
     WHERE s.ended_at IS NULL AND s.plan = 'trial' AND t.plan = 'trial' AND t.status = 'active' AND s.trial_ends_at IS NOT NULL
       AND ((s.trial_ends_at <= $1 AND t.read_only_since IS NULL)
         OR (s.trial_ends_at > $1 AND s.trial_ends_at <= $1::timestamptz + make_interval(days => $2) AND s.trial_warned_at IS NULL))
     ORDER BY s.trial_ends_at, s.tenant_id`,
    [now, TRIAL_WARNING_DAYS],
  );
  return rows.map((r) => r.tenant_id);
}

export type TrialStep = 'warned' | 'expired' | null;

function day(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/**
 * One tenant's trial at `now`, in the tenant's scope: a warning alert once when the end is near, and
 * at the end the tenant becomes read-only (with a critical alert). Both audited; idempotent (the
 * subscription row is locked, and each step is taken once).
 */
export async function sweepTrial(ctx: TenantScope, now: Date): Promise<TrialStep> {
  const tenantId = ctx.caller.tenantId!;
  const m = ctx.tx.manager;
  const [row]: { id: string; name: string; trial_ends_at: Date; trial_warned_at: Date | null; read_only_since: Date | null }[] = await m.query(
    `SELECT s.id, t.name, s.trial_ends_at, s.trial_warned_at, t.read_only_since
     FROM subscriptions s JOIN tenants t ON t.id = s.tenant_id
     WHERE s.tenant_id = $1 AND s.ended_at IS NULL AND s.plan = 'trial' AND t.plan = 'trial' AND s.trial_ends_at IS NOT NULL
     FOR UPDATE OF s`,
    [tenantId],
  );
  if (!row) return null;
  const ends = new Date(row.trial_ends_at);
  if (ends <= now) {
    if (row.read_only_since) return null;
    await m.query(`UPDATE tenants SET read_only_since = $2, updated_at = $2 WHERE id = $1`, [tenantId, now]);
    await m.query(`UPDATE subscriptions SET trial_warned_at = coalesce(trial_warned_at, $2) WHERE id = $1`, [row.id, now]);
    await m.query(`INSERT INTO alerts (tenant_id, source, severity, message) VALUES ($1, 'plan', 'critical', left($2, 500))`, [
      tenantId,
      `The trial of ${row.name} ended on ${day(ends)}: the tenant is read-only. Ask a platform admin to move it to a paid plan or extend the trial.`,
    ]);
    await ctx.audit.record({
      action: 'tenant.trial.expire',
      entityType: 'Tenant',
      entityId: tenantId,
      entityName: row.name,
      before: { readOnlySince: null },
      after: { readOnlySince: now.toISOString(), trialEndsAt: ends.toISOString() },
    });
    return 'expired';
  }
  if (row.trial_warned_at || ends.getTime() - now.getTime() > TRIAL_WARNING_DAYS * 86_400_000) return null;
  const days = Math.max(1, Math.ceil((ends.getTime() - now.getTime()) / 86_400_000));
  await m.query(`UPDATE subscriptions SET trial_warned_at = $2 WHERE id = $1`, [row.id, now]);
  await m.query(`INSERT INTO alerts (tenant_id, source, severity, message) VALUES ($1, 'plan', 'warning', left($2, 500))`, [
    tenantId,
    `The trial of ${row.name} ends on ${day(ends)} (in ${days} day${days === 1 ? '' : 's'}); after that the tenant is read-only until it moves to a paid plan.`,
  ]);
  await ctx.audit.record({
    action: 'tenant.trial.warn',
    entityType: 'Tenant',
    entityId: tenantId,
    entityName: row.name,
    after: { trialEndsAt: ends.toISOString(), daysLeft: days },
  });
  return 'warned';
}
