import DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import type { TenantScope } from '../../scope';
import { byKey, groupedByKey, loader } from '../../graphql/loader';
import { StewardError, UserInputProblem } from '../../graphql/errors';
import { TenantLimits, TenantPlan } from './tenant.entity';
import {
  BillingCycle,
  dollars,
  LIMIT_NOUNS,
  LimitUsage,
  Plan,
  PlanFeature,
  PlanLimit,
  planLimit,
  planOf,
  PlanRow,
  Subscription,
  SubscriptionStatus,
  UsagePeriod,
} from './plan.entity';

const FEATURE_NAMES: Record<PlanFeature, string> = {
  [PlanFeature.SSO]: 'Single sign-on',
  [PlanFeature.CUSTOM_ROLES]: 'Custom roles',
  [PlanFeature.APPROVALS]: 'Approvals',
  [PlanFeature.EXPORTS]: 'Exports',
};

/** Every plan, cheapest first; one statement per request. */
const allPlans = (ctx: TenantScope) =>
  new DataLoader<'all', Plan[]>(async (keys) => {
    const rows: PlanRow[] = await ctx.tx.manager.query(`SELECT * FROM plans ORDER BY rank`);
    return keys.map(() => rows.map(planOf));
  });

export function listPlans(ctx: TenantScope): Promise<Plan[]> {
  return loader(ctx, allPlans).load('all');
}

export async function planByTier(ctx: TenantScope, tier: TenantPlan): Promise<Plan> {
  const plan = (await listPlans(ctx)).find((p) => p.tier === tier);
  if (!plan) throw new Error(`No plan ${tier}`);
  return plan;
}

interface SubscriptionRow {
  id: string;
  tenant_id: string;
  plan: TenantPlan;
  status: SubscriptionStatus;
  billing_cycle: BillingCycle;
  price_cents: number;
  started_at: Date;
  trial_ends_at: Date | null;
  ended_at: Date | null;
}

function subscriptionOf(row: SubscriptionRow): Subscription {
  return Object.assign(new Subscription(), {
    uuid: row.id,
    tenantId: row.tenant_id,
    planCode: row.plan,
    status: row.status,
    billingCycle: row.billing_cycle,
    price: dollars(row.price_cents),
    startedAt: row.started_at,
    trialEndsAt: row.trial_ends_at,
    endedAt: row.ended_at,
  });
}

const SUBSCRIPTION_COLUMNS = 'id, tenant_id, plan, status, billing_cycle, price_cents, started_at, trial_ends_at, ended_at';

export const currentSubscription = (ctx: TenantScope) =>
  new DataLoader<string, Subscription | null>(async (ids) => {
    const rows: SubscriptionRow[] = await ctx.tx.manager.query(
      `SELECT ${SUBSCRIPTION_COLUMNS} FROM subscriptions WHERE tenant_id = ANY($1::uuid[]) AND ended_at IS NULL`,
      [ids],
    );
    return byKey(ids, rows.map(subscriptionOf), (s) => s.tenantId);
  });

/** A tenant's subscriptions, newest first; the most recent 50 (a tenant changes plan or status rarely). */
export const subscriptionHistory = (ctx: TenantScope) =>
  new DataLoader<string, Subscription[]>(async (ids) => {
    const rows: SubscriptionRow[] = await ctx.tx.manager.query(
      `SELECT s.* FROM unnest($1::uuid[]) AS t(id)
       CROSS JOIN LATERAL (SELECT ${SUBSCRIPTION_COLUMNS} FROM subscriptions WHERE tenant_id = t.id ORDER BY started_at DESC, ended_at DESC NULLS FIRST LIMIT 50) s`,
      [ids],
    );
    return groupedByKey(ids, rows.map(subscriptionOf), (s) => s.tenantId);
  });

type Counts = Record<PlanLimit, number>;

async function countUsage(manager: EntityManager, tenantIds: readonly string[]): Promise<(Counts | null)[]> {
  const rows: { tenant_id: string; agents: number; members: number; api_keys: number; policies: number; events_this_month: string }[] = await manager.query(
    `SELECT * FROM steward.tenant_usage($1::uuid[])`,
    [tenantIds],
  );
  return byKey(tenantIds, rows, (r) => r.tenant_id).map((r) =>
    r
      ? {
          [PlanLimit.AGENTS]: r.agents,
          [PlanLimit.MEMBERS]: r.members,
          [PlanLimit.API_KEYS]: r.api_keys,
          [PlanLimit.POLICIES]: r.policies,
          [PlanLimit.EVENTS_PER_MONTH]: Number(r.events_this_month),
        }
      : null,
  );
}

export const tenantCounts = (ctx: TenantScope) => new DataLoader<string, Counts | null>((ids) => countUsage(ctx.tx.manager, ids));

const OVERRIDE_KEYS: Record<PlanLimit, keyof TenantLimits> = {
  [PlanLimit.AGENTS]: 'maxAgents',
  [PlanLimit.MEMBERS]: 'maxMembers',
  [PlanLimit.API_KEYS]: 'maxApiKeys',
  [PlanLimit.POLICIES]: 'maxPolicies',
  [PlanLimit.EVENTS_PER_MONTH]: 'maxEventsPerMonth',
};

/** The tenant's limit: what was negotiated for it, else what its plan allows (null: none). */
export function effectiveLimit(plan: Plan, overrides: TenantLimits | null | undefined, limit: PlanLimit): number | null {
  const negotiated = overrides?.[OVERRIDE_KEYS[limit]];
  return negotiated ?? planLimit(plan, limit);
}

/** The cheapest plan allowing more than `max` of `limit`, if any. */
function lifterOf(plans: Plan[], limit: PlanLimit, max: number): Plan | null {
  return plans.find((p) => p.tier !== TenantPlan.TRIAL && (planLimit(p, limit) === null || planLimit(p, limit)! > max)) ?? null;
}

export async function usageOf(ctx: TenantScope, tenantId: string, tier: TenantPlan, overrides: TenantLimits | null): Promise<LimitUsage[]> {
  const [plans, counts] = await Promise.all([listPlans(ctx), loader(ctx, tenantCounts).load(tenantId)]);
  const plan = plans.find((p) => p.tier === tier)!;
  return Object.values(PlanLimit).map((limit) => {
    const max = effectiveLimit(plan, overrides, limit);
    return Object.assign(new LimitUsage(), { tenantId, limit, used: counts?.[limit] ?? 0, max, liftedBy: max === null ? null : lifterOf(plans, limit, max) });
  });
}

function limitMessage(plan: Plan, negotiated: boolean, limit: PlanLimit, max: number, lifter: Plan | null): string {
  const noun = LIMIT_NOUNS[limit];
  const allows = negotiated ? `This tenant's negotiated limit allows ${max} ${noun}` : `The ${plan.name} plan allows ${max} ${noun}`;
  if (!lifter) return `${allows}, and all are in use; ask a platform admin to raise the limit.`;
  const more = planLimit(lifter, limit);
  return `${allows}, and all are in use. The ${lifter.name} plan allows ${more === null ? `unlimited ${noun}` : `${more}`}.`;
}

/**
 * Refuses a new `limit` object when the tenant already holds as many as it may. Locks the tenant's row
 * first (FOR NO KEY UPDATE: creates in the tenant queue here, while plain inserts referencing the tenant
 * do not), then counts in a statement of its own, whose snapshot sees what the previous holder committed:
 * of two concurrent creates at the limit exactly one succeeds. Call it in the creating transaction, just
 * before the insert.
 */
export async function claimCapacity(ctx: TenantScope, limit: PlanLimit, tenantId: string = ctx.caller.tenantId!): Promise<void> {
  const rows: { plan: TenantPlan; resource_limits: TenantLimits | null }[] = await ctx.tx.manager.query(
    `SELECT plan, resource_limits FROM tenants WHERE id = $1 FOR NO KEY UPDATE`,
    [tenantId],
  );
  if (!rows.length) return;
  const plans = await listPlans(ctx);
  const plan = plans.find((p) => p.tier === rows[0].plan)!;
  const max = effectiveLimit(plan, rows[0].resource_limits, limit);
  if (max === null) return;
  const [counts] = await countUsage(ctx.tx.manager, [tenantId]);
  if ((counts?.[limit] ?? 0) < max) return;
  const negotiated = rows[0].resource_limits?.[OVERRIDE_KEYS[limit]] != null;
  throw new UserInputProblem(null, limitMessage(plan, negotiated, limit, max, lifterOf(plans, limit, max)), 'PLAN_LIMIT');
}

/**
 * Counts `count` analytics events against the tenant's events a month, in the recording transaction, and
 * refuses them (PLAN_LIMIT) when the month's total would pass the limit; the refusal rolls the count back
 * with the batch. One statement: the upsert of today's counter row locks it, so concurrent batches queue
 * there and each adds to what the previous one committed (of two batches that together pass the limit,
 * exactly one is recorded); the month's earlier days do not change under it.
 */
export async function claimEvents(ctx: TenantScope, count: number, tenantId: string = ctx.caller.tenantId!): Promise<void> {
  const rows: { used: string; plan: TenantPlan; resource_limits: TenantLimits | null }[] = await ctx.tx.manager.query(
    `WITH counted AS (
       INSERT INTO tenant_usage_days AS u (tenant_id, day, events) VALUES ($1, (now() AT TIME ZONE 'UTC')::date, $2)
       ON CONFLICT (tenant_id, day) DO UPDATE SET events = u.events + EXCLUDED.events
       RETURNING u.events, u.day)
     SELECT c.events + (SELECT coalesce(sum(d.events), 0) FROM tenant_usage_days d
                        WHERE d.tenant_id = $1 AND d.day >= date_trunc('month', c.day)::date AND d.day < c.day) AS used,
            t.plan, t.resource_limits
     FROM counted c JOIN tenants t ON t.id = $1`,
    [tenantId, count],
  );
  if (!rows.length) return;
  const plans = await listPlans(ctx);
  const plan = plans.find((p) => p.tier === rows[0].plan)!;
  const max = effectiveLimit(plan, rows[0].resource_limits, PlanLimit.EVENTS_PER_MONTH);
  const used = Number(rows[0].used);
  if (max === null || used <= max) return;
  const before = used - count;
  const negotiated = rows[0].resource_limits?.maxEventsPerMonth != null;
  const allows = negotiated
    ? `This tenant's negotiated limit allows ${max} analytics events a month`
    : `The ${plan.name} plan allows ${max} analytics events a month`;
  const lifter = lifterOf(plans, PlanLimit.EVENTS_PER_MONTH, max);
  const more = lifter ? planLimit(lifter, PlanLimit.EVENTS_PER_MONTH) : null;
  const lift = lifter
    ? ` The ${lifter.name} plan allows ${more === null ? 'unlimited analytics events' : `${more} a month`}.`
    : ' Ask a platform admin to raise the limit.';
  throw new UserInputProblem('events', `${allows}; ${before} are recorded this month, and these ${count} would pass it.${lift}`, 'PLAN_LIMIT');
}

/** Refuses what the tenant's plan does not include, naming the cheapest plan that does. */
export async function requireFeature(ctx: TenantScope, feature: PlanFeature, tenantId: string = ctx.caller.tenantId!): Promise<void> {
  const rows: { plan: TenantPlan }[] = await ctx.tx.manager.query(`SELECT plan FROM tenants WHERE id = $1`, [tenantId]);
  if (!rows.length) return;
  const plans = await listPlans(ctx);
  const plan = plans.find((p) => p.tier === rows[0].plan)!;
  if (plan.features.includes(feature)) return;
  const lifter = plans.find((p) => p.features.includes(feature));
  throw new UserInputProblem(
    null,
    `${FEATURE_NAMES[feature]}: not included in the ${plan.name} plan${lifter ? `; the ${lifter.name} plan includes it` : ''}.`,
    'PLAN_LIMIT',
  );
}

/** Whether the tenant's plan includes `feature`, for hiding what it lacks. */
export async function hasFeature(ctx: TenantScope, tier: TenantPlan, feature: PlanFeature): Promise<boolean> {
  return (await planByTier(ctx, tier)).features.includes(feature);
}

export async function lockedSubscription(ctx: TenantScope, tenantId: string): Promise<SubscriptionRow> {
  const rows: SubscriptionRow[] = await ctx.tx.manager.query(
    `SELECT ${SUBSCRIPTION_COLUMNS} FROM subscriptions WHERE tenant_id = $1 AND ended_at IS NULL FOR UPDATE`,
    [tenantId],
  );
  if (!rows.length) throw StewardError.notFound('Tenant');
  return rows[0];
}

/** Sets the billing cycle of the tenant's current subscription, at its plan's price for that cycle. */
export async function setBillingCycle(ctx: TenantScope, tenantId: string, cycle: BillingCycle): Promise<void> {
  await ctx.tx.manager.query(
    `UPDATE subscriptions s SET billing_cycle = $2, price_cents = CASE $2 WHEN 'annual' THEN p.annual_price_cents ELSE p.monthly_price_cents END
     FROM plans p WHERE p.code = s.plan AND s.tenant_id = $1 AND s.ended_at IS NULL`,
    [tenantId, cycle],
  );
  loader(ctx, currentSubscription).clear(tenantId);
  loader(ctx, subscriptionHistory).clear(tenantId);
}

export interface UsageRow {
  start: Date;
  events: string;
  api_requests: string;
}

export function usagePeriodOf(row: UsageRow): UsagePeriod {
  return Object.assign(new UsagePeriod(), { start: new Date(row.start), events: Number(row.events), apiRequests: Number(row.api_requests) });
}

export const USAGE_DAYS = 60;
export const USAGE_MONTHS = 12;

/** The tenant's use per UTC day over the last USAGE_DAYS days (today included), days without use left out; one statement per request. */
export const usageDays = (ctx: TenantScope) =>
  new DataLoader<string, UsagePeriod[]>(async (ids) => {
    const rows: (UsageRow & { tenant_id: string })[] = await ctx.tx.manager.query(
      `SELECT tenant_id, day::timestamp AT TIME ZONE 'UTC' AS start, events, api_requests FROM tenant_usage_days
       WHERE tenant_id = ANY($1::uuid[]) AND day > (now() AT TIME ZONE 'UTC')::date - $2::int ORDER BY tenant_id, day`,
      [ids, USAGE_DAYS],
    );
    return groupedByKey(ids, rows, (r) => r.tenant_id).map((list) => list.map(usagePeriodOf));
  });

/** The tenant's use per calendar month (UTC), newest first, the last USAGE_MONTHS months (this one included); one statement per request. */
export const usageMonths = (ctx: TenantScope) =>
  new DataLoader<string, UsagePeriod[]>(async (ids) => {
    const rows: (UsageRow & { tenant_id: string })[] = await ctx.tx.manager.query(
      `SELECT tenant_id, date_trunc('month', day)::timestamp AT TIME ZONE 'UTC' AS start, sum(events) AS events, sum(api_requests) AS api_requests
       FROM tenant_usage_days
       WHERE tenant_id = ANY($1::uuid[]) AND day >= (date_trunc('month', now() AT TIME ZONE 'UTC') - make_interval(months => $2::int - 1))::date
       GROUP BY 1, 2 ORDER BY tenant_id, start DESC`,
      [ids, USAGE_MONTHS],
    );
    return groupedByKey(ids, rows, (r) => r.tenant_id).map((list) => list.map(usagePeriodOf));
  });
