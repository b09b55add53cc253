import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';
import { WorkflowTriggerKind } from '../workflows';

export enum WorkflowExecutionStatus {
  RUNNING = 'running',
  SUCCEEDED = 'succeeded',
  FAILED = 'failed',
  CANCELLED = 'cancelled',
}
registerEnumType(WorkflowExecutionStatus, {
  name: 'WorkflowExecutionStatus',
  description: 'Where an execution stands',
  valuesConfig: {
    RUNNING: { description: 'Nodes are pending, running or waiting' },
    SUCCEEDED: { description: 'It reached an end node' },
    FAILED: { description: 'A node failed after its last attempt (re-run it with workflowExecutionNodeRetry)' },
    CANCELLED: { description: 'Cancelled: nothing more runs' },
  },
});

export enum WorkflowNodeRunStatus {
  PENDING = 'pending',
  RUNNING = 'running',
  WAITING = 'waiting',
  SUCCEEDED = 'succeeded',
  FAILED = 'failed',
  SKIPPED = 'skipped',
  CANCELLED = 'cancelled',
}
registerEnumType(WorkflowNodeRunStatus, {
  name: 'WorkflowNodeRunStatus',
  description: 'Where one run of one node stands',
  valuesConfig: {
    PENDING: { description: 'Queued, or waiting for its next attempt (runAt)' },
    RUNNING: { description: 'Its effect is being made (inside the transaction that records it)' },
    WAITING: { description: 'Waiting for time (wait node) or a decision (approval node)' },
    SUCCEEDED: { description: 'Done; its successors were queued' },
    FAILED: { description: 'Its last attempt failed' },
    SKIPPED: { description: 'Not run: the execution went another way' },
    CANCELLED: { description: 'Not run: the execution was cancelled' },
  },
});

@ObjectType({ implements: Node, description: 'One run of a workflow, at the version it started with' })
@Entity('workflow_executions')
export class WorkflowExecution implements Node {
  @PrimaryGeneratedColumn('uuid', { name: 'id' }) uuid: string;
  @Field(() => ID, { description: 'Opaque global id; pass it to node(id:) or to mutations' })
  get id(): string {
    return toGlobalId('WorkflowExecution', this.uuid);
  }
  @Column('uuid') tenantId: string;
  @Column('uuid') workflowId: string;
  @Field(() => Int, { description: 'The workflow version it runs' }) @Column('int') version: number;
  @Field(() => WorkflowExecutionStatus, { description: 'Where it stands' }) @Column('text') status: WorkflowExecutionStatus;
  @Field(() => GraphQLJSONObject, { description: "Its data: the start input under 'input', and each node's output under its node id" })
  @Column('jsonb')
  data: Record<string, unknown>;
  @Field(() => String, { nullable: true, description: 'Why it failed or was cancelled' }) @Column('text', { nullable: true }) error: string | null;
  @Column('uuid', { nullable: true }) startedById: string | null;
  @Field(() => WorkflowTriggerKind, {
    name: 'trigger',
    description: 'What started it: a person or key (MANUAL), the schedule, a webhook delivery or a Steward event',
  })
  @Column('text')
  triggerKind: WorkflowTriggerKind;
  @Field(() => String, {
    nullable: true,
    description: 'The occurrence that started it, e.g. the webhook delivery id or the scheduled minute; null when run by hand',
  })
  @Column('text', { nullable: true })
  triggerKey: string | null;
  @Field({ description: 'When it started (UTC)' }) @Column('timestamptz') startedAt: Date;
  @Field(() => Date, { nullable: true, description: 'When it ended' }) @Column('timestamptz', { nullable: true }) finishedAt: Date | null;
}

@ObjectType({ description: 'One run of one node: the unit that is queued, retried and recorded' })
@Entity('workflow_node_runs')
export class WorkflowNodeRun {
  @PrimaryGeneratedColumn('uuid', { name: 'id' }) uuid: string;
  @Field(() => ID, { description: 'Opaque id of the node run; pass it to workflowExecutionNodeRetry' })
  get id(): string {
    return toGlobalId('WorkflowNodeRun', this.uuid);
  }
  @Column('uuid') tenantId: string;
  @Column('uuid') executionId: string;
  @Field({ name: 'nodeKey', description: 'The id of the node in the graph' }) @Column('text') nodeId: string;
  @Field({ description: "The node's type" }) @Column('text') nodeType: string;
  @Field(() => Int, { description: 'Order within the execution; a node visited again (a loop, a re-run) has a new step' }) @Column('int') step: number;
  @Field(() => WorkflowNodeRunStatus, { description: 'Where it stands' }) @Column('text') status: WorkflowNodeRunStatus;
  @Field(() => Int, { description: 'Attempts made so far' }) @Column('int') attempts: number;
  @Field(() => Int, { description: 'Attempts allowed before it fails' }) @Column('int') maxAttempts: number;
  @Field({ description: 'When it runs next (pending) or wakes (waiting)' }) @Column('timestamptz') runAt: Date;
  @Field(() => Date, { nullable: true, description: 'When its first attempt started' }) @Column('timestamptz', { nullable: true }) startedAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'When it ended' }) @Column('timestamptz', { nullable: true }) finishedAt: Date | null;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'What it produced' }) @Column('jsonb', { nullable: true }) output: Record<
    string,
    unknown
  > | null;
  @Field(() => String, { nullable: true, description: 'Why its last attempt failed' }) @Column('text', { nullable: true }) error: string | null;
  @Column('uuid', { nullable: true }) approvalRequestId: string | null;
}

@ObjectType({ description: 'One transition in an execution: of the execution itself (nodeId null) or of a node run' })
@Entity('workflow_execution_events')
export class WorkflowExecutionEvent {
  @PrimaryColumn('bigint', { name: 'id' }) seq: string;
  @Column('uuid') tenantId: string;
  @Column('uuid') executionId: string;
  @Column('uuid', { nullable: true }) nodeRunId: string | null;
  @Field(() => String, { name: 'nodeKey', nullable: true, description: 'The id of the node in the graph, or null for the execution' })
  @Column('text', { nullable: true })
  nodeId: string | null;
  @Field(() => String, { nullable: true, description: 'Status before' }) @Column('text', { nullable: true }) fromStatus: string | null;
  @Field({ description: 'Status after' }) @Column('text') toStatus: string;
  @Column('uuid', { nullable: true }) actorUserId: string | null;
  @Field({ description: 'Who or what made the transition: a person, or the job' }) @Column('text') actorLabel: string;
  @Field({ description: 'What happened, e.g. the error or the retry delay' }) @Column('text') message: string;
  @Field({ description: 'When (UTC)' }) @Column('timestamptz') at: Date;
}
