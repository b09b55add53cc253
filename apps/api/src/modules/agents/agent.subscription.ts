import { Arg, ID, Resolver, Root, Subscription } from 'type-graphql';
import { expectGlobalId } from '../../graphql/global-id';
import { readById, Selection } from '../../graphql/read-model';
import { liveStream } from '../events';
import { Agent } from './agent.entity';
import { agentReads } from './agent.reads';

@Resolver(() => Agent)
export class AgentSubscriptionResolver {
  @Subscription(() => Agent, {
    nullable: true,
    description: 'An agent as it is after each event about it (created, deployed, suspended, resumed, archived, deploy asked for); over WebSocket only',
    subscribe: ({ args, context, info }) => {
      const agentId = args.agentId ? expectGlobalId(args.agentId as string, 'Agent', 'agentId') : null;
      const selection = Selection.of(info);
      return liveStream(context, {
        accept: (e) => e.subjectType === 'Agent' && e.subjectId !== null && (!agentId || e.subjectId === agentId),
        load: (scope, e) => readById(scope, agentReads, selection).load(e.subjectId!),
      });
    },
  })
  agentChanged(
    @Root() agent: Agent,
    @Arg('agentId', () => ID, { nullable: true, description: 'Only this agent; every agent of the tenant when null' }) _agentId: string | null,
  ): Agent {
    return agent;
  }
}
