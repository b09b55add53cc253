import { AnalyticsEventType, AnalyticsInterval } from '../../gql/graphql';

interface AnalyticsEventCount {
  at: string;
  type: AnalyticsEventType;
  count: number;
}

export const EVENT_TYPES: { value: AnalyticsEventType; label: string; color: string }[] = [
  { value: AnalyticsEventType.UserAction, label: 'User actions', color: 'blue.6' },
  { value: AnalyticsEventType.SystemEvent, label: 'System events', color: 'gray.6' },
  { value: AnalyticsEventType.AiPrediction, label: 'AI predictions', color: 'grape.6' },
];

export const EVENT_RANGES = [
  { value: '24h', label: '24 hours', hours: 24, interval: AnalyticsInterval.Hour },
  { value: '7d', label: '7 days', hours: 168, interval: AnalyticsInterval.Day },
  { value: '30d', label: '30 days', hours: 720, interval: AnalyticsInterval.Day },
] as const;

export type EventRange = (typeof EVENT_RANGES)[number]['value'];

export const INTERVALS = [
  { value: AnalyticsInterval.Minute, label: 'Minute' },
  { value: AnalyticsInterval.Hour, label: 'Hour' },
  { value: AnalyticsInterval.Day, label: 'Day' },
];

export function isEventRange(value: string | null): value is EventRange {
  return EVENT_RANGES.some((r) => r.value === value);
}

export function isInterval(value: string | null): value is AnalyticsInterval {
  return (Object.values(AnalyticsInterval) as string[]).includes(value ?? '');
}

/** Minute intervals over more than a day are thousands of bars: the API is asked for hours then. */
export function intervalFor(range: EventRange, chosen: AnalyticsInterval | null): AnalyticsInterval {
  const r = EVENT_RANGES.find((x) => x.value === range) ?? EVENT_RANGES[0];
  if (!chosen) return r.interval;
  if (chosen === AnalyticsInterval.Minute && r.hours > 24) return AnalyticsInterval.Hour;
  return chosen;
}

export function rangeWindow(range: EventRange, now = Date.now()): { from: string; to: string } {
  const hours = EVENT_RANGES.find((x) => x.value === range)?.hours ?? 24;
  const end = Math.floor(now / 60_000) * 60_000;
  return { from: new Date(end - hours * 3_600_000).toISOString(), to: new Date(end).toISOString() };
}

/** Counts (one per interval and type) -> one chart row per interval with a column per type, zeros where none. */
export function countRows(counts: readonly Pick<AnalyticsEventCount, 'at' | 'type' | 'count'>[], interval: AnalyticsInterval) {
  const format = new Intl.DateTimeFormat(
    undefined,
    interval === AnalyticsInterval.Day ? { month: 'short', day: 'numeric', timeZone: 'UTC' } : { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' },
  );
  const rows = new Map<string, Record<string, number | string>>();
  for (const c of counts) {
    let row = rows.get(c.at);
    if (!row) {
      row = { at: c.at, label: format.format(new Date(c.at)) };
      for (const t of EVENT_TYPES) row[t.value] = 0;
      rows.set(c.at, row);
    }
    row[c.type] = (row[c.type] as number) + c.count;
  }
  return [...rows.values()].sort((a, b) => Date.parse(String(a.at)) - Date.parse(String(b.at)));
}

/** Totals per type over the whole range. */
export function totalsByType(counts: readonly Pick<AnalyticsEventCount, 'type' | 'count'>[]): Record<AnalyticsEventType, number> {
  const totals = Object.fromEntries(EVENT_TYPES.map((t) => [t.value, 0])) as Record<AnalyticsEventType, number>;
  for (const c of counts) totals[c.type] += c.count;
  return totals;
}
