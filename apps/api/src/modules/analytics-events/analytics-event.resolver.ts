import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { StewardContext } from '../../context';
import { Connection, ConnectionArgs, connectionType } from '../../graphql/connection';
import { mutate } from '../../graphql/mutation';
import { readByIdFor, Selection } from '../../graphql/read-model';
import { Agent, agentReads } from '../agents';
import { User, userReads } from '../users';
import { AnalyticsEvent } from './analytics-event.entity';
import { AnalyticsEventFilter, AnalyticsEventsRecordInput, AnalyticsInterval } from './analytics-event.inputs';
import { AnalyticsEventCount, AnalyticsEventsRecordPayload } from './analytics-event.payloads';
import { countAnalyticsEvents, listAnalyticsEvents, recordAnalyticsEvents } from './analytics-event.service';

export const AnalyticsEventConnection = connectionType(AnalyticsEvent, 'AnalyticsEvent');

@Resolver(() => AnalyticsEvent)
export class AnalyticsEventResolver {
  @Mutation(() => AnalyticsEventsRecordPayload, {
    nullable: true,
    description: 'Records up to 5,000 analytics events, all or none; a retry with the same batchKey is a DUPLICATE',
  })
  analyticsEventsRecord(
    @Arg('input', { description: 'The batch to record' }) input: AnalyticsEventsRecordInput,
    @Ctx() ctx: StewardContext,
  ): Promise<AnalyticsEventsRecordPayload> {
    return mutate(
      ctx,
      { action: 'analyticsEvents.record', entityType: 'AnalyticsEvent' },
      async () => ({ ...(await recordAnalyticsEvents(ctx, input.batchKey, input.events)), userErrors: [] }),
      () => ({ outcome: null, recordedCount: null }),
    );
  }

  @Query(() => AnalyticsEventConnection, { nullable: true, description: 'Analytics events over a range (default: the last 24 hours), newest first' })
  analyticsEvents(
    @Args() page: ConnectionArgs,
    @Arg('filter', () => AnalyticsEventFilter, { nullable: true, description: 'Which events' }) filter: AnalyticsEventFilter | null,
    @Ctx() ctx: StewardContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<AnalyticsEvent>> {
    return listAnalyticsEvents(ctx, page, filter, Selection.of(info, true));
  }

  @Query(() => [AnalyticsEventCount], { nullable: true, description: 'How many events of each kind per period over a range (default: the last 24 hours)' })
  analyticsEventCounts(
    @Arg('filter', () => AnalyticsEventFilter, { nullable: true, description: 'Which events' }) filter: AnalyticsEventFilter | null,
    @Arg('interval', () => AnalyticsInterval, { description: 'Period length' }) interval: AnalyticsInterval,
    @Ctx() ctx: StewardContext,
  ): Promise<AnalyticsEventCount[]> {
    return countAnalyticsEvents(ctx, filter, interval);
  }

  @FieldResolver(() => User, { nullable: true, description: 'The user it is about; for admins, developers and analysts' })
  user(@Root() event: AnalyticsEvent, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<User | null> | null {
    return event.userId ? readByIdFor(ctx, userReads, info).load(event.userId) : null;
  }

  @FieldResolver(() => Agent, { nullable: true, description: 'The agent it is about' })
  agent(@Root() event: AnalyticsEvent, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<Agent | null> | null {
    return event.agentId ? readByIdFor(ctx, agentReads, info).load(event.agentId) : null;
  }
}
