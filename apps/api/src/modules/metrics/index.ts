import type { StewardModule } from '../module';
import { MetricResolver, MetricSeriesResolver } from './metric.resolver';
import { metricPermissions } from './metric.rules';
import './metric-series.sql';

export { agentUuidOf, recordMetricPoints } from './metric-ingestion.service';
export { rollUpDirty, rollUpHours } from './metric-rollup.service';
export { dropExpiredPartitions, ensurePartitions } from './metric-retention.service';
export { tenantRetention } from './metric-settings';
export { OTLP_METRICS_PATH, otlpMetricsRouter } from './otlp.router';
export { metricReaders } from './metric.rules';
export { batchDigest, claimBatch, TelemetryBatchOutcome } from './telemetry-batch';
export type { MetricPointInput } from './metric.inputs';

export const metricsModule: StewardModule = {
  name: 'metrics',
  entities: [],
  resolvers: [MetricResolver, MetricSeriesResolver],
  permissions: metricPermissions,
};
export { AGENT_METRIC_KEYS, NO_METRICS, recentAgentMetrics } from './agent-metrics';
export type { AgentMetrics } from './agent-metrics';
