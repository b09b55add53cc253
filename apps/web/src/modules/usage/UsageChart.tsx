import { BarChart } from '@mantine/charts';
import { addDays, formatDay, todayUtc } from '../../format/days';

export interface UsageDay {
  /** Start of the UTC day, ISO. */
  start: string;
  events: number;
  apiRequests: number;
}

/** One row per UTC day of the last `days` days (today included), zero where nothing was used. */
export function usageRows(used: readonly UsageDay[], days: number, now = new Date()): { day: string; label: string; events: number; apiRequests: number }[] {
  const byDay = new Map(used.map((u) => [u.start.slice(0, 10), u]));
  const today = todayUtc(now);
  return Array.from({ length: days }, (_, i) => {
    const day = addDays(today, i - days + 1);
    const u = byDay.get(day);
    return { day, label: formatDay(day), events: u?.events ?? 0, apiRequests: u?.apiRequests ?? 0 };
  });
}

/** Analytics events and API requests per day, side by side. */
export function UsageChart({ used, days }: { used: readonly UsageDay[]; days: number }) {
  return (
    <BarChart
      h={260}
      data={usageRows(used, days)}
      dataKey="label"
      series={[
        { name: 'apiRequests', label: 'API requests', color: 'blue.6' },
        { name: 'events', label: 'Analytics events', color: 'teal.6' },
      ]}
      withLegend
      legendProps={{ verticalAlign: 'bottom', height: 40 }}
      valueFormatter={(value) => value.toLocaleString('en-US')}
      yAxisProps={{ width: 60 }}
      xAxisProps={{ minTickGap: 16 }}
      tooltipAnimationDuration={150}
      data-testid="usage-chart"
    />
  );
}
