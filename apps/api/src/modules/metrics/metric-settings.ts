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

/** The longest a plan may keep each tier; a tenant may choose less. */
export const PLAN_LIMITS: Record<string, PlanLimits> = {
  starter: { rawDays: 14, hourDays: 90, dayDays: 365 },
  growth: { rawDays: 30, hourDays: 365, dayDays: 3 * 365 },
  enterprise: { rawDays: 90, hourDays: 2 * 365, dayDays: COMPLIANCE_DAYS },
};

/** What a tenant keeps unless it chose otherwise: raw 30 days, hourly 1 year, daily 7 years, each within its plan. */
export const DEFAULT_RETENTION = { rawDays: 30, hourDays: 365, dayDays: COMPLIANCE_DAYS };

export function planLimits(plan: string): PlanLimits {
  return PLAN_LIMITS[plan] ?? PLAN_LIMITS.starter;
}

interface SettingsRow {
  plan: string;
  raw_days: number | null;
  hour_days: number | null;
  day_days: number | null;
  silence_minutes: number | null;
}

export function retentionFrom(row: SettingsRow): RetentionDays & { plan: PlanLimits } {
  const plan = planLimits(row.plan);
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
  const [row]: SettingsRow[] = await ctx.tx.manager.query(
    `SELECT t.plan, s.raw_days, s.hour_days, s.day_days, s.silence_minutes
     FROM tenants t LEFT JOIN observability_settings s ON s.tenant_id = t.id WHERE t.id = $1`,
    [ctx.caller.tenantId],
  );
  const retention = retentionFrom(row ?? { plan: 'starter', raw_days: null, hour_days: null, day_days: null, silence_minutes: null });
  ctx.loaders.set(tenantRetention, retention);
  return retention;
}
