import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';

export enum PolicyEvaluationRunStatus {
  QUEUED = 'queued',
  RUNNING = 'running',
  SUCCEEDED = 'succeeded',
  FAILED = 'failed',
  CANCELLED = 'cancelled',
}
registerEnumType(PolicyEvaluationRunStatus, {
  name: 'PolicyEvaluationRunStatus',
  description: 'Where a re-evaluation run stands',
  valuesConfig: {
    RUNNING: { description: 'Agents are being judged in batches' },
    SUCCEEDED: { description: 'Every agent in scope was judged' },
    FAILED: { description: 'Stopped by an error; see failure' },
    QUEUED: { description: 'Waiting for the job queue' },
    CANCELLED: { description: 'Stopped: the policy changed again or was deactivated; see failure' },
  },
});

@ObjectType({
  implements: Node,
  description: 'A re-evaluation of one policy version against every agent in its scope, in batches on the job queue; started by a policy change or on demand',
})
@Entity('policy_evaluation_runs')
export class PolicyEvaluationRun implements Node {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID, { description: 'Opaque global id; pass it to node(id:) or to mutations' })
  get id(): string {
    return toGlobalId('PolicyEvaluationRun', this.uuid);
  }

  @Column('uuid') tenantId: string;
  @Column('uuid') policyId: string;
  @Field(() => Int, { description: 'The version of the policy being applied' }) @Column('int') policyVersion: number;
  @Field(() => PolicyEvaluationRunStatus, { description: 'Where the run stands' }) @Column('text') status: PolicyEvaluationRunStatus;
  @Field(() => Int, { description: 'Agents evaluated so far' }) @Column('int') processed: number;
  @Field(() => Int, { description: 'Agents in scope' }) @Column('int') total: number;
  @Field(() => Int, { description: 'Rule violations found so far' }) @Column('int') violationsFound: number;
  @Field(() => Int, { description: 'Rules that could not be evaluated on an agent' }) @Column('int') errors: number;
  @Field(() => String, { nullable: true, description: 'Why the run failed or was cancelled; null otherwise' }) @Column('text', { nullable: true }) failure:
    string | null;
  @Column('uuid', { nullable: true }) startedById: string | null;
  @Column('uuid', { nullable: true }) startedByApiKeyId: string | null;
  @Column('text', { nullable: true }) requestId: string | null;
  @Field({ description: 'When the run was started (UTC)' }) @Column('timestamptz') startedAt: Date;
  @Field(() => Date, { nullable: true, description: 'When it succeeded, failed or was cancelled (UTC); null while queued or running' })
  @Column('timestamptz', { nullable: true })
  finishedAt: Date | null;
}
