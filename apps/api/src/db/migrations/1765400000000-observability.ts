import { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables partitioned by month on their time column: partitions are made ahead and dropped whole by jobs (never row deletes). */
export const MONTHLY_TABLES = [
  'metric_points',
  'metric_rollups_minute',
  'metric_rollups_hour',
  'metric_rollups_day',
  'agent_health_reports',
  'analytics_events',
] as const;

/**
 * Agent observability: raw metric points, minute/hour/day rollups, health reports and state,
 * analytics events, alert rules. Time-series tables are declaratively partitioned by month; the
 * parent carries the row-level security policy (it applies to every partition read through the
 * parent) and the grants, and each partition has RLS forced with no policy and no grant, so
 * steward_app cannot reach a partition by its own name.
 */
export class Observability1765400000000 implements MigrationInterface {
  name = 'Observability1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
-- Creates the monthly partitions of p_parent covering [month of p_from, p_months months on); returns how many were new.
CREATE FUNCTION steward.ensure_month_partitions(p_parent text, p_from timestamptz, p_months int) RETURNS int
LANGUAGE plpgsql SET search_path = public, steward AS $f$
DECLARE
  m timestamp;
  part text;
  made int := 0;
BEGIN
  FOR i IN 0 .. p_months - 1 LOOP
    m := date_trunc('month', p_from AT TIME ZONE 'UTC') + make_interval(months => i);
    part := p_parent || '_p' || to_char(m, 'YYYYMM');
    IF to_regclass(part) IS NULL THEN
      EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)', part, p_parent,
        to_char(m, 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), to_char(m + interval '1 month', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'));
      EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY', part);
      made := made + 1;
    END IF;
  END LOOP;
  RETURN made;
END $f$;

-- Detaches and drops the partitions of p_parent whose whole month ends on or before p_before; returns their names.
CREATE FUNCTION steward.drop_month_partitions(p_parent text, p_before timestamptz) RETURNS text[]
LANGUAGE plpgsql SET search_path = public, steward AS $f$
DECLARE
  r record;
  dropped text[] := '{}';
BEGIN
  FOR r IN SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
           WHERE i.inhparent = p_parent::regclass AND c.relname ~ '_p[0-9]{6}$' ORDER BY c.relname LOOP
    IF (to_date(right(r.relname, 6) || '01', 'YYYYMMDD') + interval '1 month') AT TIME ZONE 'UTC' <= p_before THEN
      EXECUTE format('ALTER TABLE %I DETACH PARTITION %I', p_parent, r.relname);
      EXECUTE format('DROP TABLE %I', r.relname);
      dropped := dropped || r.relname::text;
    END IF;
  END LOOP;
  RETURN dropped;
END $f$;
REVOKE ALL ON FUNCTION steward.ensure_month_partitions(text, timestamptz, int), steward.drop_month_partitions(text, timestamptz) FROM PUBLIC, steward_app;

-- Per-tenant settings: retention per tier (days, within the plan's limits) and health silence.
CREATE TABLE observability_settings (
  tenant_id uuid PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
  raw_days int NOT NULL CHECK (raw_days BETWEEN 1 AND 3650),
  hour_days int NOT NULL CHECK (hour_days BETWEEN 1 AND 3650),
  day_days int NOT NULL CHECK (day_days BETWEEN 1 AND 3650),
  silence_minutes int NOT NULL DEFAULT 5 CHECK (silence_minutes BETWEEN 1 AND 1440),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- One row per accepted batch: its key makes a retry a no-op, its digest tells a retry from a reused key.
CREATE TABLE telemetry_batches (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('metrics','health','events')),
  batch_key text NOT NULL CHECK (length(batch_key) BETWEEN 1 AND 200),
  digest text NOT NULL,
  item_count int NOT NULL,
  recorded_by_user_id uuid,
  recorded_by_api_key_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, kind, batch_key)
);

CREATE TABLE metric_points (
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  agent_id uuid NOT NULL,
  name text NOT NULL,
  at timestamptz NOT NULL,
  value double precision NOT NULL,
  labels jsonb NOT NULL DEFAULT '{}',
  batch_id uuid NOT NULL
) PARTITION BY RANGE (at);
CREATE INDEX metric_points_series ON metric_points (tenant_id, name, agent_id, at);

-- Hours whose points changed since they were last rolled up (late points included).
CREATE TABLE metric_rollup_dirty (
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  hour timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, hour)
);
`);
    for (const tier of ['minute', 'hour', 'day']) {
      await q.query(`
CREATE TABLE metric_rollups_${tier} (
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  agent_id uuid NOT NULL,
  name text NOT NULL,
  bucket timestamptz NOT NULL,
  count bigint NOT NULL,
  sum double precision NOT NULL,
  min double precision NOT NULL,
  max double precision NOT NULL,
  p95 double precision NOT NULL,
  PRIMARY KEY (tenant_id, name, agent_id, bucket)
) PARTITION BY RANGE (bucket);`);
    }
    await q.query(`
CREATE TABLE agent_health_reports (
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  agent_id uuid NOT NULL,
  at timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('healthy','degraded','unhealthy')),
  cpu_percent double precision CHECK (cpu_percent BETWEEN 0 AND 100000),
  memory_mb double precision CHECK (memory_mb >= 0),
  restarts int CHECK (restarts >= 0),
  message text CHECK (length(message) <= 500),
  source text NOT NULL DEFAULT 'report' CHECK (source IN ('report','silence')),
  batch_id uuid
) PARTITION BY RANGE (at);
CREATE INDEX agent_health_reports_agent ON agent_health_reports (tenant_id, agent_id, at DESC);

-- The runtime state that follows from the reports: one row per agent that ever reported.
CREATE TABLE agent_health_states (
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  agent_id uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  status text NOT NULL CHECK (status IN ('healthy','degraded','unhealthy')),
  last_report_at timestamptz NOT NULL,
  since timestamptz NOT NULL,
  cpu_percent double precision,
  memory_mb double precision,
  restarts int,
  message text,
  silent boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, agent_id)
);

CREATE TABLE analytics_events (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  type text NOT NULL CHECK (type IN ('user_action','system_event','ai_prediction')),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  occurred_at timestamptz NOT NULL,
  user_id uuid,
  agent_id uuid,
  payload jsonb NOT NULL DEFAULT '{}',
  batch_id uuid NOT NULL,
  PRIMARY KEY (id, occurred_at)
) PARTITION BY RANGE (occurred_at);
CREATE INDEX analytics_events_tenant_time ON analytics_events (tenant_id, occurred_at DESC, id DESC);
CREATE INDEX analytics_events_tenant_type ON analytics_events (tenant_id, type, occurred_at);

CREATE TABLE alert_rules (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  description text CHECK (length(description) <= 1000),
  condition text NOT NULL CHECK (length(condition) BETWEEN 1 AND 2000),
  window_minutes int NOT NULL CHECK (window_minutes BETWEEN 1 AND 1440),
  for_minutes int NOT NULL CHECK (for_minutes BETWEEN 0 AND 1440),
  severity text NOT NULL CHECK (severity IN ('info','warning','critical')),
  enabled boolean NOT NULL DEFAULT true,
  agent_tags text[] NOT NULL DEFAULT '{}',
  created_by_id uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, name)
);
CREATE INDEX alert_rules_tenant_created ON alert_rules (tenant_id, created_at DESC, id DESC);

-- Where each (rule, agent) stands: pending since when, firing with which alert.
CREATE TABLE alert_rule_states (
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  rule_id uuid NOT NULL REFERENCES alert_rules(id) ON DELETE CASCADE,
  agent_id uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  pending_since timestamptz,
  firing_since timestamptz,
  alert_id uuid REFERENCES alerts(id) ON DELETE SET NULL,
  last_value boolean NOT NULL DEFAULT false,
  evaluated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, rule_id, agent_id)
);

-- Alerts raised by metric rules and by health join the existing inbox; one alert per episode.
ALTER TABLE alerts DROP CONSTRAINT IF EXISTS alerts_source_check;
ALTER TABLE alerts ADD CONSTRAINT alerts_source_check CHECK (source IN ('budget','metric_rule','health','compliance'));
ALTER TABLE alerts ADD COLUMN alert_rule_id uuid REFERENCES alert_rules(id) ON DELETE SET NULL,
                   ADD COLUMN agent_id uuid REFERENCES agents(id) ON DELETE SET NULL,
                   ADD COLUMN episode_started_at timestamptz;
CREATE UNIQUE INDEX alerts_rule_episode ON alerts (tenant_id, alert_rule_id, agent_id, episode_started_at) WHERE source = 'metric_rule';
CREATE UNIQUE INDEX alerts_health_episode ON alerts (tenant_id, agent_id, episode_started_at) WHERE source = 'health';
`);
    for (const table of MONTHLY_TABLES) {
      await q.query(`SELECT steward.ensure_month_partitions($1, now() - interval '3 months', 7)`, [table]);
    }
    const tenantTables = [
      'observability_settings',
      'telemetry_batches',
      'metric_points',
      'metric_rollup_dirty',
      'metric_rollups_minute',
      'metric_rollups_hour',
      'metric_rollups_day',
      'agent_health_reports',
      'agent_health_states',
      'analytics_events',
      'alert_rules',
      'alert_rule_states',
    ];
    for (const table of tenantTables) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
        CREATE POLICY tenant_isolation ON ${table} USING (tenant_id = steward.current_tenant());`);
    }
    await q.query(`
-- Points, reports and events are append-only for the API; rollups, states and settings are maintained.
GRANT SELECT, INSERT ON telemetry_batches, metric_points, agent_health_reports, analytics_events TO steward_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON metric_rollup_dirty, metric_rollups_minute, metric_rollups_hour, metric_rollups_day,
  agent_health_states, alert_rules, alert_rule_states, observability_settings TO steward_app;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP INDEX IF EXISTS alerts_rule_episode, alerts_health_episode;
ALTER TABLE alerts DROP COLUMN IF EXISTS alert_rule_id, DROP COLUMN IF EXISTS agent_id, DROP COLUMN IF EXISTS episode_started_at;
DELETE FROM alerts WHERE source <> 'budget';
ALTER TABLE alerts DROP CONSTRAINT IF EXISTS alerts_source_check;
ALTER TABLE alerts ADD CONSTRAINT alerts_source_check CHECK (source IN ('budget'));
DROP TABLE IF EXISTS alert_rule_states, alert_rules, analytics_events, agent_health_states, agent_health_reports,
  metric_rollups_minute, metric_rollups_hour, metric_rollups_day, metric_rollup_dirty, metric_points, telemetry_batches, observability_settings CASCADE;
DROP FUNCTION IF EXISTS steward.ensure_month_partitions(text, timestamptz, int), steward.drop_month_partitions(text, timestamptz);`);
  }
}
