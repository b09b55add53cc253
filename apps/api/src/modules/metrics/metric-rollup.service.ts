import type { TenantScope } from '../../scope';

const MAX_HOURS_PER_RUN = 240;

const AGGREGATES = `count(*), sum(p.value), min(p.value), max(p.value), percentile_cont(0.95) WITHIN GROUP (ORDER BY p.value)`;
const UPSERT = `ON CONFLICT (tenant_id, name, agent_id, bucket) DO UPDATE
  SET count = EXCLUDED.count, sum = EXCLUDED.sum, min = EXCLUDED.min, max = EXCLUDED.max, p95 = EXCLUDED.p95`;

/**
 * Recomputes the minute, hour and day rollups of the given hours (and of the days holding them)
 * from raw points, in one statement: every bucket is recomputed whole and upserted, so re-running a
 * window gives the same rows, and a late point only needs its hour marked dirty. The p95 of every
 * tier is exact (computed from the raw points, not from finer rollups).
 */
export async function rollUpHours(ctx: TenantScope, hours: Date[]): Promise<{ minutes: number; hours: number; days: number }> {
  if (!hours.length) return { minutes: 0, hours: 0, days: 0 };
  const [result]: { minutes: number; hours: number; days: number }[] = await ctx.tx.manager.query(
    `WITH h AS (SELECT DISTINCT date_trunc('hour', x, 'UTC') AS hour FROM unnest($2::timestamptz[]) AS x),
     d AS (SELECT DISTINCT date_trunc('day', hour, 'UTC') AS day FROM h),
     minutes AS (
       INSERT INTO metric_rollups_minute (tenant_id, agent_id, name, bucket, count, sum, min, max, p95)
       SELECT $1::uuid, p.agent_id, p.name, date_trunc('minute', p.at, 'UTC'), ${AGGREGATES}
       FROM metric_points p JOIN h ON p.at >= h.hour AND p.at < h.hour + interval '1 hour'
       WHERE p.tenant_id = $1 GROUP BY 1, 2, 3, 4 ${UPSERT} RETURNING 1),
     hours AS (
       INSERT INTO metric_rollups_hour (tenant_id, agent_id, name, bucket, count, sum, min, max, p95)
       SELECT $1::uuid, p.agent_id, p.name, h.hour, ${AGGREGATES}
       FROM metric_points p JOIN h ON p.at >= h.hour AND p.at < h.hour + interval '1 hour'
       WHERE p.tenant_id = $1 GROUP BY 1, 2, 3, 4 ${UPSERT} RETURNING 1),
     days AS (
       INSERT INTO metric_rollups_day (tenant_id, agent_id, name, bucket, count, sum, min, max, p95)
       SELECT $1::uuid, p.agent_id, p.name, d.day, ${AGGREGATES}
       FROM metric_points p JOIN d ON p.at >= d.day AND p.at < d.day + interval '1 day'
       WHERE p.tenant_id = $1 GROUP BY 1, 2, 3, 4 ${UPSERT} RETURNING 1)
     SELECT (SELECT count(*) FROM minutes)::int AS minutes, (SELECT count(*) FROM hours)::int AS hours, (SELECT count(*) FROM days)::int AS days`,
    [ctx.caller.tenantId, hours],
  );
  return result;
}

/**
 * The rollup job's work for one tenant: takes the oldest dirty hours (at most 240 a run) off the
 * list and rolls them up, in the job's one transaction; a failure leaves them dirty for the next run.
 */
export async function rollUpDirty(ctx: TenantScope): Promise<number> {
  // Every mark of the hours taken (an hour may be marked more than once), each hour once.
  const taken: { hour: Date }[] = await ctx.tx.manager.query(
    `WITH taken AS (
       DELETE FROM metric_rollup_dirty WHERE tenant_id = $1 AND hour IN (
         SELECT hour FROM metric_rollup_dirty WHERE tenant_id = $1 ORDER BY hour LIMIT ${MAX_HOURS_PER_RUN} FOR UPDATE SKIP LOCKED)
       RETURNING hour)
     SELECT DISTINCT hour FROM taken ORDER BY hour`,
    [ctx.caller.tenantId],
  );
  await rollUpHours(
    ctx,
    taken.map((t) => t.hour),
  );
  return taken.length;
}
