import { AgentStatus } from './agent.entity';

export type LifecycleAction = 'deploy' | 'suspend' | 'resume' | 'archive';

const transitions: Record<LifecycleAction, { from: AgentStatus[]; to: AgentStatus }> = {
  deploy: { from: [AgentStatus.DRAFT], to: AgentStatus.DEPLOYED },
  suspend: { from: [AgentStatus.DEPLOYED], to: AgentStatus.SUSPENDED },
  resume: { from: [AgentStatus.SUSPENDED], to: AgentStatus.DEPLOYED },
  archive: { from: [AgentStatus.DRAFT, AgentStatus.DEPLOYED, AgentStatus.SUSPENDED], to: AgentStatus.ARCHIVED },
};

/** The status an action leads to, or why it cannot happen from `current`. */
export function nextStatus(current: AgentStatus, action: LifecycleAction): { status: AgentStatus } | { refusal: string } {
  const rule = transitions[action];
  if (rule.from.includes(current)) return { status: rule.to };
  if (current === AgentStatus.ARCHIVED) return { refusal: 'The agent is archived and read-only' };
  return { refusal: `A ${current} agent cannot ${action}; only a ${rule.from.join(' or ')} one can` };
}
