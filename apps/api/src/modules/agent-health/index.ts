import type { StewardModule } from '../module';
import { AgentHealthFieldsResolver, AgentHealthResolver } from './agent-health.resolver';
import { agentHealthPermissions } from './agent-health.rules';

export { detectSilence, recordHealthReports } from './agent-health.service';
export { AgentHealthStatus } from './agent-health.types';

export const agentHealthModule: StewardModule = {
  name: 'agent-health',
  entities: [],
  resolvers: [AgentHealthResolver, AgentHealthFieldsResolver],
  permissions: agentHealthPermissions,
};
