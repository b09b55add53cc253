import { anyMember, hasRole, PermissionMap } from '../../auth/rules';
import { Role } from '../../auth/roles';

const builders = hasRole(Role.admin, Role.developer);

export const agentChannelPermissions: PermissionMap = {
  Agent: { channels: anyMember },
  AgentChannel: { '*': anyMember, config: builders },
  Mutation: { agentChannelAdd: builders, agentChannelUpdate: builders, agentChannelRemove: builders },
  AgentChannelPayload: { '*': builders },
  AgentChannelRemovePayload: { '*': builders },
};
