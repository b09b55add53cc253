import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type { StewardContext } from '../../context';
import { Connection, ConnectionArgs, connectionType } from '../../graphql/connection';
import { readByIdFor, Selection } from '../../graphql/read-model';
import { ApiKey, apiKeyReads } from '../api-keys';
import { User, userReads } from '../users';
import { DomainEvent } from './domain-event.entity';
import { DomainEventFilter } from './domain-event.inputs';
import { listEvents } from './domain-event.service';

export const DomainEventConnection = connectionType(DomainEvent, 'DomainEvent');

@Resolver(() => DomainEvent)
export class DomainEventResolver {
  @Query(() => DomainEventConnection, { nullable: true, description: "The tenant's event log, newest first; events older than 90 days are dropped" })
  domainEvents(
    @Args() page: ConnectionArgs,
    @Arg('filter', () => DomainEventFilter, { nullable: true, description: 'Only events matching these conditions; every event when null' })
    filter: DomainEventFilter | null,
    @Ctx() ctx: StewardContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<DomainEvent>> {
    return listEvents(ctx, page, filter, Selection.of(info, true));
  }

  @FieldResolver(() => User, { nullable: true, description: 'The user who made the change, when a user did' })
  actorUser(@Root() event: DomainEvent, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<User | null> | null {
    return event.actorUserId ? readByIdFor(ctx, userReads, info).load(event.actorUserId) : null;
  }

  @FieldResolver(() => ApiKey, { nullable: true, description: 'The API key that made the change, when one did' })
  actorApiKey(@Root() event: DomainEvent, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<ApiKey | null> | null {
    return event.actorApiKeyId ? readByIdFor(ctx, apiKeyReads, info).load(event.actorApiKeyId) : null;
  }
}
