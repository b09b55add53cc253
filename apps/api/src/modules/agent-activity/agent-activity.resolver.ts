import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Mutation, Resolver, Root } from 'type-graphql';
import type { StewardContext } from '../../context';
import { Connection, ConnectionArgs, connectionType } from '../../graphql/connection';
import { expectGlobalId } from '../../graphql/global-id';
import { mutate } from '../../graphql/mutation';
import { Selection } from '../../graphql/read-model';
import { Agent } from '../agents';
import { AgentActivity } from './agent-activity.entity';
import { AgentActivityFilter, AgentActivityRecordInput } from './agent-activity.inputs';
import { AgentActivityRecordPayload } from './agent-activity.payloads';
import { listActivity, reportActivity } from './agent-activity.service';

export const AgentActivityConnection = connectionType(AgentActivity, 'AgentActivity');

@Resolver(() => Agent)
export class AgentActivityResolver {
  @FieldResolver(() => AgentActivityConnection, { nullable: true, description: "The agent's activity feed, newest first" })
  activity(
    @Root() agent: Agent,
    @Args() page: ConnectionArgs,
    @Arg('filter', () => AgentActivityFilter, { nullable: true, description: 'Only events matching these conditions; all events when null' })
    filter: AgentActivityFilter | null,
    @Ctx() ctx: StewardContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<AgentActivity>> {
    return listActivity(ctx, agent.uuid, page, filter, Selection.of(info, true));
  }

  @Mutation(() => AgentActivityRecordPayload, { nullable: true, description: "Appends an event to an agent's feed (agent runtimes, with an API key)" })
  agentActivityRecord(
    @Arg('input', { description: 'The event to record' }) input: AgentActivityRecordInput,
    @Ctx() ctx: StewardContext,
  ): Promise<AgentActivityRecordPayload> {
    const id = expectGlobalId(input.agentId, 'Agent', 'input.agentId');
    return mutate(
      ctx,
      { action: 'agentActivity.record', entityType: 'Agent', entityId: id },
      async () => ({ activity: await reportActivity(ctx, id, input), userErrors: [] }),
      () => ({ activity: null }),
    );
  }
}
