import type { StewardContext } from '../../context';
import type { PolicyFinding } from './policy-finding.type';

/** A change to an agent, as governance policies see it: plain JSON, before and after. */
export interface AgentChange {
  action: 'create' | 'update' | 'deploy' | 'suspend' | 'resume' | 'archive';
  /** The agent's id; for a create, the id it will have. */
  agentId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
}

export interface AgentEvaluation {
  change: AgentChange;
  /** True when a rule of a policy in block mode was violated (and not waived). */
  blocked: boolean;
  /** Violations of warn and block policies, to show the caller. */
  findings: PolicyFinding[];
}

/**
 * Evaluates a change against the tenant's active policies in scope; writes nothing.
 * Replaced by the policies module's evaluator (policy-enforcement.ts).
 */
export async function evaluateAgentChange(_ctx: StewardContext, change: AgentChange): Promise<AgentEvaluation> {
  return { change, blocked: false, findings: [] };
}

/** Records decisions and violations of an evaluation, and the agent's resulting compliance status. */
export async function recordAgentEvaluation(_ctx: StewardContext, _evaluation: AgentEvaluation, _applied: boolean): Promise<void> {
  return undefined;
}
