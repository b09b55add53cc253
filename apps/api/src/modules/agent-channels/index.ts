import type { StewardModule } from '../module';
import { loader } from '../../graphql/loader';
import { AgentChannel } from './agent-channel.entity';
import { channelById } from './agent-channel.loaders';
import { AgentChannelResolver, AgentChannelsResolver } from './agent-channel.resolver';
import { agentChannelPermissions } from './agent-channel.rules';

export { keyLabelOf, openSecret, resealChannelSecrets } from './agent-channel.secrets';
export type { ResealCount } from './agent-channel.secrets';

export const agentChannelsModule: StewardModule = {
  name: 'agent-channels',
  entities: [AgentChannel],
  resolvers: [AgentChannelResolver, AgentChannelsResolver],
  permissions: agentChannelPermissions,
  nodes: { AgentChannel: (ctx, id) => loader(ctx, channelById).load(id) },
};
