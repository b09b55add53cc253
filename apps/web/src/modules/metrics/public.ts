/** What other pages may embed from this module; everything else in the folder is its own business. */
export { AgentMetricChart } from './AgentMetricChart';
/** The query the chart sends, for the tests of the pages that embed it. */
export { MetricSeriesQuery } from './metrics.operations';
