import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';

export enum PolicyDecisionResult { PASS = 'pass', VIOLATION = 'violation', ERROR = 'error' }
registerEnumType(PolicyDecisionResult, {
  name: 'PolicyDecisionResult',
  valuesConfig: { ERROR: { description: 'The condition could not be evaluated on this agent (e.g. a missing field); it never blocks' } },
});

export enum PolicyDecisionAction { NONE = 'none', RECORDED = 'recorded', WARNED = 'warned', BLOCKED = 'blocked', WAIVED = 'waived' }
registerEnumType(PolicyDecisionAction, { name: 'PolicyDecisionAction', description: 'What Steward did about the result' });

export enum PolicyDecisionTrigger {
  CREATE = 'create', UPDATE = 'update', DEPLOY = 'deploy', SUSPEND = 'suspend', RESUME = 'resume', ARCHIVE = 'archive', REEVALUATION = 'reevaluation',
}
registerEnumType(PolicyDecisionTrigger, { name: 'PolicyDecisionTrigger', description: 'The change to the agent that was evaluated, or an on-demand re-evaluation' });

@ObjectType({ implements: Node, description: 'One rule judged against one agent: the append-only record auditors read' })
@Entity('policy_decisions')
export class PolicyDecision implements Node {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID, { description: 'Opaque global id; pass it to node(id:) or to mutations' })
  get id(): string {
    return toGlobalId('PolicyDecision', this.uuid);
  }

  @Column('uuid') tenantId: string;
  @Column('uuid') policyId: string;
  @Field(() => Int) @Column('int') policyVersion: number;
  @Field() @Column('text') ruleName: string;
  @Column('uuid', { nullable: true }) agentId: string | null;
  @Field({ description: 'The agent\'s name at the time, also when a refused create left no agent' }) @Column('text') agentName: string;
  @Field(() => PolicyDecisionTrigger) @Column('text') trigger: PolicyDecisionTrigger;
  @Field({ description: 'SHA-256 of the canonical JSON of what the rule saw ({agent, change})' }) @Column('text') inputDigest: string;
  @Field(() => PolicyDecisionResult) @Column('text') result: PolicyDecisionResult;
  @Field(() => PolicyDecisionAction) @Column('text') actionTaken: PolicyDecisionAction;
  @Field(() => String, { nullable: true, description: 'Why the condition could not be evaluated' }) @Column('text', { nullable: true }) error: string | null;
  @Column('uuid', { nullable: true }) evaluationRunId: string | null;
  @Field(() => String, { nullable: true }) @Column('text', { nullable: true }) requestId: string | null;
  @Field() @Column('timestamptz') decidedAt: Date;
}
