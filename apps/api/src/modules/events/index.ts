import type { StewardModule } from '../module';
import { readById } from '../../graphql/read-model';
import { DomainEvent } from './domain-event.entity';
import { domainEventReads } from './domain-event.reads';
import { DomainEventResolver } from './domain-event.resolver';
import { DomainEventSubscriptionResolver } from './domain-event.subscription';
import { eventPermissions } from './domain-event.rules';

export { DomainEvent } from './domain-event.entity';
export { EVENT_RETENTION_DAYS, pruneEvents } from './domain-event.service';
export { DomainEventType, EVENT_SCHEMA_VERSION, EVENT_TYPES, type EventTypeName } from './event-types';
export { renderEventsDoc, eventsDoc } from './events-doc';
export { EventHub, type RoutedEvent } from './live/event-hub';
export { LIVE_CLOSE, liveStream, openScopeWaiting, type LiveConnection, type LiveContext, type LiveSource } from './live/live-stream';
export { LiveFanout, type FanoutStats } from './live/fanout';

export const eventsModule: StewardModule = {
  name: 'events',
  entities: [DomainEvent],
  resolvers: [DomainEventResolver, DomainEventSubscriptionResolver],
  permissions: eventPermissions,
  nodes: { DomainEvent: (ctx, id, selection) => readById(ctx, domainEventReads, selection).load(id) },
};
