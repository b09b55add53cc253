import { AreaChart, BarChart } from '@mantine/charts';
import { CostInterval, CostProvider, type CostDashboardQuery } from '../../gql/graphql';
import { isProvider, PROVIDER_COLOR, PROVIDER_LABEL } from '../../ui/labels';
import { formatChartMoney, formatMoneyCompact, toChartNumber } from '../../format/money';
import { bucketsOf, periodLabel } from './periods';

type Bucket = NonNullable<CostDashboardQuery['byProvider']>[number];

export interface SpendSeriesData {
  rows: Record<string, string | number>[];
  providers: CostProvider[];
}

/** Buckets (period × provider) into one row per period with a number per provider, providers by total. */
export function spendSeries(buckets: readonly Bucket[], from: string, to: string, interval: CostInterval): SpendSeriesData {
  const totals = new Map<CostProvider, number>();
  const byPeriod = new Map<string, Map<CostProvider, number>>();
  for (const b of buckets) {
    const provider = isProvider(b.key) ? b.key : CostProvider.Other;
    const amount = toChartNumber(b.amount);
    totals.set(provider, (totals.get(provider) ?? 0) + amount);
    const row = byPeriod.get(b.period) ?? new Map<CostProvider, number>();
    row.set(provider, (row.get(provider) ?? 0) + amount);
    byPeriod.set(b.period, row);
  }
  const providers = [...totals.keys()].sort((a, b) => (totals.get(b) ?? 0) - (totals.get(a) ?? 0));
  const periods = [...new Set([...bucketsOf(from, to, interval), ...byPeriod.keys()])].sort();
  const rows = periods.map((period) => {
    const row: Record<string, string | number> = { period, label: periodLabel(period, interval) };
    for (const p of providers) row[p] = Math.round((byPeriod.get(period)?.get(p) ?? 0) * 100) / 100;
    return row;
  });
  return { rows, providers };
}

/** Spend per period stacked by provider: areas for days, bars for weeks and months. */
export function SpendOverTimeChart({ data, interval, currency }: { data: SpendSeriesData; interval: CostInterval; currency: string }) {
  const series = data.providers.map((p) => ({ name: p, label: PROVIDER_LABEL[p], color: PROVIDER_COLOR[p] }));
  const common = {
    h: 300,
    data: data.rows,
    dataKey: 'label',
    series,
    type: 'stacked' as const,
    withLegend: true,
    legendProps: { verticalAlign: 'bottom' as const, height: 40 },
    valueFormatter: (value: number) => formatChartMoney(value, currency),
    yAxisProps: { tickFormatter: (value: number) => formatMoneyCompact(value, currency), width: 70 },
    xAxisProps: { minTickGap: 16 },
    tooltipAnimationDuration: 150,
  };
  return interval === CostInterval.Day ? (
    <AreaChart {...common} withDots={false} curveType="monotone" fillOpacity={0.55} data-testid="spend-over-time-chart" />
  ) : (
    <BarChart {...common} maxBarWidth={48} data-testid="spend-over-time-chart" />
  );
}
