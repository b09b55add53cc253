import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';
import { DecimalScalar } from '../../graphql/scalars';
import { CostProvider } from '../costs';

export enum AgentTaskStatus {
  PENDING = 'pending',
  RUNNING = 'running',
  SUCCEEDED = 'succeeded',
  FAILED = 'failed',
  TIMED_OUT = 'timed_out',
  CANCELLED = 'cancelled',
  EXPIRED = 'expired',
}
registerEnumType(AgentTaskStatus, {
  name: 'AgentTaskStatus',
  description: 'Where an AI agent task stands',
  valuesConfig: {
    PENDING: { description: "Waiting for the agent's runtime to claim it" },
    RUNNING: { description: 'Claimed by the runtime; its result is awaited' },
    SUCCEEDED: { description: 'The runtime reported a result' },
    FAILED: { description: 'The runtime reported a failure on the last attempt' },
    TIMED_OUT: { description: 'No result in time on the last attempt' },
    CANCELLED: { description: 'Its execution was cancelled' },
    EXPIRED: { description: 'Nobody claimed it within its node\'s claimTimeoutSeconds; the execution took the node\'s "expired" edge, or failed' },
  },
});

export enum AgentTaskOutcome {
  SUCCEEDED = 'succeeded',
  FAILED = 'failed',
}
registerEnumType(AgentTaskOutcome, {
  name: 'AgentTaskOutcome',
  description: 'What the runtime reports at the end of a task',
  valuesConfig: {
    SUCCEEDED: { description: 'The task is done; output holds the result' },
    FAILED: { description: 'The task could not be done; error says why (it is offered again while attempts remain)' },
  },
});

@ObjectType({ implements: Node, description: "A task sent to an AI agent's runtime by a workflow, with the tokens and cost it reported" })
@Entity('agent_tasks')
export class AgentTask implements Node {
  @PrimaryGeneratedColumn('uuid', { name: 'id' }) uuid: string;
  @Field(() => ID, { description: 'Opaque global id; pass it to node(id:) or to agentTaskProgress / agentTaskComplete' })
  get id(): string {
    return toGlobalId('AgentTask', this.uuid);
  }
  @Column('uuid') tenantId: string;
  @Column('uuid') agentId: string;
  @Column('uuid', { nullable: true }) executionId: string | null;
  @Column('uuid', { nullable: true }) nodeRunId: string | null;
  @Field(() => String, { name: 'nodeKey', nullable: true, description: "The id, in the workflow's graph, of the node that made it" })
  @Column('text', { nullable: true })
  nodeId: string | null;
  @Field({ description: 'What the agent is asked to do' }) @Column('text') prompt: string;
  @Field(() => AgentTaskStatus, { description: 'Where it stands' }) @Column('text') status: AgentTaskStatus;
  @Field(() => Int, { description: 'Times it was claimed so far' }) @Column('int') attempts: number;
  @Field(() => Int, { description: 'Attempts allowed before it fails' }) @Column('int') maxAttempts: number;
  @Field(() => Int, { description: 'How long the runtime has for one attempt, in seconds' }) @Column('int') timeoutSeconds: number;
  @Field(() => Date, {
    nullable: true,
    description: "While pending: when it expires unless a runtime claims it (the node's claimTimeoutSeconds after it was offered); null otherwise",
  })
  @Column('timestamptz', { nullable: true })
  claimDeadline: Date | null;
  @Field(() => Int, { description: 'Progress as last reported, 0 to 100' }) @Column('int') progress: number;
  @Field({ description: 'What the runtime last said it was doing; empty string when nothing' }) @Column('text') progressMessage: string;
  @Field(() => CostProvider, { nullable: true, description: 'Who served the model, as reported; null before a report' })
  @Column('text', { nullable: true })
  provider: CostProvider | null;
  @Field(() => String, { nullable: true, description: "The model's name, as reported; null before a report" }) @Column('text', { nullable: true }) model:
    string | null;
  @Field(() => Int, { description: 'Prompt tokens reported (0 before a report)' })
  @Column('int')
  promptTokens: number;
  @Field(() => Int, { description: 'Completion tokens reported (0 before a report)' })
  @Column('int')
  completionTokens: number;
  @Field(() => DecimalScalar, { nullable: true, description: 'What the task cost, as reported (also a cost entry); for admins, developers and analysts' })
  @Column('numeric', { nullable: true })
  cost: string | null;
  @Field({ description: 'ISO 4217 code of cost' }) @Column('text') currency: string;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The result the runtime reported' }) @Column('jsonb', { nullable: true }) output: Record<
    string,
    unknown
  > | null;
  @Field(() => String, { nullable: true, description: 'Why the last attempt failed or timed out' }) @Column('text', { nullable: true }) error: string | null;
  @Column('uuid', { nullable: true }) claimedByApiKeyId: string | null;
  @Field({ description: 'When it was made (UTC)' }) @Column('timestamptz') createdAt: Date;
  @Field(() => Date, { nullable: true, description: 'When its current attempt was claimed' }) @Column('timestamptz', { nullable: true }) claimedAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'When it ended' }) @Column('timestamptz', { nullable: true }) finishedAt: Date | null;
}

@ObjectType({ description: "Sums over an agent's tasks" })
export class AgentTaskTotals {
  @Field(() => Int, { description: 'How many tasks' }) count: number;
  @Field(() => Int, { description: 'Prompt tokens over all tasks' }) promptTokens: number;
  @Field(() => Int, { description: 'Completion tokens over all tasks' }) completionTokens: number;
  @Field(() => DecimalScalar, { nullable: true, description: 'Reported cost over all tasks in USD; for admins, developers and analysts' }) cost: string;
}
