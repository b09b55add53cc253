import { builders, moneyReaders } from '../../auth/role-groups';
import { PermissionMap } from '../../auth/rules';
import { metricReaders } from '../metrics';

/** Counts and event kinds for everyone who reads metrics; payloads and users (personal data) for admins, developers and analysts. */
export const analyticsEventPermissions: PermissionMap = {
  Query: { analyticsEvents: metricReaders, analyticsEventCounts: metricReaders },
  AnalyticsEvent: { '*': metricReaders, payload: moneyReaders, user: moneyReaders },
  AnalyticsEventConnection: { '*': metricReaders },
  AnalyticsEventEdge: { '*': metricReaders },
  AnalyticsEventCount: { '*': metricReaders },
  Mutation: { analyticsEventsRecord: builders },
  AnalyticsEventsRecordPayload: { '*': builders },
};
