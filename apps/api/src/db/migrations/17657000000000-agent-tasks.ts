import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * AI agent tasks: an agent_task node of a workflow execution asks an agent's runtime (a partner app
 * with an API key) for work. One task per node run (its idempotency key); the runtime claims it,
 * reports progress and a result with tokens and cost, which lands in cost entries.
 */
export class AgentTasks17657000000000 implements MigrationInterface {
  name = 'AgentTasks17657000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE agent_tasks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  agent_id uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  execution_id uuid REFERENCES workflow_executions(id) ON DELETE CASCADE,
  node_run_id uuid REFERENCES workflow_node_runs(id) ON DELETE CASCADE,
  node_id text,
  prompt text NOT NULL CHECK (length(prompt) BETWEEN 1 AND 20000),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','running','succeeded','failed','timed_out','cancelled')),
  attempts int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  max_attempts int NOT NULL DEFAULT 3 CHECK (max_attempts BETWEEN 1 AND 10),
  timeout_seconds int NOT NULL DEFAULT 600 CHECK (timeout_seconds BETWEEN 1 AND 86400),
  progress int NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  progress_message text NOT NULL DEFAULT '',
  provider text,
  model text,
  prompt_tokens int NOT NULL DEFAULT 0 CHECK (prompt_tokens >= 0),
  completion_tokens int NOT NULL DEFAULT 0 CHECK (completion_tokens >= 0),
  cost numeric(18,6) CHECK (cost >= 0),
  currency text NOT NULL DEFAULT 'USD',
  output jsonb,
  error text,
  claimed_by_api_key_id uuid REFERENCES api_keys(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  claimed_at timestamptz,
  finished_at timestamptz
);
-- One task per node run: a node run delivered twice finds its task and makes no other.
CREATE UNIQUE INDEX agent_tasks_node_run ON agent_tasks (tenant_id, node_run_id) WHERE node_run_id IS NOT NULL;
CREATE INDEX agent_tasks_agent ON agent_tasks (tenant_id, agent_id, created_at DESC, id DESC);
CREATE INDEX agent_tasks_pending ON agent_tasks (tenant_id, agent_id, created_at) WHERE status = 'pending';
CREATE INDEX agent_tasks_execution ON agent_tasks (tenant_id, execution_id, created_at) WHERE execution_id IS NOT NULL;

ALTER TABLE agent_tasks ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON agent_tasks USING (tenant_id = steward.current_tenant());
GRANT SELECT, INSERT, UPDATE ON agent_tasks TO steward_app;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS agent_tasks CASCADE;`);
  }
}
