import { type AccessHolder, allowed } from '../../app/access';

export const AGENT_TABS = ['overview', 'health', 'configuration', 'skills', 'channels', 'activity', 'tasks', 'violations', 'policies'] as const;
export type AgentTab = (typeof AGENT_TABS)[number];

/**
 * The agent page's tabs the caller may open, by permission (system or custom role), as the API's field
 * rules grant what each tab reads: configuration, violations and AI tasks are the guarded ones.
 */
export function agentTabs(viewer: AccessHolder): AgentTab[] {
  const guarded: Partial<Record<AgentTab, boolean>> = {
    configuration: allowed(viewer, 'agents.readConfiguration'),
    violations: allowed(viewer, 'violations.read'),
    tasks: allowed(viewer, 'agents.readTasks'),
  };
  return AGENT_TABS.filter((tab) => guarded[tab] ?? true);
}
