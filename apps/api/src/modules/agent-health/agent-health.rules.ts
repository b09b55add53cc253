import { builders } from '../../auth/role-groups';
import { anyMember, PermissionMap } from '../../auth/rules';
import { metricReaders } from '../metrics';

/** Every member sees whether an agent is healthy; its history and uptime are metrics; runtimes (builders' keys) report. */
export const agentHealthPermissions: PermissionMap = {
  Agent: { health: anyMember, healthHistory: metricReaders, uptime: metricReaders },
  AgentHealth: { '*': anyMember },
  AgentHealthReport: { '*': metricReaders },
  Mutation: { agentHealthReportsRecord: builders },
  AgentHealthReportsRecordPayload: { '*': builders },
};
