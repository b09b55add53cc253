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

  @Field(() => ID, { description: "Global id of this version; node(id:) reads it for those who may read the policy's rules" })
  get id(): string {
    return toGlobalId('PolicyVersion', this.uuid);
  }

  @Column('uuid') tenantId: string;
  @Column('uuid') policyId: string;
  @Field(() => Int, { description: 'Version number, counting from 1; each saved change of what the policy judges adds one' }) @Column('int') version: number;
  @Field({ description: "The policy's name at this version" }) @Column('text') name: string;
  @Field({ description: "The policy's description at this version" }) @Column('text') description: string;
  @Field(() => PolicyType, { description: 'What kind of concern the policy governed at this version' }) @Column('text') type: PolicyType;
  @Field({ description: 'Free-text grouping of the policy at this version' }) @Column('text') category: string;
  @Field(() => PolicySeverity, { description: 'How serious breaking the policy was at this version' }) @Column('text') severity: PolicySeverity;
  @Field(() => PolicyEnforcement, { description: 'Audit, warn or block, at this version' }) @Column('text') enforcement: PolicyEnforcement;
  @Field(() => [PolicyRule], { description: 'The CEL rules as saved at this version' }) @Column('jsonb') rules: PolicyRule[];
  @Column('jsonb') scope: StoredScope;
  @Column('uuid', { nullable: true }) createdById: string | null;
  @Column('uuid', { nullable: true }) createdByApiKeyId: string | null;
  @Field({ description: 'When this version was saved' }) @Column('timestamptz') createdAt: Date;
}
