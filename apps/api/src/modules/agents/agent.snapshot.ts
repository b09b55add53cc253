import type { AiModel } from '../ai-models';
import type { Agent } from './agent.entity';

/** The agent as plain JSON: what governance rules see as `agent`, and what the audit log keeps. */
export function agentSnapshot(agent: Agent, model: AiModel | null): Record<string, unknown> {
  return {
    name: agent.name,
    description: agent.description,
    role: agent.role,
    modelTier: agent.modelTier,
    thinkingMode: agent.thinkingMode,
    status: agent.status,
    runtimeState: agent.runtimeState,
    costPerRequest: Number(agent.costPerRequest),
    totalRequests: Number(agent.totalRequests),
    tags: agent.tags,
    capabilities: agent.capabilities,
    limitations: agent.limitations,
    complianceStatus: agent.complianceStatus,
    configuration: agent.configuration,
    toolPolicy: agent.toolPolicy,
    model: model ? { name: model.name, provider: model.provider, version: model.version, type: model.type, status: model.status } : null,
  };
}
