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
  const rows: { tenant_id: string; agents: number; members: number; api_keys: number; policies: number }[] = await manager.query(
    `SELECT * FROM steward.tenant_usage($1::uuid[])`,
    [tenantIds],
  );
  return byKey(tenantIds, rows, (r) => r.tenant_id).map((r) =>
    r ? { [PlanLimit.AGENTS]: r.agents, [PlanLimit.MEMBERS]: r.members, [PlanLimit.API_KEYS]: r.api_keys, [PlanLimit.POLICIES]: r.policies } : null,
  );
}

export const tenantCounts = (ctx: TenantScope) => new DataLoader<string, Counts | null>((ids) => countUsage(ctx.tx.manager, ids));

const OVERRIDE_KEYS: Record<PlanLimit, keyof TenantLimits> = {
  [PlanLimit.AGENTS]: 'maxAgents',
  [PlanLimit.MEMBERS]: 'maxMembers',
  [PlanLimit.API_KEYS]: 'maxApiKeys',
  [PlanLimit.POLICIES]: 'maxPolicies',
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
