import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { StewardContext } from '../../context';
import { policyReads } from './policy.reads';
import { Selection, readByIdFor } from '../../graphql/read-model';
import { Connection, ConnectionArgs, connectionType } from '../../graphql/connection';
import { expectGlobalId } from '../../graphql/global-id';
import { loader } from '../../graphql/loader';
import { NamedOrder } from '../../graphql/ordering';
import { mutate } from '../../graphql/mutation';
import { Agent, agentReads } from '../agents';
import { User, userReads } from '../users';
import { listVersions } from './policy-history.service';
import { PolicyVersion } from './policy-version.entity';
import { PolicyActivationInput, PolicyCreateInput, PolicyFilter, PolicyUpdateInput } from './policy.inputs';
import { PolicyEvaluationRun } from './policy-evaluation-run.entity';
import { PolicyFinding } from './policy-finding.type';
import { lastEvaluatedAtByPolicy, latestEvaluationRunFor, listedAgentIdsByPolicy, openViolationCountByPolicy } from './policy.loaders';
import { PolicyPayload } from './policy.payloads';
import { createPolicy, findPolicy, listPolicies, setPolicyActive, updatePolicy } from './policy.service';
import { Policy, PolicyScope, PolicyScopeKind } from './policy.entity';

export const PolicyConnection = connectionType(Policy, 'Policy');
export const PolicyVersionConnection = connectionType(PolicyVersion, 'PolicyVersion');

const noPolicy = () => ({ policy: null });

function activation(ctx: StewardContext, input: PolicyActivationInput, active: boolean): Promise<PolicyPayload> {
  const id = expectGlobalId(input.policyId, 'Policy', 'input.policyId');
  return mutate(
    ctx,
    { action: active ? 'policy.activate' : 'policy.deactivate', entityType: 'Policy', entityId: id },
    () => setPolicyActive(ctx, id, active),
    noPolicy,
  );
}

@Resolver(() => Policy)
export class PolicyResolver {
  @Query(() => PolicyConnection, { nullable: true, description: "The tenant's governance policies, newest first" })
  policies(
    @Args() page: ConnectionArgs,
    @Arg('filter', () => PolicyFilter, {
      nullable: true,
      description: 'Conditions every listed item must meet (all of them); null lists everything the caller may see',
    })
    filter: PolicyFilter | null,
    @Arg('orderBy', () => NamedOrder, { nullable: true, description: 'Sort order; null sorts newest first' }) orderBy: NamedOrder | null,
    @Ctx() ctx: StewardContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<Policy>> {
    return listPolicies(ctx, page, filter, orderBy, Selection.of(info, true));
  }

  @Query(() => Policy, { nullable: true, description: 'One policy of the current tenant by global id; an error when there is none' })
  policy(@Arg('id', () => ID, { description: 'Global id, as returned in the id field' }) id: string, @Ctx() ctx: StewardContext): Promise<Policy> {
    return findPolicy(ctx, expectGlobalId(id, 'Policy', 'id'));
  }

  @FieldResolver(() => PolicyScope, { description: 'Which agents the policy applies to' })
  async scope(@Root() policy: Policy, @Ctx() ctx: StewardContext): Promise<PolicyScope> {
    const agentIds = policy.scopeKind === PolicyScopeKind.AGENTS ? await loader(ctx, listedAgentIdsByPolicy).load(policy.uuid) : [];
    return { kind: policy.scopeKind, tags: policy.scopeTags, agentIds };
  }

  @FieldResolver(() => Int, { description: 'Violations of this policy that are open now' })
  openViolationCount(@Root() policy: Policy, @Ctx() ctx: StewardContext): Promise<number> {
    return loader(ctx, openViolationCountByPolicy).load(policy.uuid);
  }

  @FieldResolver(() => Date, { nullable: true, description: 'When the policy last judged an agent' })
  lastEvaluatedAt(@Root() policy: Policy, @Ctx() ctx: StewardContext): Promise<Date | null> {
    return loader(ctx, lastEvaluatedAtByPolicy).load(policy.uuid);
  }

  @FieldResolver(() => PolicyVersionConnection, { nullable: true, description: 'Every saved version, newest first; for those who may read rules' })
  versions(
    @Root() policy: Policy,
    @Args() page: ConnectionArgs,
    @Ctx() ctx: StewardContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<PolicyVersion>> {
    return listVersions(ctx, policy.uuid, page, Selection.of(info, true));
  }

  @FieldResolver(() => PolicyEvaluationRun, {
    nullable: true,
    description: 'The newest re-evaluation, queued by every change of what the policy judges; poll it for progress',
  })
  latestEvaluationRun(@Root() policy: Policy, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<PolicyEvaluationRun | null> {
    return latestEvaluationRunFor(ctx, info).load(policy.uuid);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who created the policy; null when created by an API key or the seed, or when the user is gone' })
  createdBy(@Root() policy: Policy, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<User | null> | null {
    return policy.createdById ? readByIdFor(ctx, userReads, info).load(policy.createdById) : null;
  }

  @Mutation(() => PolicyPayload, { nullable: true, description: 'Saves a policy as version 1; every condition must compile' })
  policyCreate(
    @Arg('input', { description: 'The arguments of the mutation; the input type describes each one' }) input: PolicyCreateInput,
    @Ctx() ctx: StewardContext,
  ): Promise<PolicyPayload> {
    return mutate(ctx, { action: 'policy.create', entityType: 'Policy' }, () => createPolicy(ctx, input), noPolicy);
  }

  @Mutation(() => PolicyPayload, { nullable: true, description: 'Changes a policy, saving a new version' })
  policyUpdate(
    @Arg('input', { description: 'The arguments of the mutation; the input type describes each one' }) input: PolicyUpdateInput,
    @Ctx() ctx: StewardContext,
  ): Promise<PolicyPayload> {
    const id = expectGlobalId(input.policyId, 'Policy', 'input.policyId');
    return mutate(ctx, { action: 'policy.update', entityType: 'Policy', entityId: id }, () => updatePolicy(ctx, id, input), noPolicy);
  }

  @Mutation(() => PolicyPayload, { nullable: true, description: 'Starts enforcing a policy' })
  policyActivate(
    @Arg('input', { description: 'The arguments of the mutation; the input type describes each one' }) input: PolicyActivationInput,
    @Ctx() ctx: StewardContext,
  ): Promise<PolicyPayload> {
    return activation(ctx, input, true);
  }

  @Mutation(() => PolicyPayload, { nullable: true, description: 'Stops enforcing a policy; its open violations no longer count against compliance' })
  policyDeactivate(
    @Arg('input', { description: 'The arguments of the mutation; the input type describes each one' }) input: PolicyActivationInput,
    @Ctx() ctx: StewardContext,
  ): Promise<PolicyPayload> {
    return activation(ctx, input, false);
  }
}

@Resolver(() => PolicyScope)
export class PolicyScopeResolver {
  @FieldResolver(() => [Agent], { description: 'For kind agents' })
  async agents(@Root() scope: PolicyScope, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<Agent[]> {
    const agents = await readByIdFor(ctx, agentReads, info).loadMany(scope.agentIds);
    return agents.filter((a): a is Agent => a instanceof Agent);
  }
}

@Resolver(() => PolicyVersion)
export class PolicyVersionResolver {
  @FieldResolver(() => PolicyScope, { description: 'Which agents the policy applied to at this version' })
  scope(@Root() version: PolicyVersion): PolicyScope {
    return { kind: version.scope.kind, tags: version.scope.tags, agentIds: version.scope.agentIds };
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who saved this version; null when saved by an API key or the seed, or when the user is gone' })
  createdBy(@Root() version: PolicyVersion, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<User | null> | null {
    return version.createdById ? readByIdFor(ctx, userReads, info).load(version.createdById) : null;
  }
}

@Resolver(() => PolicyFinding)
export class PolicyFindingResolver {
  @FieldResolver(() => Policy, { description: 'The policy whose rule was violated, as it is now' })
  async policy(@Root() finding: PolicyFinding, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<Policy> {
    const policy = await readByIdFor(ctx, policyReads, info).load(finding.policyUuid);
    if (!policy) throw new Error(`policy ${finding.policyUuid} of a finding is gone`);
    return policy;
  }
}
