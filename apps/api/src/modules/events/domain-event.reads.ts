import { ReadModel } from '../../graphql/read-model';
import { DomainEvent } from './domain-event.entity';

export const domainEventReads = new ReadModel(DomainEvent, {
  table: 'domain_events',
  always: ['uuid'],
  needs: { subjectGlobalId: ['subjectType', 'subjectId'], actorUser: ['actorUserId'], actorApiKey: ['actorApiKeyId'] },
});
