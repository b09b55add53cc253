import type { TenantScope } from '../../scope';

/**
 * How long one rollup transaction goes on taking hours: each hour is a statement of its own (well inside the
 * statement timeout), and the transaction ends after the hour that crosses this, leaving the rest for the next.
 */
export const ROLLUP_TRANSACTION_MS = 10_000;

const AGGREGATES = `count(*) AS count, sum(p.value) AS sum, min(p.value) AS min, max(p.value) AS max,
  percentile_cont(0.95) WITHIN GROUP (ORDER BY p.value) AS p95`;
const UPSERT = `ON CONFLICT (tenant_id, name, agent_id, bucket) DO UPDATE
  SET count = EXCLUDED.count, sum = EXCLUDED.sum, min = EXCLUDED.min, max = EXCLUDED.max, p95 = EXCLUDED.p95`;

/**
 * Recomputes one hour's minute and hour rollups from its raw points, in one statement reading the hour's
 * points once (grouping sets: per minute and for the whole hour). Buckets are recomputed whole and upserted,
 * so re-running an hour gives the same rows; the p95 of both tiers is exact.
 */
async function rollUpHour(ctx: TenantScope, hour: Date): Promise<{ minutes: number; hours: number }> {
  const [result]: { minutes: number; hours: number }[] = await ctx.tx.manager.query(
    `WITH buckets AS MATERIALIZED (
       SELECT p.agent_id, p.name, date_trunc('minute', p.at, 'UTC') AS minute, GROUPING(date_trunc('minute', p.at, 'UTC')) = 1 AS whole_hour, ${AGGREGATES}
       FROM metric_points p WHERE p.tenant_id = $1 AND p.at >= $2 AND p.at < $2::timestamptz + interval '1 hour'
       GROUP BY p.agent_id, p.name, GROUPING SETS ((date_trunc('minute', p.at, 'UTC')), ())),
     minutes AS (
       INSERT INTO metric_rollups_minute (tenant_id, agent_id, name, bucket, count, sum, min, max, p95)
       SELECT $1::uuid, agent_id, name, minute, count, sum, min, max, p95 FROM buckets WHERE NOT whole_hour ${UPSERT} RETURNING 1),
     hours AS (
       INSERT INTO metric_rollups_hour (tenant_id, agent_id, name, bucket, count, sum, min, max, p95)
       SELECT $1::uuid, agent_id, name, $2::timestamptz, count, sum, min, max, p95 FROM buckets WHERE whole_hour ${UPSERT} RETURNING 1)
     SELECT (SELECT count(*) FROM minutes)::int AS minutes, (SELECT count(*) FROM hours)::int AS hours`,
    [ctx.caller.tenantId, hour],
  );
  return result;
}

/**
 * Recomputes the day rollups of the given days from their hour rollups (at most 24 rows a series, whatever
 * the number of points): count, sum, min and max are exact; p95 is the largest hourly p95 of the day, an
 * upper bound of the day's p95 (no more than 5% of any hour's points lie above it) that equals it when the
 * day's points fall in one hour. Read after the hours' own statement, so it sees the hours just rolled up.
 */
async function rollUpDays(ctx: TenantScope, days: Date[]): Promise<number> {
  if (!days.length) return 0;
  const [result]: { days: number }[] = await ctx.tx.manager.query(
    `WITH d AS (SELECT DISTINCT date_trunc('day', x, 'UTC') AS day FROM unnest($2::timestamptz[]) AS x),
     days AS (
       INSERT INTO metric_rollups_day (tenant_id, agent_id, name, bucket, count, sum, min, max, p95)
       SELECT $1::uuid, r.agent_id, r.name, d.day, sum(r.count), sum(r.sum), min(r.min), max(r.max), max(r.p95)
       FROM d JOIN metric_rollups_hour r ON r.tenant_id = $1 AND r.bucket >= d.day AND r.bucket < d.day + interval '1 day'
       GROUP BY r.agent_id, r.name, d.day ${UPSERT} RETURNING 1)
     SELECT count(*)::int AS days FROM days`,
    [ctx.caller.tenantId, days],
  );
  return result.days;
}

/**
 * Recomputes the minute, hour and day rollups of the given hours (and of the days holding them): a
 * statement per hour from its raw points, then one for the days from their hours. Re-running a window
 * gives the same rows, and a late point only needs its hour marked dirty.
 */
export async function rollUpHours(ctx: TenantScope, hours: Date[]): Promise<{ minutes: number; hours: number; days: number }> {
  const distinct = [...new Set(hours.map((h) => Math.floor(h.getTime() / 3_600_000) * 3_600_000))].sort((a, b) => a - b);
  const total = { minutes: 0, hours: 0, days: 0 };
  for (const hour of distinct) {
    const rolled = await rollUpHour(ctx, new Date(hour));
    total.minutes += rolled.minutes;
    total.hours += rolled.hours;
  }
  total.days = await rollUpDays(
    ctx,
    distinct.map((h) => new Date(h)),
  );
  return total;
}

/** Takes the tenant's oldest dirty hour not taken by another run: every mark of it (an hour may be marked more than once). */
async function takeOldestHour(ctx: TenantScope): Promise<Date | null> {
  const [taken]: { hour: Date }[] = await ctx.tx.manager.query(
    `WITH oldest AS (SELECT hour FROM metric_rollup_dirty WHERE tenant_id = $1 ORDER BY hour LIMIT 1 FOR UPDATE SKIP LOCKED),
     taken AS (DELETE FROM metric_rollup_dirty d USING oldest WHERE d.tenant_id = $1 AND d.hour = oldest.hour RETURNING d.hour)
     SELECT DISTINCT hour FROM taken`,
    [ctx.caller.tenantId],
  );
  return taken?.hour ?? null;
}

/**
 * A bounded piece of the rollup job for one tenant, in the caller's transaction: takes the oldest dirty
 * hours one at a time and rolls each up (a statement per hour), until none is left or the transaction has
 * run `budgetMs`; then the days of those hours. Returns the hours rolled up (0: nothing was dirty). A
 * failure rolls the transaction back and leaves its hours dirty for the next run; marks written after an
 * hour was taken stay for the next run (their points may not have been in this one's snapshot).
 */
export async function rollUpDirty(ctx: TenantScope, budgetMs = ROLLUP_TRANSACTION_MS): Promise<number> {
  const started = Date.now();
  const hours: Date[] = [];
  for (;;) {
    const hour = await takeOldestHour(ctx);
    if (!hour) break;
    await rollUpHour(ctx, hour);
    hours.push(hour);
    if (Date.now() - started >= budgetMs) break;
  }
  await rollUpDays(ctx, hours);
  return hours.length;
}
