import type { TenantScope } from '../../scope';
import { rollUpHours } from '../../modules/metrics';
import { stableUuid } from './deterministic';

/**
 * A week of telemetry for a demo tenant's deployed agents, relative to now so charts always show the
 * last days: one point a minute over the last 24 hours and one every 15 minutes before, for every
 * well-known metric. Values come from a hash of agent, metric and minute (never Math.random) with a
 * daily rhythm. Incident Triage (tagged production) has an error burst 3 to 2 hours ago and a
 * degraded spell in its health, so an error-rate rule previews and fires from seeded points.
 */
export async function seedObservability(scope: TenantScope, slug: string): Promise<void> {
  const tenantId = scope.caller.tenantId!;
  const batchId = stableUuid(`telemetry-batch:${slug}:demo`);
  const burstAgent = stableUuid(`agent:${slug}:Incident Triage`);
  await scope.tx.manager.query(
    `INSERT INTO telemetry_batches (id, tenant_id, kind, batch_key, digest, item_count, recorded_by_user_id)
     VALUES ($1, $2, 'metrics', 'demo-seed', 'demo', 0, $3), ($4, $2, 'health', 'demo-seed', 'demo', 0, $3), ($5, $2, 'events', 'demo-seed', 'demo', 0, $3)`,
    [batchId, tenantId, scope.caller.userId, stableUuid(`telemetry-batch:${slug}:health`), stableUuid(`telemetry-batch:${slug}:events`)],
  );
  await scope.tx.manager.query(
    `WITH agents AS (SELECT a.id, a.name, row_number() OVER (ORDER BY a.name) AS k FROM agents a WHERE a.tenant_id = $1 AND a.status = 'deployed'),
     times AS (
       SELECT date_trunc('minute', now(), 'UTC') - make_interval(mins => m) AS at, 1 AS minutes FROM generate_series(0, 1439) AS m
       UNION ALL
       SELECT date_trunc('minute', now(), 'UTC') - interval '1 day' - make_interval(mins => 15 * q), 15 FROM generate_series(1, 6 * 96) AS q),
     base AS (
       SELECT a.id AS agent_id, a.k, t.at, t.minutes,
              ('x' || substr(md5(a.name || ':' || extract(epoch FROM t.at)::bigint), 1, 8))::bit(32)::bigint % 1000 / 1000.0 AS noise,
              (1 + 0.5 * sin(2 * pi() * extract(epoch FROM t.at) / 86400.0)) AS rhythm,
              a.id = $3 AND t.at > now() - interval '3 hours' AND t.at <= now() - interval '2 hours' AS burst
       FROM agents a, times t),
     counts AS (
       SELECT b.*, greatest(1, round((8 + 4 * b.k) * b.rhythm * (0.7 + 0.6 * b.noise) * b.minutes)) AS requests FROM base b)
     INSERT INTO metric_points (tenant_id, agent_id, name, at, value, labels, batch_id)
     SELECT $1::uuid, c.agent_id, m.name, c.at, m.value, m.labels::jsonb, $2
     FROM counts c, LATERAL (VALUES
       ('agent.requests', c.requests, '{}'),
       ('agent.errors', round(c.requests * CASE WHEN c.burst THEN 0.12 + 0.05 * c.noise ELSE 0.004 + 0.01 * c.noise END), '{}'),
       ('agent.response_time', round((400 + 150 * c.k) * (0.8 + 0.5 * c.noise) * (CASE WHEN c.burst THEN 2.5 ELSE 1 END)), '{"model":"default"}'),
       ('agent.tokens.prompt', round(c.requests * (600 + 200 * c.noise)), '{}'),
       ('agent.tokens.completion', round(c.requests * (150 + 100 * c.noise)), '{}'),
       ('agent.uptime', CASE WHEN c.burst THEN 92 + 5 * c.noise ELSE 99.5 + 0.5 * c.noise END, '{}')
     ) AS m(name, value, labels)`,
    [tenantId, batchId, burstAgent],
  );
  const hours: Date[] = [];
  const now = Date.now();
  for (let h = 0; h <= 7 * 24 + 1; h++) hours.push(new Date(now - h * 3600_000));
  await rollUpHours(scope, hours);
  await scope.tx.manager.query(
    `INSERT INTO alert_rules (id, tenant_id, name, description, condition, window_minutes, for_minutes, severity, created_by_id, created_at)
     VALUES ($1, $2, 'High error rate (production)', 'More than 5% of requests failing over 5 minutes, on production agents',
             'window.errorRate > 0.05 && "production" in agent.tags', 5, 0, 'warning', $3, now() - interval '10 days')`,
    [stableUuid(`alert-rule:${slug}:high-error-rate`), tenantId, scope.caller.userId],
  );
  await seedHealth(scope, slug, tenantId, burstAgent);
  await seedEvents(scope, slug, tenantId);
}

/** A report every 5 minutes over the last day; Incident Triage degraded during its burst. */
async function seedHealth(scope: TenantScope, slug: string, tenantId: string, burstAgent: string): Promise<void> {
  const batchId = stableUuid(`telemetry-batch:${slug}:health`);
  await scope.tx.manager.query(
    `WITH agents AS (SELECT a.id, a.name FROM agents a WHERE a.tenant_id = $1 AND a.status = 'deployed'),
     reports AS (
       SELECT a.id AS agent_id, date_trunc('minute', now(), 'UTC') - make_interval(mins => 5 * q) AS at,
              ('x' || substr(md5(a.name || ':h:' || q), 1, 8))::bit(32)::bigint % 1000 / 1000.0 AS noise,
              a.id = $3 AND q BETWEEN 24 AND 36 AS degraded, q
       FROM agents a, generate_series(0, 287) AS q)
     INSERT INTO agent_health_reports (tenant_id, agent_id, at, status, cpu_percent, memory_mb, restarts, message, source, batch_id)
     SELECT $1::uuid, agent_id, at, CASE WHEN degraded THEN 'degraded' ELSE 'healthy' END,
            round((20 + 30 * noise + CASE WHEN degraded THEN 40 ELSE 0 END)::numeric, 1), round((512 + 256 * noise)::numeric, 0),
            CASE WHEN agent_id = $3 AND q < 24 THEN 1 ELSE 0 END,
            CASE WHEN degraded THEN 'Upstream model timeouts' ELSE NULL END, 'report', $2
     FROM reports`,
    [tenantId, batchId, burstAgent],
  );
  await scope.tx.manager.query(
    `INSERT INTO agent_health_states (tenant_id, agent_id, status, last_report_at, since, cpu_percent, memory_mb, restarts, message)
     SELECT DISTINCT ON (r.agent_id) $1::uuid, r.agent_id, r.status, r.at, now() - interval '2 hours', r.cpu_percent, r.memory_mb, r.restarts, r.message
     FROM agent_health_reports r WHERE r.tenant_id = $1 ORDER BY r.agent_id, r.at DESC`,
    [tenantId],
  );
}

/** Analytics events of the three types over the last week, a few an hour. */
async function seedEvents(scope: TenantScope, slug: string, tenantId: string): Promise<void> {
  await scope.tx.manager.query(
    `WITH agents AS (SELECT array_agg(id ORDER BY name) AS ids FROM agents WHERE tenant_id = $1 AND status = 'deployed'),
     members AS (SELECT array_agg(user_id ORDER BY created_at) AS ids FROM memberships WHERE tenant_id = $1),
     slots AS (
       SELECT q, date_trunc('minute', now(), 'UTC') - make_interval(mins => 13 * q) AS at,
              ('x' || substr(md5($3::text || ':e:' || q), 1, 8))::bit(32)::bigint AS h
       FROM generate_series(0, 7 * 24 * 60 / 13) AS q)
     INSERT INTO analytics_events (id, tenant_id, type, name, occurred_at, user_id, agent_id, payload, batch_id)
     SELECT md5($3 || ':event:' || s.q)::uuid, $1::uuid, e.type, e.name, s.at,
            CASE WHEN e.type = 'user_action' THEN m.ids[1 + s.h % cardinality(m.ids)] END,
            CASE WHEN e.type <> 'user_action' THEN a.ids[1 + s.h % cardinality(a.ids)] END,
            e.payload::jsonb, $2
     FROM slots s, agents a, members m,
     LATERAL (SELECT * FROM (VALUES
       ('user_action', 'agent.viewed', '{"page":"agent"}'),
       ('user_action', 'policy.edited', '{"field":"condition"}'),
       ('system_event', 'deployment.completed', '{"durationMs":42000}'),
       ('system_event', 'budget.checked', '{}'),
       ('ai_prediction', 'ticket.classified', '{"label":"billing","confidence":0.91}'),
       ('ai_prediction', 'risk.scored', '{"score":0.12}')) AS v(type, name, payload) OFFSET (s.h % 6) LIMIT 1) AS e
     WHERE cardinality(a.ids) > 0`,
    [tenantId, stableUuid(`telemetry-batch:${slug}:events`), slug],
  );
}
