import { builders, moneyReaders } from '../../auth/role-groups';
import { anyMember, PermissionMap } from '../../auth/rules';

export const agentPermissions: PermissionMap = {
  Query: { agents: anyMember, agent: anyMember },
  Subscription: { agentChanged: anyMember },
  Agent: { '*': anyMember, configuration: builders, toolPolicy: builders, costPerRequest: moneyReaders },
  AgentConnection: { '*': anyMember },
  AgentEdge: { '*': anyMember },
  Mutation: {
    agentCreate: builders,
    agentUpdate: builders,
    agentDeploy: builders,
    agentSuspend: builders,
    agentResume: builders,
    agentArchive: builders,
  },
  AgentPayload: { '*': builders },
  PolicyFinding: { '*': anyMember },
  AiModel: { agents: anyMember },
};
