import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, Mutation, Resolver, Root } from 'type-graphql';
import type { StewardContext } from '../../context';
import { readByIdFor, readByParentFor } from '../../graphql/read-model';
import { agentChannelReads } from './agent-channel.reads';
import { expectGlobalId, toGlobalId } from '../../graphql/global-id';
import { loader } from '../../graphql/loader';
import { mutate } from '../../graphql/mutation';
import { Agent, agentById, agentReads } from '../agents';
import { AgentChannel } from './agent-channel.entity';
import { AgentChannelAddInput, AgentChannelRemoveInput, AgentChannelSendTestInput, AgentChannelUpdateInput } from './agent-channel.inputs';
import { ChannelDelivery } from './agent-channel-delivery.entity';
import { deliveriesByChannel } from './agent-channel.loaders';
import { AgentChannelDeliveryPayload, AgentChannelPayload, AgentChannelRemovePayload } from './agent-channel.payloads';
import { addChannel, removeChannel, sendTestMessage, updateChannel } from './agent-channel.service';

const noChannel = () => ({ channel: null });

@Resolver(() => Agent)
export class AgentChannelsResolver {
  @FieldResolver(() => [AgentChannel], { description: 'How the agent communicates, oldest first' })
  channels(@Root() agent: Agent, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<AgentChannel[]> {
    return readByParentFor(ctx, agentChannelReads, info, 'agentId', 'r.created_at, r.id').load(agent.uuid);
  }
}

@Resolver(() => AgentChannel)
export class AgentChannelResolver {
  @FieldResolver(() => Agent, { description: 'The agent that communicates through this channel' })
  async agent(@Root() channel: AgentChannel, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<Agent> {
    return (await readByIdFor(ctx, agentReads, info).load(channel.agentId))!;
  }

  @FieldResolver(() => [ChannelDelivery], {
    nullable: true,
    description: "The channel's delivery log: its latest 20 messages, newest first, with how each was sent",
  })
  deliveries(@Root() channel: AgentChannel, @Ctx() ctx: StewardContext): Promise<ChannelDelivery[]> {
    return loader(ctx, deliveriesByChannel).load(channel.uuid);
  }

  @Mutation(() => AgentChannelDeliveryPayload, { nullable: true, description: 'Sends a test message to an enabled channel (queued; see its deliveries)' })
  agentChannelSendTest(
    @Arg('input', { description: 'The channel' }) input: AgentChannelSendTestInput,
    @Ctx() ctx: StewardContext,
  ): Promise<AgentChannelDeliveryPayload> {
    const id = expectGlobalId(input.channelId, 'AgentChannel', 'input.channelId');
    return mutate(
      ctx,
      { action: 'agentChannel.sendTest', entityType: 'AgentChannel', entityId: id },
      async () => ({ delivery: await sendTestMessage(ctx, id), userErrors: [] }),
      () => ({ delivery: null }),
    );
  }

  @Mutation(() => AgentChannelPayload, { nullable: true, description: 'Adds a communication channel to an agent; archived agents are read-only' })
  agentChannelAdd(
    @Arg('input', { description: 'The agent and the channel to add' }) input: AgentChannelAddInput,
    @Ctx() ctx: StewardContext,
  ): Promise<AgentChannelPayload> {
    const agentId = expectGlobalId(input.agentId, 'Agent', 'input.agentId');
    return mutate(
      ctx,
      { action: 'agentChannel.add', entityType: 'Agent', entityId: agentId },
      async () => ({ channel: await addChannel(ctx, agentId, input), userErrors: [] }),
      noChannel,
    );
  }

  @Mutation(() => AgentChannelPayload, {
    nullable: true,
    description: 'Renames, enables or disables a channel, or changes its settings; secrets are kept unless replaced',
  })
  agentChannelUpdate(
    @Arg('input', { description: 'The channel and the fields to change' }) input: AgentChannelUpdateInput,
    @Ctx() ctx: StewardContext,
  ): Promise<AgentChannelPayload> {
    const id = expectGlobalId(input.channelId, 'AgentChannel', 'input.channelId');
    return mutate(
      ctx,
      { action: 'agentChannel.update', entityType: 'AgentChannel', entityId: id },
      async () => ({ channel: await updateChannel(ctx, id, input), userErrors: [] }),
      noChannel,
    );
  }

  @Mutation(() => AgentChannelRemovePayload, { nullable: true, description: 'Removes a channel and its secrets' })
  agentChannelRemove(
    @Arg('input', { description: 'The channel to remove' }) input: AgentChannelRemoveInput,
    @Ctx() ctx: StewardContext,
  ): Promise<AgentChannelRemovePayload> {
    const id = expectGlobalId(input.channelId, 'AgentChannel', 'input.channelId');
    return mutate(
      ctx,
      { action: 'agentChannel.remove', entityType: 'AgentChannel', entityId: id },
      async () => {
        const { agentId } = await removeChannel(ctx, id);
        return { removedChannelId: toGlobalId('AgentChannel', id), agent: await loader(ctx, agentById).load(agentId), userErrors: [] };
      },
      () => ({ removedChannelId: null, agent: null }),
    );
  }
}
