import { IsEmail, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { TenantPlan } from './tenant.entity';
import { BillingCycle } from './plan.entity';

@InputType({ description: "Limits negotiated for a tenant, replacing its plan's; null (or left out): the plan's limit applies" })
export class TenantLimitsInput {
  @Field(() => Int, { nullable: true, description: "Most agents (not archived); 0 or more, null: the plan's limit" }) @Min(0) maxAgents?: number | null;
  @Field(() => Int, { nullable: true, description: "Most members; 0 or more, null: the plan's limit" }) @Min(0) maxMembers?: number | null;
  @Field(() => Int, { nullable: true, description: "Most active API keys; 0 or more, null: the plan's limit" }) @Min(0) maxApiKeys?: number | null;
  @Field(() => Int, { nullable: true, description: "Most policies; 0 or more, null: the plan's limit" }) @Min(0) maxPolicies?: number | null;
  @Field(() => Int, { nullable: true, description: "Most analytics events a month; 0 or more, null: the plan's limit" }) @Min(0) maxEventsPerMonth?:
    number | null;
}

@InputType({ description: 'A new tenant (platform admins only)' })
export class TenantCreateInput {
  @Field({ description: 'Display name, 1 to 120 characters' }) @Length(1, 120) name: string;
  @Field({ description: 'Lowercase letters, digits and dashes; unique' })
  @Matches(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, { message: 'slug must be 1-40 lowercase letters, digits or dashes, not starting or ending with a dash' })
  slug: string;
  @Field(() => TenantPlan, { defaultValue: TenantPlan.TRIAL, description: 'Commercial plan to start on (a trial runs 14 days)' }) plan: TenantPlan;
  @Field(() => TenantLimitsInput, { nullable: true, description: "Negotiated limits to start with; left out: the plan's limits" })
  resourceLimits?: TenantLimitsInput;
  @Field({ nullable: true, description: 'Invites this person as the first admin' }) @IsEmail() @MaxLength(254) adminEmail?: string;
}

@InputType({ description: "Changes to a tenant's name, plan or limits; fields left out stay as they are" })
export class TenantUpdateInput {
  @Field(() => ID, { description: 'Global id of the tenant to change' }) tenantId: string;
  @Field({ nullable: true, description: 'New display name, 1 to 120 characters' }) @Length(1, 120) name?: string;
  @Field(() => TenantPlan, { nullable: true, description: 'New plan (platform admins only)' }) plan?: TenantPlan;
  @Field(() => TenantLimitsInput, { nullable: true, description: 'New limits, replacing the old ones (platform admins only)' })
  resourceLimits?: TenantLimitsInput;
}

@InputType({ description: 'The tenant to suspend or reactivate, and why (kept in the audit trail)' })
export class TenantLifecycleInput {
  @Field(() => ID, { description: 'The tenant to move' }) tenantId: string;
  @Field({ nullable: true, description: 'Why, for the audit trail (at most 500 characters)' }) @MaxLength(500) reason?: string;
}

@InputType({ description: "A tenant's new plan (platform admins only); its negotiated limits stay" })
export class TenantPlanChangeInput {
  @Field(() => ID, { description: 'The tenant to move' }) tenantId: string;
  @Field(() => TenantPlan, { description: 'The plan it moves to' }) plan: TenantPlan;
  @Field(() => BillingCycle, { nullable: true, description: 'How it is invoiced from now; left out: as before' }) billingCycle?: BillingCycle;
  @Field({ nullable: true, description: 'Why, for the audit trail (at most 500 characters)' }) @MaxLength(500) reason?: string;
}

@InputType({ description: "More days for a tenant's trial (platform admins only)" })
export class TenantTrialExtendInput {
  @Field(() => ID, { description: 'The tenant on trial' }) tenantId: string;
  @Field(() => Int, { description: 'Days to add, 1 to 90; counted from now when the trial has already run out' }) @Min(1) @Max(90) days: number;
  @Field({ nullable: true, description: 'Why, for the audit trail (at most 500 characters)' }) @MaxLength(500) reason?: string;
}
