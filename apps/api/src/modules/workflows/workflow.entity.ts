import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';
import type { WorkflowGraph } from './workflow-graph';

export enum WorkflowType {
  APPROVAL = 'approval',
  NOTIFICATION = 'notification',
  AUTOMATION = 'automation',
  COMPLIANCE = 'compliance',
}
registerEnumType(WorkflowType, {
  name: 'WorkflowType',
  description: 'What a workflow is for',
  valuesConfig: {
    APPROVAL: { description: 'Gathers human decisions' },
    NOTIFICATION: { description: 'Tells people or systems about something' },
    AUTOMATION: { description: 'Changes things: agents, records, outside systems' },
    COMPLIANCE: { description: 'Collects evidence and reviews for compliance' },
  },
});

export enum WorkflowTriggerKind {
  MANUAL = 'manual',
  SCHEDULE = 'schedule',
  WEBHOOK = 'webhook',
  EVENT = 'event',
}
registerEnumType(WorkflowTriggerKind, {
  name: 'WorkflowTriggerKind',
  description: 'What starts an execution',
  valuesConfig: {
    MANUAL: { description: 'Someone runs it (workflowRun)' },
    SCHEDULE: { description: 'A cron schedule (UTC)' },
    WEBHOOK: { description: 'A call to its webhook, signed with its secret' },
    EVENT: { description: 'A Steward event' },
  },
});

export enum WorkflowEvent {
  AGENT_DEPLOY_REQUESTED = 'agent.deploy.requested',
  VIOLATION_OPENED = 'violation.opened',
  BUDGET_THRESHOLD_CROSSED = 'budget.threshold.crossed',
  EVIDENCE_EXPIRING = 'evidence.expiring',
  APPROVAL_DECIDED = 'approval.decided',
}
registerEnumType(WorkflowEvent, {
  name: 'WorkflowEvent',
  description: 'Steward events a workflow can start on',
  valuesConfig: {
    AGENT_DEPLOY_REQUESTED: { description: 'agent.deploy.requested: someone asked to deploy an agent' },
    VIOLATION_OPENED: { description: 'violation.opened: a policy violation was recorded' },
    BUDGET_THRESHOLD_CROSSED: { description: 'budget.threshold.crossed: spend crossed a budget threshold' },
    EVIDENCE_EXPIRING: { description: 'evidence.expiring: compliance evidence is about to expire' },
    APPROVAL_DECIDED: { description: 'approval.decided: an approval request was decided' },
  },
});

@ObjectType({ description: 'What starts a workflow' })
export class WorkflowTrigger {
  @Field(() => WorkflowTriggerKind, { description: 'Manual, schedule, webhook or event' }) kind: WorkflowTriggerKind;
  @Field(() => String, { nullable: true, description: 'For SCHEDULE: the cron expression (5 fields, UTC)' }) cron: string | null;
  @Field(() => WorkflowEvent, { nullable: true, description: 'For EVENT: the event' }) event: WorkflowEvent | null;
  @Field({ description: 'For WEBHOOK: a secret is set (it is shown only when created or rotated)' }) hasWebhookSecret: boolean;
}

@ObjectType({ implements: Node, description: 'A workflow definition: a graph of nodes run as durable executions; every saved change is a new version' })
@Entity('workflows')
export class Workflow implements Node {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID, { description: 'Opaque global id; pass it to node(id:) or to mutations' })
  get id(): string {
    return toGlobalId('Workflow', this.uuid);
  }

  @Column('uuid') tenantId: string;
  @Field({ description: 'Name, unique within the tenant (ignoring case)' }) @Column('text') name: string;
  @Field({ description: 'What it is for; empty string when none' }) @Column('text') description: string;
  @Field(() => WorkflowType, { description: 'What kind of workflow it is' }) @Column('text') type: WorkflowType;
  @Column('text') triggerKind: WorkflowTriggerKind;
  @Column('text', { nullable: true }) triggerCron: string | null;
  @Column('text', { nullable: true }) triggerEvent: WorkflowEvent | null;
  @Column('text', { nullable: true, select: false }) webhookSecretHash: string | null;
  @Column('boolean') hasWebhookSecret: boolean;
  @Field({ description: 'Only active workflows start executions' }) @Column('boolean') active: boolean;
  @Field(() => Int, { description: 'The current version; every saved change adds one, and an execution runs the version it started with' })
  @Column('int')
  version: number;
  @Field(() => GraphQLJSONObject, {
    description: 'The current graph: { nodes: [{ id, type, label, config, position }], edges: [{ id, source, target, label }] }',
  })
  @Column('jsonb')
  graph: WorkflowGraph;
  @Column('uuid', { nullable: true }) createdById: string | null;
  @Field({ description: 'When it was created (UTC)' }) @Column('timestamptz') createdAt: Date;
  @Field({ description: 'When it last changed (UTC)' }) @Column('timestamptz') updatedAt: Date;
}

@ObjectType({ description: 'A saved version of a workflow, as executions that started on it run it' })
@Entity('workflow_versions')
export class WorkflowVersion {
  @PrimaryGeneratedColumn('uuid', { name: 'id' }) uuid: string;
  @Column('uuid') tenantId: string;
  @Column('uuid') workflowId: string;
  @Field(() => Int, { description: 'The version number' }) @Column('int') version: number;
  @Field(() => GraphQLJSONObject, { description: 'The graph at this version' }) @Column('jsonb') graph: WorkflowGraph;
  @Column('uuid', { nullable: true }) createdById: string | null;
  @Field({ description: 'When it was saved (UTC)' }) @Column('timestamptz') createdAt: Date;
}

@ObjectType({ description: 'A problem with a workflow graph, naming the node or edge at fault' })
export class WorkflowGraphProblem {
  @Field(() => String, {
    name: 'nodeKey',
    nullable: true,
    description: 'The id of the node at fault; null when the problem is with the graph as a whole or an edge',
  })
  nodeId: string | null;
  @Field(() => String, { name: 'edgeKey', nullable: true, description: 'The id of the edge at fault, if an edge' }) edgeId: string | null;
  @Field({ description: 'What is wrong, naming the node' }) message: string;
}
