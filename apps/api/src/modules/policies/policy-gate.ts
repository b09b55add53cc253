import type { TenantScope } from '../../scope';
import { evaluateChange, recordChangeEvaluation } from './policy-enforcement';
import type { RuleOutcome } from './policy-evaluation';
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
  /** Every rule of every policy in scope, as judged: what recordAgentEvaluation writes down. */
  outcomes: RuleOutcome[];
  /** SHA-256 of the canonical JSON the rules saw. */
  digest: string;
}

/** Evaluates a change against the tenant's active policies in scope; writes nothing. */
export function evaluateAgentChange(ctx: TenantScope, change: AgentChange): Promise<AgentEvaluation> {
  return evaluateChange(ctx, change);
}

/** Records decisions and violations of an evaluation, and the agent's resulting compliance status. */
export function recordAgentEvaluation(ctx: TenantScope, evaluation: AgentEvaluation, applied: boolean): Promise<void> {
  return recordChangeEvaluation(ctx, evaluation, applied);
}
