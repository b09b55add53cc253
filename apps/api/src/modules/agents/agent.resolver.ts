import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { StewardContext } from '../../context';
import { Connection, ConnectionArgs, connectionType } from '../../graphql/connection';
import { expectGlobalId } from '../../graphql/global-id';
import { joinedOf, Selection, readByIdFor } from '../../graphql/read-model';
import { mutate } from '../../graphql/mutation';
import { NamedOrder } from '../../graphql/ordering';
import { AiModel, aiModelReads } from '../ai-models';
import { User, userReads } from '../users';
import { Agent } from './agent.entity';
import { AgentCreateInput, AgentFilter, AgentLifecycleInput, AgentUpdateInput } from './agent.inputs';
import { LifecycleAction } from './agent.lifecycle';
import { AgentPayload } from './agent.payloads';
import { changeLifecycle, createAgent, listAgents, listModelAgents, readAgent, updateAgent } from './agent.service';

export const AgentConnection = connectionType(Agent, 'Agent');

const noAgent = () => ({ agent: null, heldForApproval: null, policyHolds: [], policyWarnings: [], policyViolations: [] });

function lifecycle(ctx: StewardContext, input: AgentLifecycleInput, action: LifecycleAction): Promise<AgentPayload> {
  const id = expectGlobalId(input.agentId, 'Agent', 'input.agentId');
  return mutate(ctx, { action: `agent.${action}`, entityType: 'Agent', entityId: id }, () => changeLifecycle(ctx, id, action, input.reason), noAgent);
}

@Resolver(() => Agent)
export class AgentResolver {
  @Query(() => AgentConnection, { nullable: true, description: "The tenant's agents; newest first unless ordered otherwise" })
  agents(
    @Args() page: ConnectionArgs,
    @Arg('filter', () => AgentFilter, { nullable: true, description: 'Only agents matching these conditions; all agents when null' })
    filter: AgentFilter | null,
    @Arg('orderBy', () => NamedOrder, { nullable: true, description: 'Sort order; newest first when null' }) orderBy: NamedOrder | null,
    @Ctx() ctx: StewardContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<Agent>> {
    return listAgents(ctx, page, filter, orderBy, Selection.of(info, true));
  }

  @Query(() => Agent, { nullable: true, description: 'One agent by id' })
  agent(
    @Arg('id', () => ID, { description: 'Global id of the agent' }) id: string,
    @Ctx() ctx: StewardContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Agent> {
    return readAgent(ctx, expectGlobalId(id, 'Agent', 'id'), Selection.of(info));
  }

  @FieldResolver(() => AiModel, { nullable: true, description: 'The registry model the agent runs on; null when it has none (only a tier)' })
  model(@Root() agent: Agent, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): AiModel | Promise<AiModel | null> | null {
    const joined = joinedOf<AiModel>(agent, 'model');
    // Joined into the page's statement: answered as it is, without a promise per agent.
    if (joined !== undefined) return joined;
    return agent.modelId ? readByIdFor(ctx, aiModelReads, info).load(agent.modelId) : null;
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who registered the agent (null for partner apps)' })
  createdBy(@Root() agent: Agent, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): User | Promise<User | null> | null {
    const joined = joinedOf<User>(agent, 'createdBy');
    if (joined !== undefined) return joined;
    return agent.createdById ? readByIdFor(ctx, userReads, info).load(agent.createdById) : null;
  }

  @Mutation(() => AgentPayload, { nullable: true, description: 'Registers an agent as a draft, if the policies in scope allow it' })
  agentCreate(@Arg('input', { description: 'The new agent' }) input: AgentCreateInput, @Ctx() ctx: StewardContext): Promise<AgentPayload> {
    return mutate(ctx, { action: 'agent.create', entityType: 'Agent' }, () => createAgent(ctx, input), noAgent);
  }

  @Mutation(() => AgentPayload, { nullable: true, description: 'Changes an agent, if the policies in scope allow it; archived agents are read-only' })
  agentUpdate(@Arg('input', { description: 'The agent and the fields to change' }) input: AgentUpdateInput, @Ctx() ctx: StewardContext): Promise<AgentPayload> {
    const id = expectGlobalId(input.agentId, 'Agent', 'input.agentId');
    return mutate(ctx, { action: 'agent.update', entityType: 'Agent', entityId: id }, () => updateAgent(ctx, id, input), noAgent);
  }

  @Mutation(() => AgentPayload, { nullable: true, description: 'draft → deployed' })
  agentDeploy(@Arg('input', { description: 'The draft agent to deploy' }) input: AgentLifecycleInput, @Ctx() ctx: StewardContext): Promise<AgentPayload> {
    return lifecycle(ctx, input, 'deploy');
  }

  @Mutation(() => AgentPayload, { nullable: true, description: 'deployed → suspended' })
  agentSuspend(@Arg('input', { description: 'The deployed agent to suspend' }) input: AgentLifecycleInput, @Ctx() ctx: StewardContext): Promise<AgentPayload> {
    return lifecycle(ctx, input, 'suspend');
  }

  @Mutation(() => AgentPayload, { nullable: true, description: 'suspended → deployed' })
  agentResume(@Arg('input', { description: 'The suspended agent to resume' }) input: AgentLifecycleInput, @Ctx() ctx: StewardContext): Promise<AgentPayload> {
    return lifecycle(ctx, input, 'resume');
  }

  @Mutation(() => AgentPayload, { nullable: true, description: 'Retires an agent for good: archived agents are read-only' })
  agentArchive(@Arg('input', { description: 'The agent to archive' }) input: AgentLifecycleInput, @Ctx() ctx: StewardContext): Promise<AgentPayload> {
    return lifecycle(ctx, input, 'archive');
  }
}

@Resolver(() => AiModel)
export class AiModelAgentsResolver {
  @FieldResolver(() => AgentConnection, { nullable: true, description: 'The agents using the model; newest first unless ordered otherwise' })
  agents(
    @Root() model: AiModel,
    @Args() page: ConnectionArgs,
    @Arg('filter', () => AgentFilter, { nullable: true, description: "Only the model's agents matching these conditions" }) filter: AgentFilter | null,
    @Arg('orderBy', () => NamedOrder, { nullable: true, description: 'Sort order; newest first when null' }) orderBy: NamedOrder | null,
    @Ctx() ctx: StewardContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<Agent>> {
    return listModelAgents(ctx, model.uuid, page, filter, orderBy, Selection.of(info, true));
  }
}
