import type { TenantScope } from '../scope';

/**
 * Steward events that may start workflows (a workflow's EVENT trigger). Modules emit them in the
 * transaction of what happened, through this file alone, so none of them depends on workflows; the
 * workflow executions module listens. The names are WorkflowEvent's values.
 */
export type StewardEventName = 'agent.deploy.requested' | 'violation.opened' | 'budget.threshold.crossed' | 'evidence.expiring' | 'approval.decided';

export interface StewardEvent {
  name: StewardEventName;
  /** What happened, e.g. { agentId }; becomes the started execution's input. */
  data: Record<string, unknown>;
  /** The same key for the same occurrence: an execution starts once per workflow and key. */
  key: string;
}

type Listener = (ctx: TenantScope, event: StewardEvent) => Promise<void>;
const listeners: Listener[] = [];

export function onStewardEvent(listener: Listener): void {
  listeners.push(listener);
}

export async function emitStewardEvent(ctx: TenantScope, event: StewardEvent): Promise<void> {
  for (const listener of listeners) await listener(ctx, event);
}
