import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Governance policies over agents: versioned rules in CEL, the decisions every evaluation leaves
 * (append-only, like the audit log), the violations they find, waivers, and re-evaluation runs.
 */
export class GovernancePolicies1763900200000 implements MigrationInterface {
  name = 'GovernancePolicies1763900200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE policies (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
  type text NOT NULL CHECK (type IN ('agent','architecture','data','security')),
  category text NOT NULL DEFAULT '' CHECK (length(category) <= 60),
  severity text NOT NULL CHECK (severity IN ('critical','high','medium','low')),
  enforcement text NOT NULL CHECK (enforcement IN ('audit','warn','block')),
  rules jsonb NOT NULL CHECK (jsonb_typeof(rules) = 'array'),
  scope_kind text NOT NULL DEFAULT 'all' CHECK (scope_kind IN ('all','tags','agents')),
  scope_tags text[] NOT NULL DEFAULT '{}',
  active boolean NOT NULL DEFAULT true,
  version int NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_by_id uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX policies_name ON policies (tenant_id, lower(name));
CREATE INDEX policies_tenant_created ON policies (tenant_id, created_at DESC, id DESC);
CREATE INDEX policies_tenant_active ON policies (tenant_id) WHERE active;

-- Immutable: an edit adds a version; the policy row carries the current one (policies.version).
CREATE TABLE policy_versions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  policy_id uuid NOT NULL REFERENCES policies(id) ON DELETE CASCADE,
  version int NOT NULL CHECK (version >= 1),
  name text NOT NULL,
  description text NOT NULL,
  type text NOT NULL,
  category text NOT NULL,
  severity text NOT NULL,
  enforcement text NOT NULL,
  rules jsonb NOT NULL,
  scope jsonb NOT NULL,
  created_by_id uuid REFERENCES users(id),
  created_by_api_key_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, policy_id, version)
);

-- The agents a policy scoped to "listed agents" covers. tenant_id of its own keeps RLS on an index.
CREATE TABLE policy_agents (
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  policy_id uuid NOT NULL REFERENCES policies(id) ON DELETE CASCADE,
  agent_id uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  PRIMARY KEY (tenant_id, policy_id, agent_id)
);
CREATE INDEX policy_agents_agent ON policy_agents (tenant_id, agent_id);

CREATE TABLE policy_evaluation_runs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  policy_id uuid NOT NULL REFERENCES policies(id) ON DELETE CASCADE,
  policy_version int NOT NULL,
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running','succeeded','failed')),
  total int NOT NULL CHECK (total >= 0),
  processed int NOT NULL DEFAULT 0 CHECK (processed >= 0),
  violations_found int NOT NULL DEFAULT 0,
  errors int NOT NULL DEFAULT 0,
  failure text,
  started_by_id uuid REFERENCES users(id),
  started_by_api_key_id uuid,
  request_id text,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX policy_evaluation_runs_policy ON policy_evaluation_runs (tenant_id, policy_id, started_at DESC);

-- One row per rule per evaluation. agent_id is null when a refused create left no agent behind.
CREATE TABLE policy_decisions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  policy_id uuid NOT NULL,
  policy_version int NOT NULL,
  rule_name text NOT NULL,
  agent_id uuid REFERENCES agents(id) ON DELETE SET NULL,
  agent_name text NOT NULL,
  trigger text NOT NULL CHECK (trigger IN ('create','update','deploy','suspend','resume','archive','reevaluation')),
  input_digest text NOT NULL CHECK (input_digest ~ '^[0-9a-f]{64}$'),
  result text NOT NULL CHECK (result IN ('pass','violation','error')),
  action_taken text NOT NULL CHECK (action_taken IN ('none','recorded','warned','blocked','waived')),
  error text,
  evaluation_run_id uuid REFERENCES policy_evaluation_runs(id) ON DELETE SET NULL,
  request_id text,
  decided_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (tenant_id, policy_id, policy_version) REFERENCES policy_versions (tenant_id, policy_id, version)
);
CREATE INDEX policy_decisions_tenant_decided ON policy_decisions (tenant_id, decided_at DESC, id DESC);
CREATE INDEX policy_decisions_policy ON policy_decisions (tenant_id, policy_id, decided_at DESC, id DESC);
CREATE INDEX policy_decisions_agent ON policy_decisions (tenant_id, agent_id, decided_at DESC, id DESC);

-- open: the agent as it stands breaks the rule; blocked: a refused change broke it (the agent did not
-- change); waived: an admin exempted the agent from the rule; resolved: a later evaluation passed.
CREATE TABLE policy_violations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  policy_id uuid NOT NULL REFERENCES policies(id) ON DELETE CASCADE,
  policy_version int NOT NULL,
  rule_name text NOT NULL,
  agent_id uuid REFERENCES agents(id) ON DELETE CASCADE,
  agent_name text NOT NULL,
  severity text NOT NULL CHECK (severity IN ('critical','high','medium','low')),
  enforcement text NOT NULL CHECK (enforcement IN ('audit','warn','block')),
  message text NOT NULL,
  observed jsonb NOT NULL,
  refused_change boolean NOT NULL DEFAULT false,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','blocked','waived','resolved')),
  decision_id uuid REFERENCES policy_decisions(id),
  detected_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  waiver_reason text CHECK (length(waiver_reason) <= 1000),
  waived_by_id uuid REFERENCES users(id),
  waived_by_api_key_id uuid,
  waived_at timestamptz,
  waiver_expires_at timestamptz,
  waiver_revoked_at timestamptz,
  CHECK (status <> 'waived' OR (waiver_reason IS NOT NULL AND waived_at IS NOT NULL))
);
CREATE UNIQUE INDEX policy_violations_one_open ON policy_violations (tenant_id, agent_id, policy_id, rule_name) WHERE status = 'open';
CREATE INDEX policy_violations_tenant_detected ON policy_violations (tenant_id, detected_at DESC, id DESC);
CREATE INDEX policy_violations_agent ON policy_violations (tenant_id, agent_id, status);
CREATE INDEX policy_violations_policy ON policy_violations (tenant_id, policy_id, status);

ALTER TABLE policies ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON policies USING (tenant_id = steward.current_tenant());
ALTER TABLE policy_versions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON policy_versions USING (tenant_id = steward.current_tenant());
ALTER TABLE policy_agents ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON policy_agents USING (tenant_id = steward.current_tenant());
ALTER TABLE policy_evaluation_runs ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON policy_evaluation_runs USING (tenant_id = steward.current_tenant());
ALTER TABLE policy_decisions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON policy_decisions USING (tenant_id = steward.current_tenant());
ALTER TABLE policy_violations ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON policy_violations USING (tenant_id = steward.current_tenant());

GRANT SELECT, INSERT, UPDATE ON policies, policy_violations, policy_evaluation_runs TO steward_app;
GRANT SELECT, INSERT, DELETE ON policy_agents TO steward_app;
GRANT SELECT, INSERT ON policy_versions, policy_decisions TO steward_app;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS policy_violations, policy_decisions, policy_evaluation_runs, policy_agents, policy_versions, policies CASCADE;`);
  }
}
