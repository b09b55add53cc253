import { LineChart } from '@mantine/charts';
import { formatDay } from '../../format/days';

export interface ScorePoint {
  /** UTC day, "2026-12-01". */
  date: string;
  score: number;
}

export interface ScoreSeries {
  name: string;
  points: readonly ScorePoint[];
}

const COLORS = ['blue.6', 'teal.6', 'grape.6', 'orange.6', 'cyan.6', 'pink.6', 'lime.7', 'indigo.6'];

/** One row per day any framework has a snapshot, one column per framework: what LineChart draws. */
export function trendRows(series: readonly ScoreSeries[]): Record<string, string | number | null>[] {
  const days = [...new Set(series.flatMap((s) => s.points.map((p) => p.date)))].sort();
  return days.map((date) => {
    const row: Record<string, string | number | null> = { date, label: formatDay(date) };
    series.forEach((s, i) => {
      row[`f${i}`] = s.points.find((p) => p.date === date)?.score ?? null;
    });
    return row;
  });
}

/** Daily readiness snapshots per framework, 0-100, as lines. */
export function ScoreTrend({ series, height = 260 }: { series: readonly ScoreSeries[]; height?: number }) {
  return (
    <LineChart
      h={height}
      data={trendRows(series)}
      dataKey="label"
      series={series.map((s, i) => ({ name: `f${i}`, label: s.name, color: COLORS[i % COLORS.length] }))}
      curveType="linear"
      connectNulls
      withLegend
      valueFormatter={(value) => `${Math.round(value)}%`}
      yAxisProps={{ domain: [0, 100], width: 40 }}
      xAxisProps={{ minTickGap: 20 }}
      data-testid="score-trend"
    />
  );
}
