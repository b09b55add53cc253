import { AgentStatus } from './agent.entity';

export type LifecycleAction = 'deploy' | 'suspend' | 'resume' | 'archive';

const transitions: Record<LifecycleAction, { from: AgentStatus[]; to: AgentStatus }> = {
  deploy: { from: [AgentStatus.draft], to: AgentStatus.deployed },
  suspend: { from: [AgentStatus.deployed], to: AgentStatus.suspended },
  resume: { from: [AgentStatus.suspended], to: AgentStatus.deployed },
  archive: { from: [AgentStatus.draft, AgentStatus.deployed, AgentStatus.suspended], to: AgentStatus.archived },
};

/** The status an action leads to, or why it cannot happen from `current`. */
export function nextStatus(current: AgentStatus, action: LifecycleAction): { status: AgentStatus } | { refusal: string } {
  const rule = transitions[action];
  if (rule.from.includes(current)) return { status: rule.to };
  if (current === AgentStatus.archived) return { refusal: 'The agent is archived and read-only' };
  return { refusal: `A ${current} agent cannot ${action}; only a ${rule.from.join(' or ')} one can` };
}
