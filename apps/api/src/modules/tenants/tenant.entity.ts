import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';

export enum TenantPlan {
  STARTER = 'starter',
  GROWTH = 'growth',
  ENTERPRISE = 'enterprise',
}
registerEnumType(TenantPlan, { name: 'TenantPlan' });

export enum TenantStatus {
  ACTIVE = 'active',
  SUSPENDED = 'suspended',
  PROVISIONING = 'provisioning',
  FAILED = 'failed',
}
registerEnumType(TenantStatus, { name: 'TenantStatus', description: "Only an active tenant's members and keys can read or change anything" });

@ObjectType({ description: 'What a tenant may hold; null means no limit' })
export class TenantLimits {
  @Field(() => Int, { nullable: true }) maxAgents?: number | null;
  @Field(() => Int, { nullable: true }) maxMembers?: number | null;
  @Field(() => Int, { nullable: true }) maxApiKeys?: number | null;
}

@ObjectType({ implements: Node, description: 'An organisation governing its agents in Steward' })
@Entity('tenants')
export class Tenant implements Node {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID)
  get id(): string {
    return toGlobalId('Tenant', this.uuid);
  }

  @Field() @Column('text') name: string;
  @Field() @Column('text') slug: string;
  @Field(() => TenantPlan) @Column('text') plan: TenantPlan;
  @Field(() => TenantStatus) @Column('text') status: TenantStatus;
  @Field(() => TenantLimits, { nullable: true, description: 'Visible to its members and platform admins' }) @Column('jsonb') resourceLimits: TenantLimits;
  @Field() @Column('timestamptz') createdAt: Date;
  @Field() @Column('timestamptz') updatedAt: Date;
}
