import { ReadModel } from '../../graphql/read-model';
import { AgentChannel } from './agent-channel.entity';

/** Channels as an agent's list and their relations read them; sealed secrets only for the names of those set. */
export const agentChannelReads = new ReadModel(AgentChannel, {
  table: 'agent_channels',
  always: ['uuid'],
  needs: { configuredSecrets: ['sealedSecrets'], agent: ['agentId'] },
});
