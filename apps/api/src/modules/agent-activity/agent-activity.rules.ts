import { anyMember, hasRole, PermissionMap } from '../../auth/rules';
import { Role } from '../../auth/roles';

const builders = hasRole(Role.admin, Role.developer);

export const agentActivityPermissions: PermissionMap = {
  Agent: { activity: anyMember },
  AgentActivity: { '*': anyMember },
  AgentActivityConnection: { '*': anyMember },
  AgentActivityEdge: { '*': anyMember },
  Mutation: { agentActivityRecord: builders },
  AgentActivityRecordPayload: { '*': builders },
};
