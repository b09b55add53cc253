import type { GraphQLResolveInfo } from 'graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { StewardContext } from '../../context';
import { Connection, ConnectionArgs, connectionType } from '../../graphql/connection';
import { expectGlobalId } from '../../graphql/global-id';
import { loader } from '../../graphql/loader';
import { readById, Selection } from '../../graphql/read-model';
import { mutate } from '../../graphql/mutation';
import { User, userById } from '../users';
import { validateGraph } from './workflow-graph';
import { Workflow, WorkflowGraphProblem, WorkflowTrigger, WorkflowVersion } from './workflow.entity';
import { WorkflowCreateInput, WorkflowFilter, WorkflowRefInput, WorkflowUpdateInput } from './workflow.inputs';
import { workflowVersionsByWorkflow } from './workflow.loaders';
import { WorkflowPayload } from './workflow.payloads';
import { workflowReads } from './workflow.reads';
import { createWorkflow, listWorkflows, rotateWebhookSecret, setWorkflowActive, updateWorkflow } from './workflow.service';

export const WorkflowConnection = connectionType(Workflow, 'Workflow');

const noWorkflow = () => ({ workflow: null, webhookSecret: null });
const idOf = (input: { workflowId: string }) => expectGlobalId(input.workflowId, 'Workflow', 'input.workflowId');

@Resolver(() => Workflow)
export class WorkflowResolver {
  @Query(() => WorkflowConnection, { nullable: true, description: "The tenant's workflows, newest first" })
  workflows(
    @Args() page: ConnectionArgs,
    @Arg('filter', () => WorkflowFilter, { nullable: true, description: 'Only workflows matching these conditions; all when null' })
    filter: WorkflowFilter | null,
    @Ctx() ctx: StewardContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<Workflow>> {
    return listWorkflows(ctx, page, filter, Selection.of(info, true));
  }

  @Query(() => Workflow, { nullable: true, description: 'One workflow by id' })
  workflow(@Arg('id', () => ID, { description: 'Global id of the workflow' }) id: string, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo) {
    return readById(ctx, workflowReads, Selection.of(info)).load(expectGlobalId(id, 'Workflow', 'id'));
  }

  @Query(() => [WorkflowGraphProblem], {
    nullable: true,
    description: "Checks a graph as saving would, for the editor's live errors; empty when it is valid",
  })
  workflowGraphValidate(@Arg('graph', () => GraphQLJSONObject, { description: 'The graph to check' }) graph: Record<string, unknown>): WorkflowGraphProblem[] {
    return validateGraph(graph);
  }

  @FieldResolver(() => WorkflowTrigger, { description: 'What starts it' })
  trigger(@Root() w: Workflow): WorkflowTrigger {
    return { kind: w.triggerKind, cron: w.triggerCron, event: w.triggerEvent, hasWebhookSecret: Boolean(w.hasWebhookSecret) };
  }

  @FieldResolver(() => [WorkflowVersion], { description: 'Every saved version, newest first' })
  versions(@Root() w: Workflow, @Ctx() ctx: StewardContext): Promise<WorkflowVersion[]> {
    return loader(ctx, workflowVersionsByWorkflow).load(w.uuid);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who created it' })
  createdBy(@Root() w: Workflow, @Ctx() ctx: StewardContext): Promise<User | null> | null {
    return w.createdById ? loader(ctx, userById).load(w.createdById) : null;
  }

  @Mutation(() => WorkflowPayload, { nullable: true, description: 'Creates a workflow at version 1; the graph is validated and every problem names its node' })
  workflowCreate(@Arg('input', { description: 'The new workflow' }) input: WorkflowCreateInput, @Ctx() ctx: StewardContext): Promise<WorkflowPayload> {
    return mutate(ctx, { action: 'workflow.create', entityType: 'Workflow' }, () => createWorkflow(ctx, input), noWorkflow);
  }

  @Mutation(() => WorkflowPayload, {
    nullable: true,
    description: 'Changes a workflow as a new version; running executions keep the version they started with',
  })
  workflowUpdate(
    @Arg('input', { description: 'The workflow and what changes' }) input: WorkflowUpdateInput,
    @Ctx() ctx: StewardContext,
  ): Promise<WorkflowPayload> {
    const id = idOf(input);
    return mutate(ctx, { action: 'workflow.update', entityType: 'Workflow', entityId: id }, () => updateWorkflow(ctx, id, input), noWorkflow);
  }

  @Mutation(() => WorkflowPayload, { nullable: true, description: 'Lets the workflow start executions again' })
  workflowActivate(@Arg('input', { description: 'The workflow' }) input: WorkflowRefInput, @Ctx() ctx: StewardContext): Promise<WorkflowPayload> {
    const id = idOf(input);
    return mutate(ctx, { action: 'workflow.activate', entityType: 'Workflow', entityId: id }, () => setWorkflowActive(ctx, id, true), noWorkflow);
  }

  @Mutation(() => WorkflowPayload, { nullable: true, description: 'Stops the workflow from starting executions; running ones go on' })
  workflowDeactivate(@Arg('input', { description: 'The workflow' }) input: WorkflowRefInput, @Ctx() ctx: StewardContext): Promise<WorkflowPayload> {
    const id = idOf(input);
    return mutate(ctx, { action: 'workflow.deactivate', entityType: 'Workflow', entityId: id }, () => setWorkflowActive(ctx, id, false), noWorkflow);
  }

  @Mutation(() => WorkflowPayload, { nullable: true, description: 'Replaces the webhook secret of a WEBHOOK workflow; the new secret is shown once' })
  workflowWebhookSecretRotate(@Arg('input', { description: 'The workflow' }) input: WorkflowRefInput, @Ctx() ctx: StewardContext): Promise<WorkflowPayload> {
    const id = idOf(input);
    return mutate(ctx, { action: 'workflow.webhookSecretRotate', entityType: 'Workflow', entityId: id }, () => rotateWebhookSecret(ctx, id), noWorkflow);
  }
}

@Resolver(() => WorkflowVersion)
export class WorkflowVersionResolver {
  @FieldResolver(() => User, { nullable: true, description: 'Who saved it' })
  createdBy(@Root() v: WorkflowVersion, @Ctx() ctx: StewardContext): Promise<User | null> | null {
    return v.createdById ? loader(ctx, userById).load(v.createdById) : null;
  }
}
