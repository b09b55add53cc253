import type { TenantScope } from '../../scope';
import type { ApprovalRequest } from './approval.entity';

/** What applying an approved held change came to. */
export interface HeldChangeOutcome {
  applied: boolean;
  /** Why it was refused, or a note on how it was applied. */
  message: string | null;
}

/**
 * Applies an approved held change. Handlers belong to the module that held the change (agents,
 * policies), so that this module never imports them; each re-checks the change as things stand now.
 */
export type HeldChangeHandler = (ctx: TenantScope, request: ApprovalRequest) => Promise<HeldChangeOutcome>;

const handlers = new Map<string, HeldChangeHandler>();

export function registerHeldChangeHandler(name: string, handler: HeldChangeHandler): void {
  handlers.set(name, handler);
}

export function heldChangeHandler(name: string): HeldChangeHandler | undefined {
  return handlers.get(name);
}

/** Called when a request of a kind ends (approved, rejected, expired, cancelled), in the deciding transaction. */
export type DecisionListener = (ctx: TenantScope, request: ApprovalRequest) => Promise<void>;

const listeners = new Map<string, DecisionListener[]>();

export function registerDecisionListener(kind: string, listener: DecisionListener): void {
  listeners.set(kind, [...(listeners.get(kind) ?? []), listener]);
}

export function decisionListeners(kind: string): DecisionListener[] {
  return listeners.get(kind) ?? [];
}
