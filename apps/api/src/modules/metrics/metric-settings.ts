import type { TenantScope } from '../../scope';

export interface RetentionDays {
  rawDays: number;
  /** Minute rollups live as long as raw points. */
  minuteDays: number;
  hourDays: number;
  dayDays: number;
  /** Compliance metrics (names under compliance.) keep their daily rollups this long, whatever dayDays says. */
  complianceDays: number;
  silenceMinutes: number;
}

export interface PlanLimits {
  rawDays: number;
  hourDays: number;
  dayDays: number;
}

export const COMPLIANCE_DAYS = 7 * 365 + 2;

/** What a tenant keeps unless it chose otherwise: raw 30 days, hourly 1 year, daily 7 years, each within its plan. */
export const DEFAULT_RETENTION = { rawDays: 30, hourDays: 365, dayDays: COMPLIANCE_DAYS };

/**
 * A tenant's plan, its own choices and the plan's limits (the plans table: metric_retention_days for raw
 * points, metric_hour_retention_days and metric_day_retention_days for the rollups).
 */
export interface SettingsRow {
  plan: string;
  plan_raw_days: number;
  plan_hour_days: number;
  plan_day_days: number;
  raw_days: number | null;
  hour_days: number | null;
  day_days: number | null;
  silence_minutes: number | null;
}

/** Every tenant's settings with its plan's limits, or one tenant's with `WHERE t.id = $1`. */
export const SETTINGS_SQL = `SELECT t.id AS tenant_id, t.plan, p.metric_retention_days AS plan_raw_days, p.metric_hour_retention_days AS plan_hour_days,
         p.metric_day_retention_days AS plan_day_days, s.raw_days, s.hour_days, s.day_days, s.silence_minutes
  FROM tenants t JOIN plans p ON p.code = t.plan LEFT JOIN observability_settings s ON s.tenant_id = t.id`;

export function retentionFrom(row: SettingsRow): RetentionDays & { plan: PlanLimits } {
  const plan = { rawDays: row.plan_raw_days, hourDays: row.plan_hour_days, dayDays: row.plan_day_days };
  const rawDays = Math.min(row.raw_days ?? DEFAULT_RETENTION.rawDays, plan.rawDays);
  return {
    rawDays,
    minuteDays: rawDays,
    hourDays: Math.min(row.hour_days ?? DEFAULT_RETENTION.hourDays, plan.hourDays),
    dayDays: Math.min(row.day_days ?? DEFAULT_RETENTION.dayDays, plan.dayDays),
    complianceDays: COMPLIANCE_DAYS,
    silenceMinutes: row.silence_minutes ?? 5,
    plan,
  };
}

/** The caller's tenant's retention and silence settings (one statement; cached for the scope). */
export async function tenantRetention(ctx: TenantScope): Promise<RetentionDays & { plan: PlanLimits }> {
  const cached = ctx.loaders.get(tenantRetention) as (RetentionDays & { plan: PlanLimits }) | undefined;
  if (cached) return cached;
  const [row]: SettingsRow[] = await ctx.tx.manager.query(`${SETTINGS_SQL} WHERE t.id = $1`, [ctx.caller.tenantId]);
  if (!row) throw new Error(`tenant ${ctx.caller.tenantId} has no plan`);
  const retention = retentionFrom(row);
  ctx.loaders.set(tenantRetention, retention);
  remember(ctx.caller.tenantId!, retention);
  return retention;
}

/** The retention last read for each tenant in this process: a guess a statement can confirm (see {@link retentionGuess}). */
const lastRead = new Map<string, RetentionDays & { plan: PlanLimits }>();

/**
 * The caller's tenant's retention as this scope read it, else as this process last read it: a guess to plan a
 * query with when the query's own statement reads the settings too and the caller compares (metricSeries), so
 * a change made since (here or by another process) costs a second statement, never a wrong answer. Undefined
 * when nothing was read yet.
 */
export function retentionGuess(ctx: TenantScope): (RetentionDays & { plan: PlanLimits }) | undefined {
  return (ctx.loaders.get(tenantRetention) as (RetentionDays & { plan: PlanLimits }) | undefined) ?? lastRead.get(ctx.caller.tenantId!);
}

/** Settings a statement read along with its data: the scope's retention from now on, and this process's guess. */
export function retentionRead(ctx: TenantScope, row: SettingsRow): RetentionDays & { plan: PlanLimits } {
  const retention = retentionFrom(row);
  ctx.loaders.set(tenantRetention, retention);
  remember(ctx.caller.tenantId!, retention);
  return retention;
}

function remember(tenantId: string, retention: RetentionDays & { plan: PlanLimits }): void {
  if (lastRead.size >= 10_000) lastRead.clear();
  lastRead.set(tenantId, retention);
}
