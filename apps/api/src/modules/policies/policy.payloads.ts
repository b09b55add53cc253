import { Field, Int, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error';
import { Agent } from '../agents';
import { ApprovalRequest } from '../approvals';
import { PolicyDecisionResult } from './policy-decision.entity';
import { PolicyEvaluationRun } from './policy-evaluation-run.entity';
import { PolicyViolation } from './policy-violation.entity';
import { Policy } from './policy.entity';

@ObjectType({ description: 'Result of a policy mutation' })
export class PolicyPayload {
  @Field(() => Policy, { nullable: true, description: 'The policy as it is now; null when userErrors refused the change' }) policy: Policy | null;
  @Field(() => ApprovalRequest, {
    nullable: true,
    description:
      'Set when the change touched a block-mode policy (rules, scope, enforcement, or switching it off): it waits, unapplied, for a compliance officer or an admin other than its author; policy is then the current version',
  })
  heldForApproval?: ApprovalRequest | null;
  @Field(() => [UserError], { description: 'Every problem that stopped the change; empty when it succeeded' }) userErrors: UserError[];
}

@ObjectType({ description: 'Result of waiving a violation or revoking its waiver' })
export class PolicyViolationPayload {
  @Field(() => PolicyViolation, { nullable: true, description: 'The violation as it is now; null when userErrors refused the change' })
  violation: PolicyViolation | null;
  @Field(() => [UserError], { description: 'Every problem that stopped the change; empty when it succeeded' }) userErrors: UserError[];
}

@ObjectType({ description: 'Result of policyReevaluate: the background run started' })
export class PolicyReevaluatePayload {
  @Field(() => PolicyEvaluationRun, { nullable: true, description: 'Poll policyEvaluationRun(id) for progress' }) run: PolicyEvaluationRun | null;
  @Field(() => [UserError], { description: 'Every problem that stopped the change; empty when it succeeded' }) userErrors: UserError[];
}

@ObjectType({ description: 'Where in a condition a problem is' })
export class PolicyConditionPosition {
  @Field(() => Int, { description: '0-based character offset' }) offset: number;
  @Field(() => Int, { description: '1-based line number' }) line: number;
  @Field(() => Int, { description: '1-based column in that line' }) column: number;
}

@ObjectType({ description: 'Why a condition does not compile, type-check or evaluate' })
export class PolicyConditionError {
  @Field({ description: 'The problem, in words' }) message: string;
  @Field(() => PolicyConditionPosition, { nullable: true, description: 'Where the problem is; null when it is not tied to one place' })
  position: PolicyConditionPosition | null;
}

@ObjectType({ description: 'What a condition makes of an agent or a sample' })
export class PolicyRuleTestResult {
  @Field({ description: 'The condition compiles and type-checks' }) valid: boolean;
  @Field(() => Boolean, { nullable: true, description: 'true: the agent would violate the rule; null when not evaluated or evaluation failed' }) result:
    boolean | null;
  @Field(() => PolicyDecisionResult, { nullable: true, description: 'PASS or VIOLATION for the agent or sample; null when not evaluated or evaluation failed' })
  outcome: PolicyDecisionResult | null;
  @Field(() => PolicyConditionError, { nullable: true, description: 'Why the condition is invalid or could not be evaluated; null when all went well' })
  error: PolicyConditionError | null;
}

@ObjectType({ description: 'A rule a dry run flagged on an agent' })
export class PolicyDryRunRule {
  @Field({ description: 'Name of the rule' }) ruleName: string;
  @Field({ description: "The rule's message, or why it could not be evaluated" }) message: string;
}

@ObjectType({ description: 'One agent a dry run flagged, and why' })
export class PolicyDryRunAgent {
  @Field(() => Agent, { description: 'The agent judged' }) agent: Agent;
  @Field(() => [PolicyDryRunRule], { description: 'Rules the agent would violate' }) violatedRules: PolicyDryRunRule[];
  @Field(() => [PolicyDryRunRule], { description: 'Rules that could not be evaluated on the agent' }) erroredRules: PolicyDryRunRule[];
}

@ObjectType({ description: 'What a policy would flag among the agents in its scope; nothing is recorded' })
export class PolicyDryRunResult {
  @Field(() => Int, { description: 'Agents in scope that were judged' }) evaluatedCount: number;
  @Field(() => Int, { description: 'Agents that would violate at least one rule' }) flaggedCount: number;
  @Field(() => Int, { description: 'Agents on which some rule could not be evaluated' }) erroredCount: number;
  @Field(() => [PolicyDryRunAgent], { description: 'Flagged or errored agents, up to the limit asked for' }) agents: PolicyDryRunAgent[];
}
