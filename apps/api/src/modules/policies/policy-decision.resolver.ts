import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type { StewardContext } from '../../context';
import { policyReads } from './policy.reads';
import { Selection, readByIdFor } from '../../graphql/read-model';
import { Connection, ConnectionArgs, connectionType } from '../../graphql/connection';
import { Agent, agentReads } from '../agents';
import { PolicyDecision } from './policy-decision.entity';
import { listDecisions } from './policy-history.service';
import { PolicyDecisionFilter } from './policy.inputs';
import { Policy } from './policy.entity';

export const PolicyDecisionConnection = connectionType(PolicyDecision, 'PolicyDecision');

@Resolver(() => PolicyDecision)
export class PolicyDecisionResolver {
  @Query(() => PolicyDecisionConnection, { nullable: true, description: 'Every rule judged against every agent, newest first: the evaluation trail' })
  policyDecisions(
    @Args() page: ConnectionArgs,
    @Arg('filter', () => PolicyDecisionFilter, {
      nullable: true,
      description: 'Conditions every listed item must meet (all of them); null lists everything the caller may see',
    })
    filter: PolicyDecisionFilter | null,
    @Ctx() ctx: StewardContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<PolicyDecision>> {
    return listDecisions(ctx, page, filter, Selection.of(info, true));
  }

  @FieldResolver(() => Policy, { description: 'The policy whose rule was judged' })
  async policy(@Root() decision: PolicyDecision, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<Policy> {
    return (await readByIdFor(ctx, policyReads, info).load(decision.policyId))!;
  }

  @FieldResolver(() => Agent, { nullable: true, description: 'Null when a refused create left no agent' })
  agent(@Root() decision: PolicyDecision, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<Agent | null> | null {
    return decision.agentId ? readByIdFor(ctx, agentReads, info).load(decision.agentId) : null;
  }
}
