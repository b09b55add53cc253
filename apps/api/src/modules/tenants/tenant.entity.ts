import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';

export enum TenantPlan {
  TRIAL = 'trial',
  STARTER = 'starter',
  PROFESSIONAL = 'professional',
  ENTERPRISE = 'enterprise',
}
registerEnumType(TenantPlan, {
  name: 'TenantPlan',
  description: 'The commercial plan of a tenant; set by platform admins',
  valuesConfig: {
    TRIAL: { description: 'Free trial for a limited time, with the smallest limits' },
    STARTER: { description: 'Entry plan for small teams' },
    PROFESSIONAL: { description: 'Plan for teams running many agents, with approvals' },
    ENTERPRISE: { description: 'Plan without limits on what a tenant holds, with SSO and support' },
  },
});

export enum TenantStatus {
  ACTIVE = 'active',
  SUSPENDED = 'suspended',
  PROVISIONING = 'provisioning',
  FAILED = 'failed',
}
registerEnumType(TenantStatus, { name: 'TenantStatus', description: "Only an active tenant's members and keys can read or change anything" });

@ObjectType({ description: "Limits negotiated for this tenant, replacing its plan's; null: the plan's limit applies" })
export class TenantLimits {
  @Field(() => Int, { nullable: true, description: "Most agents (not archived) the tenant may have; null: the plan's limit" }) maxAgents?: number | null;
  @Field(() => Int, { nullable: true, description: "Most members the tenant may have; null: the plan's limit" }) maxMembers?: number | null;
  @Field(() => Int, { nullable: true, description: "Most active API keys the tenant may have; null: the plan's limit" }) maxApiKeys?: number | null;
  @Field(() => Int, { nullable: true, description: "Most policies the tenant may have; null: the plan's limit" }) maxPolicies?: number | null;
  @Field(() => Int, { nullable: true, description: "Most analytics events the tenant may record a month; null: the plan's limit" })
  maxEventsPerMonth?: number | null;
}

@ObjectType({ implements: Node, description: 'An organisation governing its agents in Steward' })
@Entity('tenants')
export class Tenant implements Node {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID, { description: 'Opaque global id; pass it to node(id:) or to mutations' })
  get id(): string {
    return toGlobalId('Tenant', this.uuid);
  }

  @Field({ description: 'Display name of the organisation' }) @Column('text') name: string;
  @Field({ description: 'Unique short name (lowercase letters, digits, dashes); used to pick the tenant when signing in' }) @Column('text') slug: string;
  @Field(() => TenantPlan, { description: 'Commercial plan; changed by platform admins' }) @Column('text') plan: TenantPlan;
  @Field(() => TenantStatus, { description: 'Whether the tenant is in service; only platform admins change it' }) @Column('text') status: TenantStatus;
  @Field(() => TenantLimits, { nullable: true, description: 'Visible to its members and platform admins' }) @Column('jsonb') resourceLimits: TenantLimits;
  @Field(() => Date, {
    nullable: true,
    description: 'Since when the tenant is read-only because its trial ran out (UTC); null: it can change things',
  })
  @Column('timestamptz', { nullable: true })
  readOnlySince: Date | null;
  @Field({ description: 'When it was created (UTC)' }) @Column('timestamptz') createdAt: Date;
  @Field({ description: 'When it was last changed (UTC)' }) @Column('timestamptz') updatedAt: Date;
}
