import { StewardError } from '../../graphql/errors';

let today = { day: '', until: 0 };

/** Costs are dated in UTC days, as 'YYYY-MM-DD' strings: never through a JavaScript Date at local time. */
export function todayUtc(): string {
  const now = Date.now();
  if (now >= today.until) {
    const day = new Date(now).toISOString().slice(0, 10);
    today = { day, until: Date.parse(`${day}T00:00:00Z`) + 86_400_000 };
  }
  return today.day;
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export const MAX_RANGE_DAYS = 1096;

const recent = new Map<string, DateRange>();

/** The last `days` days up to today; shared by every agent of a page asking for the same window. */
export function lastDays(days: number): DateRange {
  const to = todayUtc();
  const key = `${to}:${days}`;
  let range = recent.get(key);
  if (!range) {
    if (recent.size > 100) recent.clear();
    range = { from: addDays(to, 1 - days), to };
    recent.set(key, range);
  }
  return range;
}

export interface DateRange {
  from: string;
  to: string;
}

/** The range asked for, defaulting to the 30 days up to today; `from` after `to` or a range over three years is refused. */
export function resolveRange(args: { from?: string | null; to?: string | null }, defaultDays = 30): DateRange {
  const to = args.to ?? todayUtc();
  const from = args.from ?? addDays(to, 1 - defaultDays);
  if (from > to) throw StewardError.badInput('from', 'from must not be after to');
  if (daysBetween(from, to) >= MAX_RANGE_DAYS) throw StewardError.badInput('from', `A range may span at most ${MAX_RANGE_DAYS} days`);
  return { from, to };
}
