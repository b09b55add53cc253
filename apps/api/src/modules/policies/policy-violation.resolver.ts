import type { GraphQLResolveInfo } from 'graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { inRoleGroup } from '../../auth/role-groups';
import type { StewardContext } from '../../context';
import { decisionReads, policyReads, violationReads } from './policy.reads';
import { Selection, readByIdFor } from '../../graphql/read-model';
import { Connection, ConnectionArgs, connectionType } from '../../graphql/connection';
import { expectGlobalId } from '../../graphql/global-id';
import { loader } from '../../graphql/loader';
import { StewardError } from '../../graphql/errors';
import { mutate } from '../../graphql/mutation';
import { Agent, agentReads } from '../agents';
import { User, userReads } from '../users';
import { PolicyDecision } from './policy-decision.entity';
import { listAgentViolations, listViolations } from './policy-history.service';
import { PolicyViolation, PolicyWaiver } from './policy-violation.entity';
import { revokeWaiver, waiveViolation } from './policy-waivers';
import { PolicyViolationFilter, PolicyViolationWaiveInput, PolicyViolationWaiverRevokeInput } from './policy.inputs';
import { PolicyWaiverEvent, waiverHistoryByViolation } from './policy-waiver-history';
import { policiesInScopeFor } from './policy.loaders';
import { PolicyViolationPayload } from './policy.payloads';
import { Policy } from './policy.entity';

export const PolicyViolationConnection = connectionType(PolicyViolation, 'PolicyViolation');

const noViolation = () => ({ violation: null });

@Resolver(() => PolicyViolation)
export class PolicyViolationResolver {
  @Query(() => PolicyViolationConnection, { nullable: true, description: "Violations of the tenant's policies, newest first" })
  policyViolations(
    @Args() page: ConnectionArgs,
    @Arg('filter', () => PolicyViolationFilter, {
      nullable: true,
      description: 'Conditions every listed item must meet (all of them); null lists everything the caller may see',
    })
    filter: PolicyViolationFilter | null,
    @Ctx() ctx: StewardContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<PolicyViolation>> {
    return listViolations(ctx, page, filter, Selection.of(info, true));
  }

  @Query(() => PolicyViolation, { nullable: true, description: 'One violation by id' })
  async policyViolation(
    @Arg('id', () => ID, { description: 'Global id, as returned in the id field' }) id: string,
    @Ctx() ctx: StewardContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<PolicyViolation> {
    const violation = await readByIdFor(ctx, violationReads, info).load(expectGlobalId(id, 'PolicyViolation', 'id'));
    if (!violation) throw StewardError.notFound('Policy violation');
    return violation;
  }

  @FieldResolver(() => PolicyDecision, { nullable: true, description: 'The decision that found it: what the rule saw (as a digest), when, and what was done' })
  decision(@Root() violation: PolicyViolation, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<PolicyDecision | null> | null {
    return violation.decisionId ? readByIdFor(ctx, decisionReads, info).load(violation.decisionId) : null;
  }

  @FieldResolver(() => [PolicyWaiverEvent], { description: 'Every waiver granted and revoked for the agent under this rule, oldest first' })
  waiverHistory(@Root() violation: PolicyViolation, @Ctx() ctx: StewardContext): Promise<PolicyWaiverEvent[]> {
    return loader(ctx, waiverHistoryByViolation).load(violation.uuid);
  }

  @FieldResolver(() => Policy, { description: 'The policy whose rule was broken' })
  async policy(@Root() violation: PolicyViolation, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<Policy> {
    return (await readByIdFor(ctx, policyReads, info).load(violation.policyId))!;
  }

  @FieldResolver(() => Agent, { nullable: true, description: 'Null when the violation is a refused create' })
  agent(@Root() violation: PolicyViolation, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<Agent | null> | null {
    return violation.agentId ? readByIdFor(ctx, agentReads, info).load(violation.agentId) : null;
  }

  @FieldResolver(() => GraphQLJSONObject, {
    nullable: true,
    description: 'The agent as the rule saw it; configuration and tool policy only for admins and developers',
  })
  observed(@Root() violation: PolicyViolation, @Ctx() ctx: StewardContext): Record<string, unknown> {
    // Same as Agent.configuration and Agent.toolPolicy: only for those who build agents.
    if (inRoleGroup('builders', ctx.caller)) return violation.observed;
    const { configuration: _c, toolPolicy: _t, ...rest } = violation.observed;
    return rest;
  }

  @Mutation(() => PolicyViolationPayload, { nullable: true, description: 'Exempts the agent from the rule (admins only); a block no longer blocks it' })
  policyViolationWaive(
    @Arg('input', { description: 'The arguments of the mutation; the input type describes each one' }) input: PolicyViolationWaiveInput,
    @Ctx() ctx: StewardContext,
  ): Promise<PolicyViolationPayload> {
    const id = expectGlobalId(input.violationId, 'PolicyViolation', 'input.violationId');
    return mutate(
      ctx,
      { action: 'policyViolation.waive', entityType: 'PolicyViolation', entityId: id },
      async () => ({ violation: await waiveViolation(ctx, id, input), userErrors: [] }),
      noViolation,
    );
  }

  @Mutation(() => PolicyViolationPayload, { nullable: true, description: 'Ends a waiver: the rule applies to the agent again' })
  policyViolationWaiverRevoke(
    @Arg('input', { description: 'The arguments of the mutation; the input type describes each one' }) input: PolicyViolationWaiverRevokeInput,
    @Ctx() ctx: StewardContext,
  ): Promise<PolicyViolationPayload> {
    const id = expectGlobalId(input.violationId, 'PolicyViolation', 'input.violationId');
    return mutate(
      ctx,
      { action: 'policyViolation.waiverRevoke', entityType: 'PolicyViolation', entityId: id },
      async () => ({ violation: await revokeWaiver(ctx, id), userErrors: [] }),
      noViolation,
    );
  }
}

@Resolver(() => PolicyWaiver)
export class PolicyWaiverResolver {
  @FieldResolver(() => User, { nullable: true, description: 'Null when an API key granted it' })
  waivedBy(@Root() waiver: PolicyWaiver, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<User | null> | null {
    return waiver.waivedById ? readByIdFor(ctx, userReads, info).load(waiver.waivedById) : null;
  }
}

@Resolver(() => PolicyWaiverEvent)
export class PolicyWaiverEventResolver {
  @FieldResolver(() => User, { nullable: true, description: 'Null when an API key acted' })
  by(@Root() event: PolicyWaiverEvent, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<User | null> | null {
    return event.byUserId ? readByIdFor(ctx, userReads, info).load(event.byUserId) : null;
  }
}

@Resolver(() => Agent)
export class AgentGovernanceResolver {
  @FieldResolver(() => [Policy], { description: 'The active policies whose scope covers the agent' })
  policiesInScope(@Root() agent: Agent, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<Policy[]> {
    return policiesInScopeFor(ctx, info).load(agent.uuid);
  }

  @FieldResolver(() => PolicyViolationConnection, { nullable: true, description: "The agent's policy violations, newest first" })
  violations(
    @Root() agent: Agent,
    @Args() page: ConnectionArgs,
    @Arg('filter', () => PolicyViolationFilter, {
      nullable: true,
      description: 'Conditions every listed item must meet (all of them); null lists everything the caller may see',
    })
    filter: PolicyViolationFilter | null,
    @Ctx() ctx: StewardContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<PolicyViolation>> {
    return listAgentViolations(ctx, agent.uuid, page, filter, Selection.of(info, true));
  }
}
