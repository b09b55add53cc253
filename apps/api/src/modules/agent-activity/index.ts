import type { StewardModule } from '../module';
import { AgentActivity } from './agent-activity.entity';
import { AgentActivityResolver } from './agent-activity.resolver';
import { agentActivityPermissions } from './agent-activity.rules';

export { recordAgentActivity } from './agent-activity.service';

export const agentActivityModule: StewardModule = {
  name: 'agent-activity',
  entities: [AgentActivity],
  resolvers: [AgentActivityResolver],
  permissions: agentActivityPermissions,
  nodes: { AgentActivity: (ctx, id) => ctx.tx.manager.findOneBy(AgentActivity, { uuid: id }) },
};
