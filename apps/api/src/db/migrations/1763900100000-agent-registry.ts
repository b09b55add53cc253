import { MigrationInterface, QueryRunner } from 'typeorm';

/** The model registry and the agent inventory, tenant-isolated like everything else. */
export class AgentRegistry1763900100000 implements MigrationInterface {
  name = 'AgentRegistry1763900100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE ai_models (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  provider text NOT NULL CHECK (length(provider) BETWEEN 1 AND 60),
  version text NOT NULL CHECK (length(version) BETWEEN 1 AND 40),
  type text NOT NULL CHECK (type IN ('llm','embedding','vision','speech','classifier','other')),
  status text NOT NULL DEFAULT 'training' CHECK (status IN ('training','deployed','archived')),
  performance_metrics jsonb NOT NULL DEFAULT '{}',
  configuration jsonb NOT NULL DEFAULT '{}',
  created_by_id uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX ai_models_name_version ON ai_models (tenant_id, lower(name), version);
CREATE INDEX ai_models_tenant_created ON ai_models (tenant_id, created_at DESC, id DESC);

CREATE TABLE agents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
  role text NOT NULL CHECK (role IN ('pm','engineering','operations','custom')),
  model_id uuid REFERENCES ai_models(id),
  model_tier text NOT NULL CHECK (model_tier IN ('haiku','sonnet','opus')),
  thinking_mode text NOT NULL DEFAULT 'off' CHECK (thinking_mode IN ('off','low','high')),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','deployed','suspended','archived')),
  runtime_state text NOT NULL DEFAULT 'provisioning' CHECK (runtime_state IN ('active','idle','error','paused','provisioning')),
  cost_per_request numeric(14,6) NOT NULL DEFAULT 0 CHECK (cost_per_request >= 0),
  total_requests bigint NOT NULL DEFAULT 0 CHECK (total_requests >= 0),
  configuration jsonb NOT NULL DEFAULT '{}',
  tool_policy jsonb NOT NULL DEFAULT '{}',
  tags text[] NOT NULL DEFAULT '{}',
  capabilities text[] NOT NULL DEFAULT '{}',
  limitations text[] NOT NULL DEFAULT '{}',
  compliance_status text NOT NULL DEFAULT 'pending_review' CHECK (compliance_status IN ('compliant','non_compliant','pending_review')),
  deployed_at timestamptz,
  last_active_at timestamptz,
  created_by_id uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX agents_name ON agents (tenant_id, lower(name));
CREATE INDEX agents_tenant_created ON agents (tenant_id, created_at DESC, id DESC);
CREATE INDEX agents_tenant_status ON agents (tenant_id, status);
CREATE INDEX agents_tags ON agents USING gin (tags);

-- An append-only feed per agent: messages, tool calls, errors and lifecycle events.
CREATE TABLE agent_activities (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  agent_id uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  type text NOT NULL CHECK (type IN ('message','tool_call','error','lifecycle','status')),
  summary text NOT NULL CHECK (length(summary) BETWEEN 1 AND 500),
  details jsonb NOT NULL DEFAULT '{}',
  actor_user_id uuid,
  actor_api_key_id uuid,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX agent_activities_agent ON agent_activities (tenant_id, agent_id, occurred_at DESC, id DESC);

ALTER TABLE agent_activities ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON agent_activities USING (tenant_id = steward.current_tenant());
GRANT SELECT, INSERT ON agent_activities TO steward_app;

ALTER TABLE ai_models ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ai_models USING (tenant_id = steward.current_tenant());
ALTER TABLE agents ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON agents USING (tenant_id = steward.current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON ai_models, agents TO steward_app;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS agent_activities, agents, ai_models CASCADE;`);
  }
}
