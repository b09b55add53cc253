import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { StewardContext } from '../../context';
import { Connection, ConnectionArgs, connectionType } from '../../graphql/connection';
import { expectGlobalId } from '../../graphql/global-id';
import { loader } from '../../graphql/loader';
import { readById, readByIdFor, Selection } from '../../graphql/read-model';
import { mutate } from '../../graphql/mutation';
import { ApprovalRequest, approvalReads } from '../approvals';
import { User, userById } from '../users';
import { Workflow, workflowById } from '../workflows';
import { WorkflowExecution, WorkflowExecutionEvent, WorkflowNodeRun } from './execution.entity';
import { WorkflowExecutionCancelInput, WorkflowExecutionFilter, WorkflowExecutionNodeRetryInput, WorkflowRunInput } from './execution.inputs';
import { eventsByExecution, nodeRunsByExecution } from './execution.loaders';
import { WorkflowExecutionPayload } from './execution.payloads';
import { executionReads } from './execution.reads';
import { cancelExecution, listExecutions, retryNode, startExecution } from './execution.service';

export const WorkflowExecutionConnection = connectionType(WorkflowExecution, 'WorkflowExecution');

const noExecution = () => ({ execution: null });

@Resolver(() => WorkflowExecution)
export class WorkflowExecutionResolver {
  @Query(() => WorkflowExecutionConnection, { nullable: true, description: "The tenant's workflow executions, newest first" })
  workflowExecutions(
    @Args() page: ConnectionArgs,
    @Arg('filter', () => WorkflowExecutionFilter, { nullable: true, description: 'Only executions matching these conditions' })
    filter: WorkflowExecutionFilter | null,
    @Ctx() ctx: StewardContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<WorkflowExecution>> {
    return listExecutions(ctx, page, filter, Selection.of(info, true));
  }

  @Query(() => WorkflowExecution, { nullable: true, description: 'One execution by id' })
  workflowExecution(
    @Arg('id', () => ID, { description: 'Global id of the execution' }) id: string,
    @Ctx() ctx: StewardContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return readById(ctx, executionReads, Selection.of(info)).load(expectGlobalId(id, 'WorkflowExecution', 'id'));
  }

  @FieldResolver(() => Workflow, { nullable: true, description: 'The workflow it runs' })
  workflow(@Root() e: WorkflowExecution, @Ctx() ctx: StewardContext): Promise<Workflow | null> {
    return loader(ctx, workflowById).load(e.workflowId);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who started it; null for a schedule, webhook or event' })
  startedBy(@Root() e: WorkflowExecution, @Ctx() ctx: StewardContext): Promise<User | null> | null {
    return e.startedById ? loader(ctx, userById).load(e.startedById) : null;
  }

  @FieldResolver(() => [WorkflowNodeRun], { description: 'Every node run, in step order, with its state, attempts and output' })
  nodeRuns(@Root() e: WorkflowExecution, @Ctx() ctx: StewardContext): Promise<WorkflowNodeRun[]> {
    return loader(ctx, nodeRunsByExecution).load(e.uuid);
  }

  @FieldResolver(() => [WorkflowExecutionEvent], { description: 'Every transition of the execution and its node runs, in order, with time and actor' })
  timeline(@Root() e: WorkflowExecution, @Ctx() ctx: StewardContext): Promise<WorkflowExecutionEvent[]> {
    return loader(ctx, eventsByExecution).load(e.uuid);
  }

  @Mutation(() => WorkflowExecutionPayload, { nullable: true, description: 'Runs an active workflow now, at its current version' })
  workflowRun(
    @Arg('input', { description: 'The workflow and its input' }) input: WorkflowRunInput,
    @Ctx() ctx: StewardContext,
  ): Promise<WorkflowExecutionPayload> {
    const id = expectGlobalId(input.workflowId, 'Workflow', 'input.workflowId');
    return mutate(
      ctx,
      { action: 'workflow.run', entityType: 'Workflow', entityId: id },
      async () => ({ execution: await startExecution(ctx, id, input.input ?? {}), userErrors: [] }),
      noExecution,
    );
  }

  @Mutation(() => WorkflowExecutionPayload, { nullable: true, description: 'Cancels a running execution: its pending and waiting nodes are cancelled' })
  workflowExecutionCancel(
    @Arg('input', { description: 'The execution and why' }) input: WorkflowExecutionCancelInput,
    @Ctx() ctx: StewardContext,
  ): Promise<WorkflowExecutionPayload> {
    const id = expectGlobalId(input.executionId, 'WorkflowExecution', 'input.executionId');
    return mutate(
      ctx,
      { action: 'workflow.cancel', entityType: 'WorkflowExecution', entityId: id },
      async () => ({ execution: await cancelExecution(ctx, id, input.reason), userErrors: [] }),
      noExecution,
    );
  }

  @Mutation(() => WorkflowExecutionPayload, { nullable: true, description: 'Runs the failed node of a failed execution again, as a new step' })
  workflowExecutionNodeRetry(
    @Arg('input', { description: 'The failed node run' }) input: WorkflowExecutionNodeRetryInput,
    @Ctx() ctx: StewardContext,
  ): Promise<WorkflowExecutionPayload> {
    return mutate(
      ctx,
      { action: 'workflow.nodeRetry', entityType: 'WorkflowExecution' },
      async () => ({ execution: await retryNode(ctx, input.nodeRunId), userErrors: [] }),
      noExecution,
    );
  }
}

@Resolver(() => WorkflowExecutionEvent)
export class WorkflowExecutionEventResolver {
  @FieldResolver(() => User, { nullable: true, description: 'The person, when a person made it' })
  actor(@Root() e: WorkflowExecutionEvent, @Ctx() ctx: StewardContext): Promise<User | null> | null {
    return e.actorUserId ? loader(ctx, userById).load(e.actorUserId) : null;
  }
}

@Resolver(() => WorkflowNodeRun)
export class WorkflowNodeRunResolver {
  @FieldResolver(() => ApprovalRequest, {
    nullable: true,
    description: 'An approval node: the request it opened, with its steps and every decision (who, when, comment, form fields); null for other nodes',
  })
  approvalRequest(@Root() run: WorkflowNodeRun, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<ApprovalRequest | null> | null {
    return run.approvalRequestId ? readByIdFor(ctx, approvalReads, info).load(run.approvalRequestId) : null;
  }
}
