import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type { StewardContext } from '../../context';
import { Selection } from '../../graphql/read-model';
import { Connection, ConnectionArgs, connectionType } from '../../graphql/connection';
import { loader } from '../../graphql/loader';
import { Agent, agentById } from '../agents';
import { PolicyDecision } from './policy-decision.entity';
import { listDecisions } from './policy-history.service';
import { PolicyDecisionFilter } from './policy.inputs';
import { policyById } from './policy.loaders';
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
  async policy(@Root() decision: PolicyDecision, @Ctx() ctx: StewardContext): Promise<Policy> {
    return (await loader(ctx, policyById).load(decision.policyId))!;
  }

  @FieldResolver(() => Agent, { nullable: true, description: 'Null when a refused create left no agent' })
  agent(@Root() decision: PolicyDecision, @Ctx() ctx: StewardContext): Promise<Agent | null> | null {
    return decision.agentId ? loader(ctx, agentById).load(decision.agentId) : null;
  }
}
