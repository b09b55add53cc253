import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DecimalScalar } from '../../graphql/scalars';
import { TenantPlan } from './tenant.entity';

export enum PlanFeature {
  SSO = 'sso',
  CUSTOM_ROLES = 'custom_roles',
  APPROVALS = 'approvals',
  EXPORTS = 'exports',
}
registerEnumType(PlanFeature, {
  name: 'PlanFeature',
  description: 'Something a plan includes or lacks; a tenant whose plan lacks it is refused it',
  valuesConfig: {
    SSO: { description: 'Signing in through the organisation’s identity provider' },
    CUSTOM_ROLES: { description: 'Roles defined by the tenant beside the built-in ones' },
    APPROVALS: { description: 'Approval requests and workflows that wait for them' },
    EXPORTS: { description: 'Exports of audit, cost and compliance data' },
  },
});

export enum PlanLimit {
  AGENTS = 'agents',
  MEMBERS = 'members',
  API_KEYS = 'apiKeys',
  POLICIES = 'policies',
  EVENTS_PER_MONTH = 'eventsPerMonth',
}
registerEnumType(PlanLimit, {
  name: 'PlanLimit',
  description: 'A count a plan caps, enforced when something new would exceed it',
  valuesConfig: {
    AGENTS: { description: 'Agents that are not archived' },
    MEMBERS: { description: 'Members, counting invitations still pending' },
    API_KEYS: { description: 'API keys not revoked' },
    POLICIES: { description: 'Governance policies' },
    EVENTS_PER_MONTH: { description: 'Analytics events recorded this calendar month (UTC)' },
  },
});

export const LIMIT_NOUNS: Record<PlanLimit, string> = {
  [PlanLimit.AGENTS]: 'agents',
  [PlanLimit.MEMBERS]: 'members',
  [PlanLimit.API_KEYS]: 'active API keys',
  [PlanLimit.POLICIES]: 'policies',
  [PlanLimit.EVENTS_PER_MONTH]: 'analytics events a month',
};

export enum BillingCycle {
  MONTHLY = 'monthly',
  ANNUAL = 'annual',
}
registerEnumType(BillingCycle, {
  name: 'BillingCycle',
  description: 'How often a subscription is invoiced',
  valuesConfig: { MONTHLY: { description: 'Every month, at the monthly price' }, ANNUAL: { description: 'Once a year, at the annual price' } },
});

export enum SubscriptionStatus {
  ACTIVE = 'active',
  SUSPENDED = 'suspended',
  CANCELLED = 'cancelled',
}
registerEnumType(SubscriptionStatus, {
  name: 'SubscriptionStatus',
  description: 'Whether a subscription is in force',
  valuesConfig: {
    ACTIVE: { description: 'In force' },
    SUSPENDED: { description: 'The tenant is suspended; nothing can be read or changed until it is reactivated' },
    CANCELLED: { description: 'Ended for good' },
  },
});

/** A plans row as the database holds it. */
export interface PlanRow {
  code: TenantPlan;
  name: string;
  rank: number;
  monthly_price_cents: number;
  annual_price_cents: number;
  max_agents: number | null;
  max_members: number | null;
  max_api_keys: number | null;
  max_policies: number | null;
  metric_retention_days: number;
  deleted_retention_days: number;
  max_events_per_month: number | null;
  max_api_requests_per_minute: number | null;
  features: PlanFeature[];
}

@ObjectType({ description: 'What a plan allows; null: no limit' })
export class PlanLimits {
  @Field(() => Int, { nullable: true, description: 'Most agents (not archived); null: no limit' }) maxAgents: number | null;
  @Field(() => Int, { nullable: true, description: 'Most members, counting pending invitations; null: no limit' }) maxMembers: number | null;
  @Field(() => Int, { nullable: true, description: 'Most active API keys; null: no limit' }) maxApiKeys: number | null;
  @Field(() => Int, { nullable: true, description: 'Most policies; null: no limit' }) maxPolicies: number | null;
  @Field(() => Int, { description: 'Days metrics are kept' }) metricRetentionDays: number;
  @Field(() => Int, { description: 'Days something deleted can be restored before the purge job removes it for good' }) deletedRetentionDays: number;
  @Field(() => Int, { nullable: true, description: 'Most analytics events recorded a calendar month (UTC); null: no limit' }) maxEventsPerMonth: number | null;
  @Field(() => Int, {
    nullable: true,
    description: 'Most API requests a minute, for the API keys together and for signed-in sessions together; null: no limit',
  })
  maxApiRequestsPerMinute: number | null;
}

@ObjectType({ description: 'A commercial plan: its prices, limits and features' })
export class Plan {
  @Field(() => TenantPlan, { description: 'Which plan it is' }) tier: TenantPlan;
  @Field({ description: 'Display name' }) name: string;
  @Field(() => DecimalScalar, { description: 'Price per month on monthly billing, in US dollars' }) monthlyPrice: string;
  @Field(() => DecimalScalar, { description: 'Price per year on annual billing, in US dollars' }) annualPrice: string;
  @Field(() => PlanLimits, { description: 'What a tenant on this plan may hold and use' }) limits: PlanLimits;
  @Field(() => [PlanFeature], { description: 'Features the plan includes' }) features: PlanFeature[];
  rank: number;
}

export function dollars(cents: number): string {
  return (cents / 100).toFixed(2);
}

export function planOf(row: PlanRow): Plan {
  return Object.assign(new Plan(), {
    tier: row.code,
    name: row.name,
    rank: row.rank,
    monthlyPrice: dollars(row.monthly_price_cents),
    annualPrice: dollars(row.annual_price_cents),
    features: row.features,
    limits: Object.assign(new PlanLimits(), {
      maxAgents: row.max_agents,
      maxMembers: row.max_members,
      maxApiKeys: row.max_api_keys,
      maxPolicies: row.max_policies,
      metricRetentionDays: row.metric_retention_days,
      deletedRetentionDays: row.deleted_retention_days,
      maxEventsPerMonth: row.max_events_per_month,
      maxApiRequestsPerMinute: row.max_api_requests_per_minute,
    }),
  });
}

/** The limit `limit` of `plan` (null: none). */
export function planLimit(plan: Plan, limit: PlanLimit): number | null {
  switch (limit) {
    case PlanLimit.AGENTS:
      return plan.limits.maxAgents;
    case PlanLimit.MEMBERS:
      return plan.limits.maxMembers;
    case PlanLimit.API_KEYS:
      return plan.limits.maxApiKeys;
    case PlanLimit.POLICIES:
      return plan.limits.maxPolicies;
    case PlanLimit.EVENTS_PER_MONTH:
      return plan.limits.maxEventsPerMonth;
  }
}

@ObjectType('TenantSubscription', { description: "A period of a tenant's plan: the current one, or one it had before" })
export class Subscription {
  uuid: string;
  tenantId: string;
  planCode: TenantPlan;
  @Field(() => SubscriptionStatus, { description: 'Whether it is in force' }) status: SubscriptionStatus;
  @Field(() => BillingCycle, { description: 'How often it is invoiced' }) billingCycle: BillingCycle;
  @Field(() => DecimalScalar, { description: 'Price per billing cycle, in US dollars' }) price: string;
  @Field({ description: 'When it began (UTC)' }) startedAt: Date;
  @Field(() => Date, { nullable: true, description: 'When the trial runs out (UTC); null for paid plans' }) trialEndsAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'When a later subscription replaced it (UTC); null for the current one' }) endedAt: Date | null;
}

@ObjectType({ description: 'How much of one plan limit a tenant uses' })
export class LimitUsage {
  tenantId: string;
  @Field(() => PlanLimit, { description: 'Which limit' }) limit: PlanLimit;
  @Field(() => Int, { description: 'How many the tenant holds now' }) used: number;
  @Field(() => Int, { nullable: true, description: 'Most the tenant may hold (its negotiated limit, else its plan’s); null: no limit' }) max: number | null;
  @Field(() => Plan, { nullable: true, description: 'The smallest plan that allows more; null when none does or there is no limit' }) liftedBy: Plan | null;
}

@ObjectType({ description: "A tenant's metered use in one period (a UTC day or calendar month)" })
export class UsagePeriod {
  @Field({ description: 'When the period starts (UTC midnight)' }) start: Date;
  @Field(() => Int, { description: 'Analytics events recorded in it' }) events: number;
  @Field(() => Int, {
    description: 'API requests served in it (sessions and API keys; refused ones not counted), counted by each API process and saved every few seconds',
  })
  apiRequests: number;
}
