import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { StewardContext } from '../../context';
import { policyReads } from './policy.reads';
import { readByIdFor } from '../../graphql/read-model';
import { expectGlobalId } from '../../graphql/global-id';
import { mutate } from '../../graphql/mutation';
import { dryRun, testRule } from './policy-authoring';
import { PolicyEvaluationRun } from './policy-evaluation-run.entity';
import { findRun, startReevaluation } from './policy-reevaluation';
import { PolicyDryRunInput, PolicyReevaluateInput, PolicyRuleTestInput } from './policy.inputs';
import { PolicyDryRunResult, PolicyReevaluatePayload, PolicyRuleTestResult } from './policy.payloads';
import { Policy } from './policy.entity';
import { PolicyConditionLanguage, policyConditionLanguage } from './policy-condition-language';

@Resolver(() => PolicyEvaluationRun)
export class PolicyAuthoringResolver {
  @Query(() => PolicyRuleTestResult, { nullable: true, description: 'Compiles a condition and, given an agent or a sample, evaluates it; records nothing' })
  policyRuleTest(
    @Arg('input', { description: 'The arguments of the mutation; the input type describes each one' }) input: PolicyRuleTestInput,
    @Ctx() ctx: StewardContext,
  ): Promise<PolicyRuleTestResult> {
    return testRule(ctx, input);
  }

  @Query(() => PolicyConditionLanguage, { nullable: true, description: 'The variables, fields, functions and methods a rule condition may use' })
  policyConditionLanguage(): PolicyConditionLanguage {
    return policyConditionLanguage;
  }

  @Query(() => PolicyDryRunResult, { nullable: true, description: 'What a saved or draft policy would flag among the agents in its scope; records nothing' })
  policyDryRun(
    @Arg('input', { description: 'The arguments of the mutation; the input type describes each one' }) input: PolicyDryRunInput,
    @Ctx() ctx: StewardContext,
  ): Promise<PolicyDryRunResult> {
    return dryRun(ctx, input);
  }

  @Query(() => PolicyEvaluationRun, { nullable: true, description: 'A re-evaluation run, for its progress' })
  policyEvaluationRun(
    @Arg('id', () => ID, { description: 'Global id, as returned in the id field' }) id: string,
    @Ctx() ctx: StewardContext,
  ): Promise<PolicyEvaluationRun> {
    return findRun(ctx, expectGlobalId(id, 'PolicyEvaluationRun', 'id'));
  }

  @FieldResolver(() => Policy, { description: 'The policy being re-evaluated' })
  async policy(@Root() run: PolicyEvaluationRun, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<Policy> {
    return (await readByIdFor(ctx, policyReads, info).load(run.policyId))!;
  }

  @Mutation(() => PolicyReevaluatePayload, {
    nullable: true,
    description: 'Re-evaluates an active policy against every agent in its scope, in batches; poll the run',
  })
  policyReevaluate(
    @Arg('input', { description: 'The arguments of the mutation; the input type describes each one' }) input: PolicyReevaluateInput,
    @Ctx() ctx: StewardContext,
  ): Promise<PolicyReevaluatePayload> {
    const id = expectGlobalId(input.policyId, 'Policy', 'input.policyId');
    return mutate(
      ctx,
      { action: 'policy.reevaluate', entityType: 'Policy', entityId: id },
      async () => ({ run: await startReevaluation(ctx, id), userErrors: [] }),
      () => ({ run: null }),
    );
  }
}
