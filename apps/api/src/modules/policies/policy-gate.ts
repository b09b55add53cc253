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
  /** True when, not blocked, a rule of a policy in require-approval mode was violated and no approval covers the change. */
  held: boolean;
  /** The change is applied on an approval: require-approval rules do not hold it. */
  approved: boolean;
  /** Violations of warn and block policies, to show the caller. */
  findings: PolicyFinding[];
  /** Every rule of every policy in scope, as judged: what recordAgentEvaluation writes down. */
  outcomes: RuleOutcome[];
  /** SHA-256 of the canonical JSON the rules saw. */
  digest: string;
}

/** Evaluates a change against the tenant's active policies in scope; writes nothing. `approved`: an approval request approved it. */
export function evaluateAgentChange(ctx: TenantScope, change: AgentChange, approved = false): Promise<AgentEvaluation> {
  return evaluateChange(ctx, change, approved);
}

/** Records decisions and violations of an evaluation, and the agent's resulting compliance status. */
export function recordAgentEvaluation(ctx: TenantScope, evaluation: AgentEvaluation, applied: boolean): Promise<void> {
  return recordChangeEvaluation(ctx, evaluation, applied);
}
