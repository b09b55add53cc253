import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';

export enum PolicyDecisionResult {
  PASS = 'pass',
  VIOLATION = 'violation',
  ERROR = 'error',
}
registerEnumType(PolicyDecisionResult, {
  name: 'PolicyDecisionResult',
  description: 'What judging one rule against one agent found',
  valuesConfig: {
    PASS: { description: 'The condition was false: the agent keeps the rule' },
    VIOLATION: { description: 'The condition was true: the agent breaks the rule' },
    ERROR: { description: 'The condition could not be evaluated on this agent (e.g. a missing field); it never blocks' },
  },
});

export enum PolicyDecisionAction {
  NONE = 'none',
  RECORDED = 'recorded',
  WARNED = 'warned',
  BLOCKED = 'blocked',
  WAIVED = 'waived',
  HELD = 'held',
  APPROVED = 'approved',
}
registerEnumType(PolicyDecisionAction, {
  name: 'PolicyDecisionAction',
  description: 'What Steward did about the result',
  valuesConfig: {
    NONE: { description: 'Nothing was done: the rule passed or could not be evaluated, or another rule refused the change' },
    RECORDED: { description: 'The violation was recorded and the change went through (audit enforcement, or any violation a re-evaluation found)' },
    WARNED: { description: 'The change went through with a warning to the caller (warn enforcement)' },
    BLOCKED: { description: 'The change was refused because of this rule (block enforcement)' },
    WAIVED: { description: 'A waiver exempted the agent; the change went through' },
    HELD: { description: 'The change was held for approval because of this rule (require-approval enforcement)' },
    APPROVED: { description: 'The change went through because an approval request approved it (require-approval enforcement)' },
  },
});

export enum PolicyDecisionTrigger {
  CREATE = 'create',
  UPDATE = 'update',
  DEPLOY = 'deploy',
  SUSPEND = 'suspend',
  RESUME = 'resume',
  ARCHIVE = 'archive',
  REEVALUATION = 'reevaluation',
}
registerEnumType(PolicyDecisionTrigger, {
  name: 'PolicyDecisionTrigger',
  description: 'The change to the agent that was evaluated, or an on-demand re-evaluation',
  valuesConfig: {
    CREATE: { description: 'The agent was being created' },
    UPDATE: { description: "The agent's settings were being changed" },
    DEPLOY: { description: 'The agent was being deployed' },
    SUSPEND: { description: 'The agent was being suspended' },
    RESUME: { description: 'The agent was being resumed' },
    ARCHIVE: { description: 'The agent was being archived' },
    REEVALUATION: { description: 'A policy re-evaluation judged the agent as it stands (after a policy change or on demand)' },
  },
});

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
  @Field(() => Int, { description: 'The version of the policy that was judged' }) @Column('int') policyVersion: number;
  @Field({ description: 'Name of the rule judged, as it was in that version' }) @Column('text') ruleName: string;
  @Column('uuid', { nullable: true }) agentId: string | null;
  @Column('uuid', { nullable: true }) architectureId: string | null;
  @Field({ description: "The agent's name at the time, also when a refused create left no agent" }) @Column('text') agentName: string;
  @Field(() => PolicyDecisionTrigger, { description: 'The change that was judged' }) @Column('text') trigger: PolicyDecisionTrigger;
  @Field({ description: 'SHA-256 of the canonical JSON of what the rule saw ({agent, change})' }) @Column('text') inputDigest: string;
  @Field(() => PolicyDecisionResult, { description: 'What the rule found' }) @Column('text') result: PolicyDecisionResult;
  @Field(() => PolicyDecisionAction, { description: 'What Steward did about it' }) @Column('text') actionTaken: PolicyDecisionAction;
  @Field(() => String, { nullable: true, description: 'Why the condition could not be evaluated' }) @Column('text', { nullable: true }) error: string | null;
  @Column('uuid', { nullable: true }) evaluationRunId: string | null;
  @Field(() => String, { nullable: true, description: 'The x-request-id of the API request that caused the decision; null when no request caused it' })
  @Column('text', { nullable: true })
  requestId: string | null;
  @Field({ description: 'When the rule was judged (UTC)' }) @Column('timestamptz') decidedAt: Date;
}
