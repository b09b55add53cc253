import { MetricAggregation } from '../../gql/graphql';
import { chartRows, formatValue, pointsOf, stepFor, valueOf, windowOf } from './metric-view';

const point = (at: string, avg: number | null, extra: Partial<{ sum: number; max: number; p95: number | null; count: number }> = {}) => ({
  at,
  avg,
  sum: extra.sum ?? null,
  min: null,
  max: extra.max ?? null,
  count: extra.count ?? 1,
  p95: extra.p95 === undefined ? null : extra.p95,
});

describe('metric view', () => {
  it('reads the parallel lists of a series (MetricSeries.buckets) as one point per bucket, entry i of each list being bucket i', () => {
    const buckets = { at: ['2026-12-01T10:00:00Z', '2026-12-01T11:00:00Z'], avg: [2, 3], sum: [4, 9], min: [1, 2], max: [3, 4], count: [2, 3], p95: [3, 4] };
    expect(pointsOf(buckets)).toEqual([
      { at: '2026-12-01T10:00:00Z', avg: 2, sum: 4, min: 1, max: 3, count: 2, p95: 3 },
      { at: '2026-12-01T11:00:00Z', avg: 3, sum: 9, min: 2, max: 4, count: 3, p95: 4 },
    ]);
    expect(pointsOf({ at: [], avg: [], sum: [], min: [], max: [], count: [], p95: [] })).toEqual([]);
  });

  it('makes one row per bucket with a column per agent, null where an agent has no point (a gap, not a zero)', () => {
    const rows = chartRows(
      [
        { key: 'a', label: 'Alpha', points: [point('2026-12-01T10:00:00Z', 120), point('2026-12-01T10:05:00Z', 130)] },
        { key: 'b', label: 'Beta', points: [point('2026-12-01T10:05:00Z', 80.12345), point('2026-12-01T09:55:00Z', 70)] },
      ],
      MetricAggregation.Avg,
      (at) => at.slice(11, 16),
    );
    expect(rows.map((r) => [r.label, r.a, r.b])).toEqual([
      ['09:55', null, 70],
      ['10:00', 120, null],
      ['10:05', 130, 80.123],
    ]);
  });

  it('plots the chosen aggregate; p95 falls back to the max where the tier has none', () => {
    const p = point('2026-12-01T10:00:00Z', 10, { sum: 50, max: 40, count: 5 });
    expect(valueOf(p, MetricAggregation.Avg)).toBe(10);
    expect(valueOf(p, MetricAggregation.Sum)).toBe(50);
    expect(valueOf(p, MetricAggregation.Count)).toBe(5);
    expect(valueOf(p, MetricAggregation.P95)).toBe(40);
    expect(valueOf({ ...p, p95: 33 }, MetricAggregation.P95)).toBe(33);
  });

  it("asks for the range's own step, or the chosen one, never more than 1,500 buckets", () => {
    expect(stepFor('24h', 'auto')).toBe(900);
    expect(stepFor('24h', '60')).toBe(60);
    expect(stepFor('30d', '60')).toBe(1740);
    expect(stepFor('7d', 'nonsense')).toBe(3600);
  });

  it('ends windows on a whole minute, so refetches within a minute ask the same thing', () => {
    const now = Date.parse('2026-12-03T10:15:42.123Z');
    expect(windowOf('1h', now)).toEqual({ from: '2026-12-03T09:15:00.000Z', to: '2026-12-03T10:15:00.000Z' });
  });

  it('formats values with their unit', () => {
    expect(formatValue(123.456, 'ms')).toBe('123 ms');
    expect(formatValue(99.456, 'percent')).toBe('99.46%');
    expect(formatValue(null, 'ms')).toBe('—');
  });
});
