import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Costs as an append-only ledger (one row per idempotency key, so retries never count twice),
 * budgets over it, and the alerts budgets raise (one per budget, period and threshold).
 */
export class CostsBudgetsAlerts1763900400000 implements MigrationInterface {
  name = 'CostsBudgetsAlerts1763900400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE cost_entries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 200),
  agent_id uuid REFERENCES agents(id),
  architecture text CHECK (length(architecture) BETWEEN 1 AND 120),
  incurred_on date NOT NULL,
  amount numeric(18,6) NOT NULL CHECK (amount >= 0),
  currency text NOT NULL DEFAULT 'USD' CHECK (currency ~ '^[A-Z]{3}$'),
  provider text NOT NULL CHECK (provider IN ('aws','gcp','azure','openai','anthropic','other')),
  service text NOT NULL CHECK (length(service) BETWEEN 1 AND 120),
  region text CHECK (length(region) BETWEEN 1 AND 60),
  category text NOT NULL CHECK (category IN ('compute','storage','network','ai','other')),
  quantity numeric(20,6) NOT NULL DEFAULT 0 CHECK (quantity >= 0),
  unit text CHECK (length(unit) BETWEEN 1 AND 40),
  tags text[] NOT NULL DEFAULT '{}',
  recorded_by_user_id uuid,
  recorded_by_api_key_id uuid,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX cost_entries_idempotency ON cost_entries (tenant_id, idempotency_key);
CREATE INDEX cost_entries_tenant_day ON cost_entries (tenant_id, incurred_on);
-- Covers per-agent totals (Agent.costTotal, top agents, agent budgets) as index-only scans.
CREATE INDEX cost_entries_tenant_agent_day ON cost_entries (tenant_id, agent_id, incurred_on) INCLUDE (amount, currency);

CREATE TABLE budgets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  scope text NOT NULL CHECK (scope IN ('tenant','agent','tag','category')),
  agent_id uuid REFERENCES agents(id) ON DELETE CASCADE,
  tag text CHECK (length(tag) BETWEEN 1 AND 60),
  category text CHECK (category IN ('compute','storage','network','ai','other')),
  period text NOT NULL CHECK (period IN ('monthly','quarterly')),
  amount numeric(18,6) NOT NULL CHECK (amount > 0),
  currency text NOT NULL DEFAULT 'USD' CHECK (currency ~ '^[A-Z]{3}$'),
  thresholds int[] NOT NULL DEFAULT '{50,80,100}'
    CHECK (cardinality(thresholds) BETWEEN 1 AND 10 AND 0 < ALL (thresholds) AND 1000 >= ALL (thresholds)),
  enforcement text NOT NULL DEFAULT 'notify' CHECK (enforcement IN ('notify','block')),
  created_by_id uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((scope = 'agent') = (agent_id IS NOT NULL)),
  CHECK ((scope = 'tag') = (tag IS NOT NULL)),
  CHECK ((scope = 'category') = (category IS NOT NULL)),
  CHECK (enforcement = 'notify' OR scope = 'agent')
);
CREATE UNIQUE INDEX budgets_name ON budgets (tenant_id, lower(name));
CREATE INDEX budgets_tenant_created ON budgets (tenant_id, created_at DESC, id DESC);

CREATE TABLE alerts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  source text NOT NULL CHECK (source IN ('budget')),
  severity text NOT NULL CHECK (severity IN ('info','warning','critical')),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','acknowledged','resolved')),
  message text NOT NULL CHECK (length(message) BETWEEN 1 AND 500),
  budget_id uuid REFERENCES budgets(id) ON DELETE SET NULL,
  period_start date,
  period_end date,
  threshold int,
  spend numeric(18,6),
  note text CHECK (length(note) <= 500),
  acknowledged_at timestamptz,
  acknowledged_by_id uuid REFERENCES users(id),
  resolved_at timestamptz,
  resolved_by_id uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- A threshold is crossed once per budget and period, however many checks run at the same time.
CREATE UNIQUE INDEX alerts_once ON alerts (tenant_id, budget_id, period_start, threshold);
CREATE INDEX alerts_tenant_created ON alerts (tenant_id, created_at DESC, id DESC);
CREATE INDEX alerts_tenant_open ON alerts (tenant_id, period_end) WHERE status <> 'resolved';

ALTER TABLE cost_entries ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON cost_entries USING (tenant_id = steward.current_tenant());
ALTER TABLE budgets ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON budgets USING (tenant_id = steward.current_tenant());
ALTER TABLE alerts ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON alerts USING (tenant_id = steward.current_tenant());
-- The cost ledger is append-only for the API.
GRANT SELECT, INSERT ON cost_entries TO steward_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON budgets TO steward_app;
GRANT SELECT, INSERT, UPDATE ON alerts TO steward_app;

-- Queues a budget check for the caller's own tenant, in the caller's transaction (so only committed
-- costs trigger one). Checks queued within a few seconds of each other run once. A no-op where the
-- job queue was never started (STEWARD_JOBS=off, tests): its schema does not exist there.
CREATE FUNCTION steward.enqueue_budget_check() RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, steward AS $f$
DECLARE tenant uuid := steward.current_tenant();
BEGIN
  IF tenant IS NULL OR to_regnamespace('graphile_worker') IS NULL THEN RETURN; END IF;
  PERFORM graphile_worker.add_job('budgets:check', json_build_object('tenantId', tenant),
    run_at := now() + interval '2 seconds', job_key := 'budgets:check:' || tenant, job_key_mode := 'preserve_run_at');
END $f$;
REVOKE ALL ON FUNCTION steward.enqueue_budget_check() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION steward.enqueue_budget_check() TO steward_app;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP FUNCTION IF EXISTS steward.enqueue_budget_check();
DROP TABLE IF EXISTS alerts, budgets, cost_entries CASCADE;`);
  }
}
