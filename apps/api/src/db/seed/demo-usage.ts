import type { EntityManager } from 'typeorm';

/** Typical use a day per plan: analytics events and API requests (well under each plan's monthly limit). */
const DAILY: Record<string, { events: number; requests: number }> = {
  trial: { events: 60, requests: 400 },
  starter: { events: 1_500, requests: 6_000 },
  professional: { events: 9_000, requests: 40_000 },
  enterprise: { events: 20_000, requests: 90_000 },
};

/**
 * 120 days of metered use (tenant_usage_days) up to yesterday, so the usage page's chart and monthly table and
 * the usage export have history. Numbers come from a hash of the tenant and day (never Math.random), with
 * quieter weekends, so the same world comes back on every run relative to its date.
 */
export async function seedUsage(manager: EntityManager, tenantId: string, plan: string): Promise<void> {
  const daily = DAILY[plan] ?? DAILY.trial;
  await manager.query(
    `INSERT INTO tenant_usage_days (tenant_id, day, events, api_requests)
     SELECT $1::uuid, d, round($2::int * f * w), round($3::int * f * w)
     FROM generate_series(1, 120) AS ago
     CROSS JOIN LATERAL (SELECT (now() AT TIME ZONE 'UTC')::date - ago AS d) day
     CROSS JOIN LATERAL (SELECT 0.6 + (('x' || substr(md5($1::text || ':' || ago), 1, 8))::bit(32)::bigint % 800) / 1000.0 AS f,
                                CASE WHEN extract(isodow FROM d) >= 6 THEN 0.35 ELSE 1 END AS w) k
     ON CONFLICT (tenant_id, day) DO NOTHING`,
    [tenantId, daily.events, daily.requests],
  );
}
