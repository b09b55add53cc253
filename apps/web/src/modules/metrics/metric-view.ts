import { MetricAggregation } from '../../gql/graphql';

/** The ranges the explorer and the health tab offer, with the step each asks for (seconds; the API rounds it to a tier). */
export const RANGES = [
  { value: '1h', label: '1 hour', seconds: 3_600, step: 60 },
  { value: '6h', label: '6 hours', seconds: 21_600, step: 300 },
  { value: '24h', label: '24 hours', seconds: 86_400, step: 900 },
  { value: '7d', label: '7 days', seconds: 604_800, step: 3_600 },
  { value: '30d', label: '30 days', seconds: 2_592_000, step: 21_600 },
] as const;

export type RangeKey = (typeof RANGES)[number]['value'];

export const STEPS = [
  { value: 'auto', label: 'Auto' },
  { value: '60', label: '1 min' },
  { value: '300', label: '5 min' },
  { value: '900', label: '15 min' },
  { value: '3600', label: '1 hour' },
  { value: '86400', label: '1 day' },
];

export const AGGREGATIONS: { value: MetricAggregation; label: string }[] = [
  { value: MetricAggregation.Avg, label: 'Average' },
  { value: MetricAggregation.P95, label: 'p95' },
  { value: MetricAggregation.Max, label: 'Max' },
  { value: MetricAggregation.Min, label: 'Min' },
  { value: MetricAggregation.Sum, label: 'Sum' },
  { value: MetricAggregation.Count, label: 'Count' },
];

export function isRange(value: string | null | undefined): value is RangeKey {
  return RANGES.some((r) => r.value === value);
}

export function rangeOf(key: RangeKey) {
  return RANGES.find((r) => r.value === key) ?? RANGES[2];
}

/** The window a range stands for, ending now (minute-aligned so refetches share a cache key). */
export function windowOf(key: RangeKey, now = Date.now()): { from: string; to: string } {
  const end = Math.floor(now / 60_000) * 60_000;
  return { from: new Date(end - rangeOf(key).seconds * 1000).toISOString(), to: new Date(end).toISOString() };
}

/** The step to ask for: the chosen one, or the range's own; never one that gives more than 1,500 points per series. */
export function stepFor(key: RangeKey, step: string): number {
  const range = rangeOf(key);
  const chosen = step === 'auto' ? range.step : Number(step);
  if (!Number.isFinite(chosen) || chosen <= 0) return range.step;
  return Math.max(chosen, Math.ceil(range.seconds / 1_500 / 60) * 60);
}

export interface Point {
  at: string;
  avg: number | null;
  sum: number | null;
  min: number | null;
  max: number | null;
  count: number;
  p95: number | null;
}

/** A series' buckets as the API sends them: parallel lists, entry i of each being bucket i. */
export interface Buckets {
  at: readonly string[];
  avg: readonly (number | null)[];
  sum: readonly (number | null)[];
  min: readonly (number | null)[];
  max: readonly (number | null)[];
  count: readonly number[];
  p95: readonly (number | null)[];
}

/** The buckets as one point each, in time order. */
export function pointsOf(b: Buckets): Point[] {
  return b.at.map((at, i) => ({ at, avg: b.avg[i], sum: b.sum[i], min: b.min[i], max: b.max[i], count: b.count[i], p95: b.p95[i] }));
}

/** The value a chart plots for a point. */
export function valueOf(point: Point, aggregation: MetricAggregation): number | null {
  switch (aggregation) {
    case MetricAggregation.Avg:
      return point.avg ?? null;
    case MetricAggregation.Sum:
      return point.sum ?? null;
    case MetricAggregation.Min:
      return point.min ?? null;
    case MetricAggregation.Max:
      return point.max ?? null;
    case MetricAggregation.Count:
      return point.count;
    case MetricAggregation.P95:
      return point.p95 ?? point.max ?? null;
  }
}

export interface SeriesLike {
  /** The series' key in a chart row (an agent's id). */
  key: string;
  label: string;
  points: readonly Point[];
}

export type ChartRow = { at: string; label: string } & Record<string, number | string | null>;

/**
 * Series -> chart rows: one row per bucket any series has, every series a column (null where it has no
 * point, so the chart draws a gap and not a zero). Rows are in time order.
 */
export function chartRows(series: readonly SeriesLike[], aggregation: MetricAggregation, label: (at: string) => string): ChartRow[] {
  const rows = new Map<string, ChartRow>();
  for (const s of series) {
    for (const point of s.points) {
      let row = rows.get(point.at);
      if (!row) {
        row = { at: point.at, label: label(point.at) } as ChartRow;
        for (const other of series) row[other.key] = null;
        rows.set(point.at, row);
      }
      const value = valueOf(point, aggregation);
      row[s.key] = value == null ? null : Math.round(value * 1000) / 1000;
    }
  }
  return [...rows.values()].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** Chart-axis time: hours and minutes under two days, the day beyond. */
export function timeLabel(rangeSeconds: number): (at: string) => string {
  const format =
    rangeSeconds <= 2 * 86_400
      ? new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' })
      : new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: rangeSeconds <= 8 * 86_400 ? '2-digit' : undefined, timeZone: 'UTC' });
  return (at) => format.format(new Date(at));
}

/** "ms" -> "120 ms", "percent" -> "99.5%", counts plain. */
export function formatValue(value: number | null | undefined, unit: string | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return '—';
  const rounded = Math.abs(value) >= 100 ? Math.round(value).toLocaleString() : (Math.round(value * 100) / 100).toLocaleString();
  if (unit === 'percent' || unit === '%') return `${rounded}%`;
  if (unit === 'ms') return `${rounded} ms`;
  return rounded;
}

/** The colours the series take, in order; more agents than colours reuse them in a lighter shade. */
const PALETTE = ['blue', 'teal', 'orange', 'grape', 'red', 'cyan', 'lime', 'pink', 'indigo', 'yellow'];
export function seriesColor(index: number): string {
  return `${PALETTE[index % PALETTE.length]}.${index < PALETTE.length ? 6 : 4}`;
}

export const STEP_LABEL: Record<number, string> = { 60: '1 minute', 300: '5 minutes', 900: '15 minutes', 3600: '1 hour', 21600: '6 hours', 86400: '1 day' };

export function stepText(seconds: number): string {
  return STEP_LABEL[seconds] ?? (seconds % 3600 === 0 ? `${seconds / 3600} hours` : seconds % 60 === 0 ? `${seconds / 60} minutes` : `${seconds} s`);
}
