import { CostInterval } from '../../gql/graphql';
import { addDays } from '../../format/days';

/** The first day of the bucket a day falls in, as the API truncates: ISO weeks start on Monday. */
export function bucketStart(day: string, interval: CostInterval): string {
  if (interval === CostInterval.Month) return `${day.slice(0, 8)}01`;
  if (interval === CostInterval.Week) {
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    return addDays(day, -((weekday + 6) % 7));
  }
  return day;
}

function nextBucket(start: string, interval: CostInterval): string {
  if (interval === CostInterval.Day) return addDays(start, 1);
  if (interval === CostInterval.Week) return addDays(start, 7);
  const date = new Date(`${start}T00:00:00Z`);
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
}

/** Every bucket of a range, so days without costs show as zero rather than vanish from the axis. */
export function bucketsOf(from: string, to: string, interval: CostInterval, max = 1200): string[] {
  const periods: string[] = [];
  for (let p = bucketStart(from, interval); p <= to && periods.length < max; p = nextBucket(p, interval)) periods.push(p);
  return periods;
}

export function periodLabel(period: string, interval: CostInterval): string {
  const date = new Date(`${period}T00:00:00Z`);
  if (interval === CostInterval.Month) return date.toLocaleDateString(undefined, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  const label = date.toLocaleDateString(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
  return interval === CostInterval.Week ? `Week of ${label}` : label;
}
