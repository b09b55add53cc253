import { AreaChart, LineChart } from '@mantine/charts';
import { getFragmentData, type FragmentType } from '../../gql';
import type { MetricAggregation } from '../../gql/graphql';
import { chartRows, formatValue, pointsOf, seriesColor, timeLabel } from './metric-view';
import { MetricSeriesFields } from './metrics.operations';

export type ChartKind = 'line' | 'area';

interface MetricChartProps {
  series: readonly FragmentType<typeof MetricSeriesFields>[];
  aggregation: MetricAggregation;
  kind: ChartKind;
  /** The range in seconds, for the time axis' labels. */
  rangeSeconds: number;
  height?: number;
  /** Stack the areas (counts of several agents add up); lines never stack. */
  stacked?: boolean;
  testId?: string;
}

/** A metric's series, one per agent, as lines or areas; buckets without a point are gaps, not zeros. */
export function MetricChart({ series: refs, aggregation, kind, rangeSeconds, height = 300, stacked = false, testId }: MetricChartProps) {
  const series = getFragmentData(MetricSeriesFields, refs);
  const unit = series.find((s) => s.unit)?.unit ?? null;
  const data = chartRows(
    series.map((s) => ({ key: s.agent.id, label: s.agent.name, points: pointsOf(s.buckets) })),
    aggregation,
    timeLabel(rangeSeconds),
  );
  const chartSeries = series.map((s, i) => ({ name: s.agent.id, label: s.agent.name, color: seriesColor(i) }));
  const common = {
    h: height,
    data,
    dataKey: 'label',
    series: chartSeries,
    curveType: 'monotone' as const,
    withLegend: series.length > 1,
    legendProps: { verticalAlign: 'bottom' as const, height: 40 },
    connectNulls: false,
    withDots: false,
    valueFormatter: (value: number) => formatValue(value, unit),
    yAxisProps: { width: 84, tickFormatter: (value: number) => formatValue(value, unit) },
    xAxisProps: { minTickGap: 24 },
    'data-testid': testId,
    'data-series': series.length,
  };
  if (kind === 'area') return <AreaChart {...common} type={stacked ? 'stacked' : 'default'} fillOpacity={0.25} />;
  return <LineChart {...common} strokeWidth={2} />;
}
