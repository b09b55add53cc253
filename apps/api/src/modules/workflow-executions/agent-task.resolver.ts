import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { StewardContext } from '../../context';
import { Connection, ConnectionArgs, connectionType } from '../../graphql/connection';
import { expectGlobalId } from '../../graphql/global-id';
import { loader } from '../../graphql/loader';
import { mutate } from '../../graphql/mutation';
import { readById, Selection } from '../../graphql/read-model';
import { Agent, agentById } from '../agents';
import { AgentTask, AgentTaskTotals } from './agent-task.entity';
import { AgentTaskCompleteInput, AgentTaskFilter, AgentTaskProgressInput, AgentTasksClaimInput } from './agent-task.inputs';
import { AgentTaskPayload, AgentTasksClaimPayload } from './agent-task.payloads';
import { agentTaskReads } from './agent-task.reads';
import { claimTasks, completeTask, listAgentTasks, reportTaskProgress, tasksByExecution, taskTotalsByAgent } from './agent-task.service';
import { WorkflowExecution } from './execution.entity';
import { executionReads } from './execution.reads';

export const AgentTaskConnection = connectionType(AgentTask, 'AgentTask');

const noTask = () => ({ task: null });

@Resolver(() => AgentTask)
export class AgentTaskResolver {
  @Query(() => AgentTask, { nullable: true, description: 'One AI agent task by id' })
  agentTask(@Arg('id', () => ID, { description: 'Global id of the task' }) id: string, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo) {
    return readById(ctx, agentTaskReads, Selection.of(info)).load(expectGlobalId(id, 'AgentTask', 'id'));
  }

  @FieldResolver(() => Agent, { nullable: true, description: 'The agent that runs it' })
  agent(@Root() t: AgentTask, @Ctx() ctx: StewardContext): Promise<Agent | null> {
    return loader(ctx, agentById).load(t.agentId);
  }

  @FieldResolver(() => WorkflowExecution, { nullable: true, description: 'The workflow execution whose agent_task node made it' })
  execution(@Root() t: AgentTask, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<WorkflowExecution | null> | null {
    return t.executionId ? readById(ctx, executionReads, Selection.of(info)).load(t.executionId) : null;
  }

  @Mutation(() => AgentTasksClaimPayload, {
    nullable: true,
    description: "The agent's runtime (with an API key) takes the agent's pending tasks, oldest first; each claim is an attempt",
  })
  agentTasksClaim(
    @Arg('input', { description: 'The agent and how many' }) input: AgentTasksClaimInput,
    @Ctx() ctx: StewardContext,
  ): Promise<AgentTasksClaimPayload> {
    return mutate(
      ctx,
      { action: 'agentTask.claim', entityType: 'Agent' },
      async () => ({ tasks: await claimTasks(ctx, input.agentId, input.limit), userErrors: [] }),
      () => ({ tasks: [] }),
    );
  }

  @Mutation(() => AgentTaskPayload, { nullable: true, description: 'The runtime reports how far a claimed task is' })
  agentTaskProgress(
    @Arg('input', { description: 'The task and its progress' }) input: AgentTaskProgressInput,
    @Ctx() ctx: StewardContext,
  ): Promise<AgentTaskPayload> {
    return mutate(
      ctx,
      { action: 'agentTask.progress', entityType: 'AgentTask' },
      async () => ({ task: await reportTaskProgress(ctx, input.taskId, input.progress, input.message), userErrors: [] }),
      noTask,
    );
  }

  @Mutation(() => AgentTaskPayload, {
    nullable: true,
    description: "The runtime reports a task's result with provider, model, tokens and cost; the cost is recorded as a cost entry and the workflow goes on",
  })
  agentTaskComplete(
    @Arg('input', { description: 'The task and its result' }) input: AgentTaskCompleteInput,
    @Ctx() ctx: StewardContext,
  ): Promise<AgentTaskPayload> {
    return mutate(
      ctx,
      { action: 'agentTask.complete', entityType: 'AgentTask' },
      async () => ({ task: await completeTask(ctx, input), userErrors: [] }),
      noTask,
    );
  }
}

@Resolver(() => Agent)
export class AgentTasksOfAgentResolver {
  @FieldResolver(() => AgentTaskConnection, { nullable: true, description: "The agent's AI tasks, newest first" })
  tasks(
    @Root() agent: Agent,
    @Args() page: ConnectionArgs,
    @Arg('filter', () => AgentTaskFilter, { nullable: true, description: 'Only tasks matching these conditions; all when null' })
    filter: AgentTaskFilter | null,
    @Ctx() ctx: StewardContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<AgentTask>> {
    return listAgentTasks(ctx, agent.uuid, page, filter, Selection.of(info, true));
  }

  @FieldResolver(() => AgentTaskTotals, { nullable: true, description: "Tokens and cost over all the agent's AI tasks" })
  taskTotals(@Root() agent: Agent, @Ctx() ctx: StewardContext): Promise<AgentTaskTotals> {
    return loader(ctx, taskTotalsByAgent).load(agent.uuid);
  }
}

@Resolver(() => WorkflowExecution)
export class AgentTasksOfExecutionResolver {
  @FieldResolver(() => [AgentTask], { description: 'The AI agent tasks its agent_task nodes made, oldest first' })
  agentTasks(@Root() e: WorkflowExecution, @Ctx() ctx: StewardContext): Promise<AgentTask[]> {
    return loader(ctx, tasksByExecution).load(e.uuid);
  }
}
