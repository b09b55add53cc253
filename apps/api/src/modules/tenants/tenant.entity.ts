import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';

export enum TenantPlan {
  STARTER = 'starter',
  GROWTH = 'growth',
  ENTERPRISE = 'enterprise',
}
registerEnumType(TenantPlan, {
  name: 'TenantPlan',
  description: 'The commercial plan of a tenant; set by platform admins',
  valuesConfig: {
    STARTER: { description: 'Entry plan for small teams' },
    GROWTH: { description: 'Plan for teams running many agents' },
    ENTERPRISE: { description: 'Plan with negotiated limits and support' },
  },
});

export enum TenantStatus {
  ACTIVE = 'active',
  SUSPENDED = 'suspended',
  PROVISIONING = 'provisioning',
  FAILED = 'failed',
}
registerEnumType(TenantStatus, { name: 'TenantStatus', description: "Only an active tenant's members and keys can read or change anything" });

@ObjectType({ description: 'What a tenant may hold; null means no limit' })
export class TenantLimits {
  @Field(() => Int, { nullable: true, description: 'Most agents (not archived) the tenant may have; null: no limit' }) maxAgents?: number | null;
  @Field(() => Int, { nullable: true, description: 'Most members the tenant may have; null: no limit' }) maxMembers?: number | null;
  @Field(() => Int, { nullable: true, description: 'Most active API keys the tenant may have; null: no limit' }) maxApiKeys?: number | null;
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
  @Field({ description: 'When it was created (UTC)' }) @Column('timestamptz') createdAt: Date;
  @Field({ description: 'When it was last changed (UTC)' }) @Column('timestamptz') updatedAt: Date;
}
