import type { DataSource } from 'typeorm';
import type { TenantScope } from '../../scope';
import { InputChecks } from '../../graphql/errors';
import { MONTHLY_TABLES } from '../../db/migrations/1765400000000-observability';
import { MetricRetentionSetInput } from './metric.inputs';
import { RetentionDays, retentionFrom, SETTINGS_SQL, SettingsRow, tenantRetention } from './metric-settings';
import { MetricRetention } from './metric.types';

const DAY_MS = 86_400_000;

/** Which retention a monthly table follows. Health reports keep as long as raw points; analytics events as long as hourly rollups. */
const TABLE_RETENTION: Record<(typeof MONTHLY_TABLES)[number], (r: RetentionDays) => number> = {
  metric_points: (r) => r.rawDays,
  metric_rollups_minute: (r) => r.minuteDays,
  metric_rollups_hour: (r) => r.hourDays,
  metric_rollups_day: (r) => Math.max(r.dayDays, r.complianceDays),
  agent_health_reports: (r) => r.rawDays,
  analytics_events: (r) => r.hourDays,
};

/** Partitions for the last month through three months ahead of `now`, for every monthly table (idempotent). Runs as the owner. */
export async function ensurePartitions(dataSource: DataSource, now = new Date()): Promise<number> {
  let made = 0;
  // The audit log is partitioned by month too: its partitions are made ahead here and never dropped.
  for (const table of [...MONTHLY_TABLES, 'audit_entries']) {
    const [row]: { made: number }[] = await dataSource.query(`SELECT steward.ensure_month_partitions($1, $2::timestamptz - interval '1 month', 5) AS made`, [
      table,
      now,
    ]);
    made += row.made;
  }
  return made;
}

/**
 * Detaches and drops, per table, the monthly partitions that ended before the longest retention any
 * tenant keeps for that tier (a tenant keeping less sees less: reads clamp to its own retention).
 * Whole partitions only, never row deletes. The audit log is not among these tables: it is kept.
 */
export async function dropExpiredPartitions(dataSource: DataSource, now = new Date()): Promise<string[]> {
  const rows: SettingsRow[] = await dataSource.query(SETTINGS_SQL);
  const retentions = rows.map(retentionFrom);
  const dropped: string[] = [];
  for (const table of MONTHLY_TABLES) {
    const keepDays = Math.max(1, ...retentions.map(TABLE_RETENTION[table]));
    const [row]: { dropped: string[] }[] = await dataSource.query(`SELECT steward.drop_month_partitions($1, $2) AS dropped`, [
      table,
      new Date(now.getTime() - keepDays * DAY_MS),
    ]);
    dropped.push(...row.dropped);
  }
  return dropped;
}

export function retentionView(r: RetentionDays & { plan: { rawDays: number; hourDays: number; dayDays: number } }): MetricRetention {
  return {
    rawDays: r.rawDays,
    minuteDays: r.minuteDays,
    hourDays: r.hourDays,
    dayDays: r.dayDays,
    complianceDays: r.complianceDays,
    silenceMinutes: r.silenceMinutes,
    planMaxRawDays: r.plan.rawDays,
    planMaxHourDays: r.plan.hourDays,
    planMaxDayDays: r.plan.dayDays,
  };
}

export async function metricRetention(ctx: TenantScope): Promise<MetricRetention> {
  return retentionView(await tenantRetention(ctx));
}

/** Sets the tenant's retention within its plan's limits; audited with before and after. */
export async function setMetricRetention(ctx: TenantScope, input: MetricRetentionSetInput): Promise<MetricRetention> {
  const current = await tenantRetention(ctx);
  const checks = new InputChecks();
  const within = (field: 'rawDays' | 'hourDays' | 'dayDays', value: number | null | undefined): number => {
    if (value === null || value === undefined) return current[field];
    if (!Number.isInteger(value) || value < 1 || value > current.plan[field])
      checks.add(field, `${field} must be between 1 and ${current.plan[field]} days on this plan`);
    return value;
  };
  const rawDays = within('rawDays', input.rawDays);
  const hourDays = within('hourDays', input.hourDays);
  const dayDays = within('dayDays', input.dayDays);
  const silence = input.silenceMinutes ?? current.silenceMinutes;
  if (!Number.isInteger(silence) || silence < 1 || silence > 1440) checks.add('silenceMinutes', 'silenceMinutes must be between 1 and 1440');
  if (hourDays < rawDays) checks.add('hourDays', 'Hourly rollups must be kept at least as long as raw points');
  if (dayDays < hourDays) checks.add('dayDays', 'Daily rollups must be kept at least as long as hourly ones');
  checks.refuseIfAny();
  await ctx.tx.manager.query(
    `INSERT INTO observability_settings (tenant_id, raw_days, hour_days, day_days, silence_minutes) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (tenant_id) DO UPDATE SET raw_days = $2, hour_days = $3, day_days = $4, silence_minutes = $5, updated_at = now()`,
    [ctx.caller.tenantId, rawDays, hourDays, dayDays, silence],
  );
  ctx.loaders.delete(tenantRetention);
  const after = await tenantRetention(ctx);
  await ctx.audit.record({
    action: 'metricRetention.set',
    entityType: 'MetricRetention',
    before: { rawDays: current.rawDays, hourDays: current.hourDays, dayDays: current.dayDays, silenceMinutes: current.silenceMinutes },
    after: { rawDays: after.rawDays, hourDays: after.hourDays, dayDays: after.dayDays, silenceMinutes: after.silenceMinutes },
  });
  return retentionView(after);
}
