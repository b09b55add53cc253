import { MigrationInterface, QueryRunner } from 'typeorm';
import { JOB } from '../../jobs/job-names';

/**
 * Durable executions: each node run is a row and a job. A node run's row is locked and its status
 * checked in the transaction that makes its effect, so a run interrupted mid-step leaves nothing and
 * runs again, and a finished one never runs twice. Every transition lands in the timeline.
 */
export class WorkflowExecutions1765500200000 implements MigrationInterface {
  name = 'WorkflowExecutions1765500200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE workflow_executions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  workflow_id uuid NOT NULL REFERENCES workflows(id) ON DELETE CASCADE,
  version int NOT NULL,
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running','succeeded','failed','cancelled')),
  data jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(data) = 'object'),
  error text,
  started_by_id uuid REFERENCES users(id),
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  FOREIGN KEY (tenant_id, workflow_id, version) REFERENCES workflow_versions (tenant_id, workflow_id, version)
);
CREATE INDEX workflow_executions_tenant_started ON workflow_executions (tenant_id, started_at DESC, id DESC);
CREATE INDEX workflow_executions_workflow ON workflow_executions (tenant_id, workflow_id, started_at DESC);

CREATE TABLE workflow_node_runs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  execution_id uuid NOT NULL REFERENCES workflow_executions(id) ON DELETE CASCADE,
  node_id text NOT NULL,
  node_type text NOT NULL,
  step int NOT NULL CHECK (step >= 1),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','running','waiting','succeeded','failed','skipped','cancelled')),
  attempts int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  max_attempts int NOT NULL DEFAULT 3 CHECK (max_attempts BETWEEN 1 AND 10),
  run_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz,
  output jsonb,
  error text,
  approval_request_id uuid REFERENCES approval_requests(id)
);
-- The idempotency key of a node run: one row per node and step of an execution.
CREATE UNIQUE INDEX workflow_node_runs_step ON workflow_node_runs (tenant_id, execution_id, node_id, step);
CREATE INDEX workflow_node_runs_execution ON workflow_node_runs (tenant_id, execution_id, step);
CREATE INDEX workflow_node_runs_approval ON workflow_node_runs (tenant_id, approval_request_id) WHERE approval_request_id IS NOT NULL;

CREATE TABLE workflow_execution_events (
  id bigserial PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  execution_id uuid NOT NULL REFERENCES workflow_executions(id) ON DELETE CASCADE,
  node_run_id uuid REFERENCES workflow_node_runs(id) ON DELETE CASCADE,
  node_id text,
  from_status text,
  to_status text NOT NULL,
  actor_user_id uuid REFERENCES users(id),
  actor_label text NOT NULL,
  message text NOT NULL DEFAULT '',
  at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX workflow_execution_events_execution ON workflow_execution_events (tenant_id, execution_id, id);

ALTER TABLE workflow_executions ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON workflow_executions USING (tenant_id = steward.current_tenant());
ALTER TABLE workflow_node_runs ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON workflow_node_runs USING (tenant_id = steward.current_tenant());
ALTER TABLE workflow_execution_events ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON workflow_execution_events USING (tenant_id = steward.current_tenant());
GRANT SELECT, INSERT, UPDATE ON workflow_executions, workflow_node_runs TO steward_app;
GRANT SELECT, INSERT ON workflow_execution_events TO steward_app;
GRANT USAGE ON SEQUENCE workflow_execution_events_id_seq TO steward_app;

-- Queues a node run of the caller's tenant at its time, in the caller's transaction; queuing it again is one job.
CREATE FUNCTION steward.enqueue_workflow_node(node_run uuid, at timestamptz) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, steward AS $f$
DECLARE tenant uuid := steward.current_tenant();
BEGIN
  IF tenant IS NULL OR NOT EXISTS (SELECT 1 FROM workflow_node_runs WHERE id = node_run AND tenant_id = tenant) THEN
    RAISE EXCEPTION 'no such node run in this tenant';
  END IF;
  PERFORM graphile_worker.add_job('${JOB.workflowNode}', json_build_object('tenantId', tenant, 'nodeRunId', node_run),
    run_at := at, job_key := '${JOB.workflowNode}:' || node_run, job_key_mode := 'replace', max_attempts := 25);
END $f$;
REVOKE ALL ON FUNCTION steward.enqueue_workflow_node(uuid, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION steward.enqueue_workflow_node(uuid, timestamptz) TO steward_app;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS steward.enqueue_workflow_node(uuid, timestamptz);
DROP TABLE IF EXISTS workflow_execution_events, workflow_node_runs, workflow_executions CASCADE;`);
  }
}
