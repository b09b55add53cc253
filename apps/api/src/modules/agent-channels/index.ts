import type { StewardModule } from '../module';
import { readById } from '../../graphql/read-model';
import { agentChannelReads } from './agent-channel.reads';
import { AgentChannel } from './agent-channel.entity';
import { AgentChannelResolver, AgentChannelsResolver } from './agent-channel.resolver';
import { agentChannelPermissions } from './agent-channel.rules';

export { keyLabelOf, openSecret, resealChannelSecrets } from './agent-channel.secrets';
export type { ResealCount } from './agent-channel.secrets';

export const agentChannelsModule: StewardModule = {
  name: 'agent-channels',
  entities: [AgentChannel],
  resolvers: [AgentChannelResolver, AgentChannelsResolver],
  permissions: agentChannelPermissions,
  nodes: { AgentChannel: (ctx, id, selection) => readById(ctx, agentChannelReads, selection).load(id) },
};
