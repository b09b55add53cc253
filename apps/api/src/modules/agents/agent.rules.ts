import { anyMember, hasRole, PermissionMap } from '../../auth/rules';
import { Role } from '../../auth/roles';

const builders = hasRole(Role.admin, Role.developer);
const moneyReaders = hasRole(Role.admin, Role.developer, Role.analyst);

export const agentPermissions: PermissionMap = {
  Query: { agents: anyMember, agent: anyMember },
  Agent: { '*': anyMember, configuration: builders, toolPolicy: builders, costPerRequest: moneyReaders },
  AgentConnection: { '*': anyMember },
  AgentEdge: { '*': anyMember },
  Mutation: {
    agentCreate: builders, agentUpdate: builders, agentDeploy: builders, agentSuspend: builders, agentResume: builders, agentArchive: builders,
  },
  AgentPayload: { '*': builders },
  PolicyFinding: { '*': anyMember },
  AiModel: { agents: anyMember },
};
