import type { StewardModule } from '../module';
import { readById } from '../../graphql/read-model';
import { agentReads } from './agent.reads';
import { Agent } from './agent.entity';
import { AgentResolver, AiModelAgentsResolver } from './agent.resolver';
import { agentPermissions } from './agent.rules';
import './agent.sql';
import { AgentSubscriptionResolver } from './agent.subscription';

export { Agent, AgentRole, AgentStatus, ComplianceStatus, ModelTier, ThinkingMode } from './agent.entity';
export { AgentCreateInput } from './agent.inputs';
export { agentById } from './agent.loaders';
export { agentReads } from './agent.reads';
export { AgentPayload } from './agent.payloads';
export { changeLifecycle, createAgent, findAgent } from './agent.service';
export { agentSnapshot } from './agent.snapshot';
export { writableAgent } from './agent.writable';
export type { WritableAgent } from './agent.writable';

export const agentsModule: StewardModule = {
  name: 'agents',
  entities: [Agent],
  resolvers: [AgentResolver, AiModelAgentsResolver, AgentSubscriptionResolver],
  permissions: agentPermissions,
  nodes: { Agent: (ctx, id, selection) => readById(ctx, agentReads, selection).load(id) },
};
