import { IsEmail, Length, Matches, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { TenantPlan, TenantStatus } from './tenant.entity';

@InputType()
export class TenantLimitsInput {
  @Field(() => Int, { nullable: true }) @Min(0) maxAgents?: number | null;
  @Field(() => Int, { nullable: true }) @Min(0) maxMembers?: number | null;
  @Field(() => Int, { nullable: true }) @Min(0) maxApiKeys?: number | null;
}

@InputType()
export class TenantCreateInput {
  @Field() @Length(1, 120) name: string;
  @Field({ description: 'Lowercase letters, digits and dashes; unique' })
  @Matches(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, { message: 'slug must be 1-40 lowercase letters, digits or dashes, not starting or ending with a dash' })
  slug: string;
  @Field(() => TenantPlan, { defaultValue: TenantPlan.STARTER }) plan: TenantPlan;
  @Field(() => TenantLimitsInput, { nullable: true }) resourceLimits?: TenantLimitsInput;
  @Field({ nullable: true, description: 'Invites this person as the first admin' }) @IsEmail() @MaxLength(254) adminEmail?: string;
}

@InputType()
export class TenantUpdateInput {
  @Field(() => ID) tenantId: string;
  @Field({ nullable: true }) @Length(1, 120) name?: string;
  @Field(() => TenantPlan, { nullable: true }) plan?: TenantPlan;
  @Field(() => TenantLimitsInput, { nullable: true }) resourceLimits?: TenantLimitsInput;
}

@InputType()
export class TenantStatusChangeInput {
  @Field(() => ID) tenantId: string;
  @Field(() => TenantStatus) status: TenantStatus;
  @Field({ nullable: true }) @MaxLength(500) reason?: string;
}
