import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';
import { PolicyEnforcement, PolicySeverity } from './policy-finding.type';

export enum PolicyType {
  AGENT = 'agent',
  ARCHITECTURE = 'architecture',
  DATA = 'data',
  SECURITY = 'security',
}
registerEnumType(PolicyType, {
  name: 'PolicyType',
  description: 'What a policy governs',
  valuesConfig: {
    AGENT: { description: "An agent's behaviour and configuration (role, status, budget)" },
    ARCHITECTURE: { description: 'Cloud architecture designs: rules read `architecture`, judged when a design is saved or activated' },
    DATA: { description: 'What data agents may reach and where it may go' },
    SECURITY: { description: 'Access, secrets and permissions of agents' },
  },
});

export enum PolicyScopeKind {
  ALL = 'all',
  TAGS = 'tags',
  AGENTS = 'agents',
}
registerEnumType(PolicyScopeKind, {
  name: 'PolicyScopeKind',
  description: 'How the agents a policy applies to are chosen',
  valuesConfig: {
    ALL: { description: 'Every agent of the tenant' },
    TAGS: { description: 'Agents carrying any of the tags' },
    AGENTS: { description: 'The listed agents' },
  },
});

@ObjectType({ description: 'A CEL condition that describes a violation when it is true, and what to tell the caller' })
export class PolicyRule {
  @Field({ description: 'Name of the rule, unique within the policy; findings and decisions cite it' }) name: string;
  @Field({
    description:
      'CEL over `agent` (the agent after the change), or `architecture` for architecture policies, and `change` (action, old, new); true means violated',
  })
  condition: string;
  @Field({ description: 'What the caller is told when the rule is violated' }) message: string;
}

@ObjectType({ description: 'Which agents a policy applies to' })
export class PolicyScope {
  @Field(() => PolicyScopeKind, { description: 'How the agents are chosen' }) kind: PolicyScopeKind;
  @Field(() => [String], { description: 'For kind tags' }) tags: string[];
  agentIds: string[];
}

@ObjectType({ implements: Node, description: 'A governance policy: rules every change to an agent in its scope is evaluated against' })
@Entity('policies')
export class Policy implements Node {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID, { description: 'Opaque global id; pass it to node(id:) or to mutations' })
  get id(): string {
    return toGlobalId('Policy', this.uuid);
  }

  @Column('uuid') tenantId: string;
  @Field({ description: 'Name shown in findings and in the UI, unique within the tenant' }) @Column('text') name: string;
  @Field({ description: 'What the policy is for, in prose; empty string when none was given' }) @Column('text') description: string;
  @Field(() => PolicyType, { description: 'What the policy governs' }) @Column('text') type: PolicyType;
  @Field({ description: 'Free grouping label chosen by the tenant (e.g. "cost"); empty string when none' }) @Column('text') category: string;
  @Field(() => PolicySeverity, { description: 'How serious a violation of this policy is; copied onto its violations' })
  @Column('text')
  severity: PolicySeverity;
  @Field(() => PolicyEnforcement, { description: 'What happens to a change that violates the policy: recorded, warned or blocked' })
  @Column('text')
  enforcement: PolicyEnforcement;
  @Field(() => [PolicyRule], { nullable: true, description: 'For admins, developers, compliance officers and auditors' })
  @Column('jsonb')
  rules: PolicyRule[];
  @Column('text') scopeKind: PolicyScopeKind;
  @Column('text', { array: true }) scopeTags: string[];
  @Field({ description: 'Only active policies are enforced' }) @Column('boolean') active: boolean;
  @Field(() => Int, { description: 'The current version; every edit adds one' }) @Column('int') version: number;
  @Column('uuid', { nullable: true }) createdById: string | null;
  @Field({ description: 'When it was created (UTC)' }) @Column('timestamptz') createdAt: Date;
  @Field({ description: 'When it was last changed (UTC)' }) @Column('timestamptz') updatedAt: Date;
}
