import { ReadModel } from '../../graphql/read-model';
import { AnalyticsEvent } from './analytics-event.entity';

export const analyticsEventReads = new ReadModel(AnalyticsEvent, {
  table: 'analytics_events',
  always: ['uuid'],
  needs: { user: ['userId'], agent: ['agentId'] },
});
