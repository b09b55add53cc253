import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { StewardContext } from '../../context';
import { expectGlobalId } from '../../graphql/global-id';
import { loader } from '../../graphql/loader';
import { mutate } from '../../graphql/mutation';
import { Tenant } from './tenant.entity';
import { TenantPlanChangeInput, TenantTrialExtendInput } from './tenant.inputs';
import { TenantPayload } from './tenant.payloads';
import { changePlan, extendTrial } from './tenant.service';
import { LimitUsage, Plan, PlanFeature, Subscription, UsagePeriod } from './plan.entity';
import { currentSubscription, listPlans, planByTier, subscriptionHistory, USAGE_DAYS, USAGE_MONTHS, usageDays, usageMonths, usageOf } from './plan.service';

@Resolver(() => Tenant)
export class TenantPlanResolver {
  @Query(() => [Plan], { nullable: true, description: 'Every plan, cheapest first' })
  plans(@Ctx() ctx: StewardContext): Promise<Plan[]> {
    return listPlans(ctx);
  }

  @FieldResolver(() => Plan, { description: 'The plan the tenant is on: its prices, limits and features' })
  planDetails(@Root() tenant: Tenant, @Ctx() ctx: StewardContext): Promise<Plan> {
    return planByTier(ctx, tenant.plan);
  }

  @FieldResolver(() => [PlanFeature], { description: "Features the tenant's plan includes; pages hide what is missing" })
  async features(@Root() tenant: Tenant, @Ctx() ctx: StewardContext): Promise<PlanFeature[]> {
    return (await planByTier(ctx, tenant.plan)).features;
  }

  @FieldResolver(() => Subscription, { nullable: true, description: 'The subscription in force' })
  subscription(@Root() tenant: Tenant, @Ctx() ctx: StewardContext): Promise<Subscription | null> {
    return loader(ctx, currentSubscription).load(tenant.uuid);
  }

  @FieldResolver(() => [Subscription], {
    nullable: true,
    description: 'Its subscriptions, newest first (the most recent 50): each change of plan or status starts one',
  })
  subscriptions(@Root() tenant: Tenant, @Ctx() ctx: StewardContext): Promise<Subscription[]> {
    return loader(ctx, subscriptionHistory).load(tenant.uuid);
  }

  @FieldResolver(() => [LimitUsage], { nullable: true, description: 'Each limit of its plan, with how much of it the tenant uses' })
  usage(@Root() tenant: Tenant, @Ctx() ctx: StewardContext): Promise<LimitUsage[]> {
    return usageOf(ctx, tenant.uuid, tenant.plan, tenant.resourceLimits);
  }

  @FieldResolver(() => [UsagePeriod], {
    nullable: true,
    description: `Metered use per UTC day over the last ${USAGE_DAYS} days, oldest first; days without any use are left out`,
  })
  usageDays(@Root() tenant: Tenant, @Ctx() ctx: StewardContext): Promise<UsagePeriod[]> {
    return loader(ctx, usageDays).load(tenant.uuid);
  }

  @FieldResolver(() => [UsagePeriod], {
    nullable: true,
    description: `Metered use per calendar month (UTC) over the last ${USAGE_MONTHS} months, newest first; months without any use are left out`,
  })
  usageMonths(@Root() tenant: Tenant, @Ctx() ctx: StewardContext): Promise<UsagePeriod[]> {
    return loader(ctx, usageMonths).load(tenant.uuid);
  }

  @Mutation(() => TenantPayload, {
    nullable: true,
    description: 'Moves a tenant to another plan or billing cycle; its limits follow at once (platform admins only)',
  })
  tenantPlanChange(
    @Arg('input', { description: 'The arguments of the mutation; the input type describes each one' }) input: TenantPlanChangeInput,
    @Ctx() ctx: StewardContext,
  ): Promise<TenantPayload> {
    const id = expectGlobalId(input.tenantId, 'Tenant', 'input.tenantId');
    return mutate(
      ctx,
      { action: 'tenant.plan.change', entityType: 'Tenant', entityId: id },
      async () => ({ tenant: await changePlan(ctx, id, input), userErrors: [] }),
      () => ({ tenant: null }),
    );
  }

  @Mutation(() => TenantPayload, { nullable: true, description: "Gives a tenant's trial more days (platform admins only)" })
  tenantTrialExtend(
    @Arg('input', { description: 'The arguments of the mutation; the input type describes each one' }) input: TenantTrialExtendInput,
    @Ctx() ctx: StewardContext,
  ): Promise<TenantPayload> {
    const id = expectGlobalId(input.tenantId, 'Tenant', 'input.tenantId');
    return mutate(
      ctx,
      { action: 'tenant.trial.extend', entityType: 'Tenant', entityId: id },
      async () => ({ tenant: await extendTrial(ctx, id, input), userErrors: [] }),
      () => ({ tenant: null }),
    );
  }
}

@Resolver(() => Subscription)
export class SubscriptionResolver {
  @FieldResolver(() => Plan, { description: 'The plan subscribed to' })
  plan(@Root() subscription: Subscription, @Ctx() ctx: StewardContext): Promise<Plan> {
    return planByTier(ctx, subscription.planCode);
  }
}
