import { builders } from '../../auth/role-groups';
import { anyMember, PermissionMap } from '../../auth/rules';

export const agentChannelPermissions: PermissionMap = {
  Agent: { channels: anyMember },
  AgentChannel: { '*': anyMember, config: builders, deliveries: builders },
  ChannelDelivery: { '*': builders },
  Mutation: { agentChannelAdd: builders, agentChannelUpdate: builders, agentChannelRemove: builders, agentChannelSendTest: builders },
  AgentChannelPayload: { '*': builders },
  AgentChannelRemovePayload: { '*': builders },
  AgentChannelDeliveryPayload: { '*': builders },
};
