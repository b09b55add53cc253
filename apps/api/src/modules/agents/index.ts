import type { StewardModule } from '../module';
import { loader } from '../../graphql/loader';
import { Agent } from './agent.entity';
import { agentById } from './agent.loaders';
import { AgentResolver, AiModelAgentsResolver } from './agent.resolver';
import { agentPermissions } from './agent.rules';

export const agentsModule: StewardModule = {
  name: 'agents',
  entities: [Agent],
  resolvers: [AgentResolver, AiModelAgentsResolver],
  permissions: agentPermissions,
  nodes: { Agent: (ctx, id) => loader(ctx, agentById).load(id) },
};
