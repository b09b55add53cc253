import { admins, budgetReaders, builders } from '../../auth/role-groups';
import { PermissionMap } from '../../auth/rules';

/**
 * Metrics are operational facts: everyone who governs agents reads them (admins, developers,
 * analysts, compliance officers, auditors), viewers do not. Partner apps and builders record them
 * (API keys of admins or developers); only admins change how long they are kept.
 */
export const metricReaders = budgetReaders;

export const metricPermissions: PermissionMap = {
  Query: { metricDefinitions: metricReaders, metricNames: metricReaders, metricSeries: metricReaders, metricRetention: metricReaders },
  MetricDefinition: { '*': metricReaders },
  MetricSeriesResult: { '*': metricReaders },
  MetricSeries: { '*': metricReaders },
  MetricPoint: { '*': metricReaders },
  MetricBuckets: { '*': metricReaders },
  MetricRetention: { '*': metricReaders },
  Mutation: { metricPointsRecord: builders, metricRetentionSet: admins },
  MetricPointsRecordPayload: { '*': builders },
  MetricRetentionSetPayload: { '*': admins },
};
