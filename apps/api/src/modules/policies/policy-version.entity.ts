import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';
import { PolicyEnforcement, PolicySeverity } from './policy-finding.type';
import { PolicyRule, PolicyScopeKind, PolicyType } from './policy.entity';

export interface StoredScope {
  kind: PolicyScopeKind;
  tags: string[];
  agentIds: string[];
}

@ObjectType({ implements: Node, description: 'A policy as it was saved at one version; decisions name the version they applied' })
@Entity('policy_versions')
export class PolicyVersion implements Node {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID)
  get id(): string {
    return toGlobalId('PolicyVersion', this.uuid);
  }

  @Column('uuid') tenantId: string;
  @Column('uuid') policyId: string;
  @Field(() => Int) @Column('int') version: number;
  @Field() @Column('text') name: string;
  @Field() @Column('text') description: string;
  @Field(() => PolicyType) @Column('text') type: PolicyType;
  @Field() @Column('text') category: string;
  @Field(() => PolicySeverity) @Column('text') severity: PolicySeverity;
  @Field(() => PolicyEnforcement) @Column('text') enforcement: PolicyEnforcement;
  @Field(() => [PolicyRule]) @Column('jsonb') rules: PolicyRule[];
  @Column('jsonb') scope: StoredScope;
  @Column('uuid', { nullable: true }) createdById: string | null;
  @Column('uuid', { nullable: true }) createdByApiKeyId: string | null;
  @Field() @Column('timestamptz') createdAt: Date;
}
