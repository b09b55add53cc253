import type { StewardModule } from '../module';
import { readById } from '../../graphql/read-model';
import { agentChannelReads } from './agent-channel.reads';
import { AgentChannel } from './agent-channel.entity';
import { ChannelDelivery } from './agent-channel-delivery.entity';
import { AgentChannelResolver, AgentChannelsResolver } from './agent-channel.resolver';
import { agentChannelPermissions } from './agent-channel.rules';

export { keyLabelOf, openSecret, resealChannelSecrets } from './agent-channel.secrets';
export type { ResealCount } from './agent-channel.secrets';
export { attemptChannelDelivery, nextChannelAttemptAfter, queueChannelMessage, CHANNEL_RETRY_DELAYS_SECONDS } from './agent-channel.delivery';
export { ChannelDeliverySource, ChannelDeliveryStatus } from './agent-channel-delivery.entity';

export const agentChannelsModule: StewardModule = {
  name: 'agent-channels',
  entities: [AgentChannel, ChannelDelivery],
  resolvers: [AgentChannelResolver, AgentChannelsResolver],
  permissions: agentChannelPermissions,
  nodes: {
    AgentChannel: (ctx, id, selection) => readById(ctx, agentChannelReads, selection).load(id),
    ChannelDelivery: (ctx, id) => ctx.tx.manager.findOneBy(ChannelDelivery, { uuid: id }),
  },
};
