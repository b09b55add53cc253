import type { StewardModule } from '../module';
import { readById } from '../../graphql/read-model';
import { AnalyticsEvent } from './analytics-event.entity';
import { analyticsEventReads } from './analytics-event.reads';
import { AnalyticsEventResolver } from './analytics-event.resolver';
import { analyticsEventPermissions } from './analytics-event.rules';

export const analyticsEventsModule: StewardModule = {
  name: 'analytics-events',
  entities: [AnalyticsEvent],
  resolvers: [AnalyticsEventResolver],
  permissions: analyticsEventPermissions,
  nodes: { AnalyticsEvent: (ctx, id, selection) => readById(ctx, analyticsEventReads, selection).load(id) },
};
