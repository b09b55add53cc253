import { Field, Int, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error';
import { Agent } from '../agents';
import { PolicyDecisionResult } from './policy-decision.entity';
import { PolicyEvaluationRun } from './policy-evaluation-run.entity';
import { PolicyViolation } from './policy-violation.entity';
import { Policy } from './policy.entity';

@ObjectType()
export class PolicyPayload {
  @Field(() => Policy, { nullable: true }) policy: Policy | null;
  @Field(() => [UserError], { description: 'Every problem that stopped the change; empty when it succeeded' }) userErrors: UserError[];
}

@ObjectType()
export class PolicyViolationPayload {
  @Field(() => PolicyViolation, { nullable: true }) violation: PolicyViolation | null;
  @Field(() => [UserError], { description: 'Every problem that stopped the change; empty when it succeeded' }) userErrors: UserError[];
}

@ObjectType()
export class PolicyReevaluatePayload {
  @Field(() => PolicyEvaluationRun, { nullable: true, description: 'Poll policyEvaluationRun(id) for progress' }) run: PolicyEvaluationRun | null;
  @Field(() => [UserError], { description: 'Every problem that stopped the change; empty when it succeeded' }) userErrors: UserError[];
}

@ObjectType({ description: 'Where in a condition a problem is' })
export class PolicyConditionPosition {
  @Field(() => Int, { description: '0-based character offset' }) offset: number;
  @Field(() => Int) line: number;
  @Field(() => Int) column: number;
}

@ObjectType()
export class PolicyConditionError {
  @Field() message: string;
  @Field(() => PolicyConditionPosition, { nullable: true }) position: PolicyConditionPosition | null;
}

@ObjectType({ description: 'What a condition makes of an agent or a sample' })
export class PolicyRuleTestResult {
  @Field({ description: 'The condition compiles and type-checks' }) valid: boolean;
  @Field(() => Boolean, { nullable: true, description: 'true: the agent would violate the rule; null when not evaluated or evaluation failed' }) result: boolean | null;
  @Field(() => PolicyDecisionResult, { nullable: true }) outcome: PolicyDecisionResult | null;
  @Field(() => PolicyConditionError, { nullable: true }) error: PolicyConditionError | null;
}

@ObjectType()
export class PolicyDryRunRule {
  @Field() ruleName: string;
  @Field({ description: "The rule's message, or why it could not be evaluated" }) message: string;
}

@ObjectType()
export class PolicyDryRunAgent {
  @Field(() => Agent) agent: Agent;
  @Field(() => [PolicyDryRunRule]) violatedRules: PolicyDryRunRule[];
  @Field(() => [PolicyDryRunRule]) erroredRules: PolicyDryRunRule[];
}

@ObjectType({ description: 'What a policy would flag among the agents in its scope; nothing is recorded' })
export class PolicyDryRunResult {
  @Field(() => Int, { description: 'Agents in scope that were judged' }) evaluatedCount: number;
  @Field(() => Int, { description: 'Agents that would violate at least one rule' }) flaggedCount: number;
  @Field(() => Int, { description: 'Agents on which some rule could not be evaluated' }) erroredCount: number;
  @Field(() => [PolicyDryRunAgent], { description: 'Flagged or errored agents, up to the limit asked for' }) agents: PolicyDryRunAgent[];
}
