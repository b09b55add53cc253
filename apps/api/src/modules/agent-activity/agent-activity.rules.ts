import { builders } from '../../auth/role-groups';
import { anyMember, PermissionMap } from '../../auth/rules';

export const agentActivityPermissions: PermissionMap = {
  Agent: { activity: anyMember },
  AgentActivity: { '*': anyMember },
  AgentActivityConnection: { '*': anyMember },
  AgentActivityEdge: { '*': anyMember },
  Mutation: { agentActivityRecord: builders },
  AgentActivityRecordPayload: { '*': builders },
};
