import { Arg, Resolver, Root, Subscription } from 'type-graphql';
import { StewardError } from '../../graphql/errors';
import { parseGlobalId } from '../../graphql/global-id';
import { DomainEvent } from './domain-event.entity';
import { DomainEventLiveFilter } from './domain-event.inputs';
import { liveStream } from './live/live-stream';

@Resolver(() => DomainEvent)
export class DomainEventSubscriptionResolver {
  @Subscription(() => DomainEvent, {
    nullable: true,
    description: "Each event of the tenant as it commits (the event log's rows, live); over WebSocket only",
    subscribe: ({ args, context }) => {
      const filter = (args as { filter?: DomainEventLiveFilter | null }).filter;
      const types = filter?.types?.length ? new Set<string>(filter.types) : null;
      const subject = filter?.subjectId ? parseGlobalId(filter.subjectId) : null;
      if (filter?.subjectId && !subject) throw StewardError.badInput('filter.subjectId', 'filter.subjectId is not a valid id');
      return liveStream(context, {
        accept: (e) => (!types || types.has(e.type)) && (!subject || (e.subjectType === subject.type && e.subjectId === subject.id)),
        load: (scope, e) => scope.tx.manager.findOneBy(DomainEvent, { uuid: e.id }),
      });
    },
  })
  domainEventAdded(
    @Root() event: DomainEvent,
    @Arg('filter', () => DomainEventLiveFilter, { nullable: true, description: 'Only events matching these conditions; every event when null' })
    _filter: DomainEventLiveFilter | null,
  ): DomainEvent {
    return event;
  }
}
