import { MigrationInterface, QueryRunner } from 'typeorm';

/** Workflow definitions, versioned: an execution runs the version it started with. */
export class Workflows1765500100000 implements MigrationInterface {
  name = 'Workflows1765500100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE workflows (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
  type text NOT NULL CHECK (type IN ('approval','notification','automation','compliance')),
  trigger_kind text NOT NULL CHECK (trigger_kind IN ('manual','schedule','webhook','event')),
  trigger_cron text CHECK (length(trigger_cron) <= 120),
  trigger_event text CHECK (trigger_event IN ('agent.deploy.requested','violation.opened','budget.threshold.crossed','evidence.expiring','approval.decided')),
  webhook_secret_hash text CHECK (webhook_secret_hash ~ '^[0-9a-f]{64}$'),
  has_webhook_secret boolean GENERATED ALWAYS AS (webhook_secret_hash IS NOT NULL) STORED,
  active boolean NOT NULL DEFAULT true,
  version int NOT NULL DEFAULT 1 CHECK (version >= 1),
  graph jsonb NOT NULL CHECK (jsonb_typeof(graph) = 'object'),
  created_by_id uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((trigger_kind = 'schedule') = (trigger_cron IS NOT NULL)),
  CHECK ((trigger_kind = 'event') = (trigger_event IS NOT NULL)),
  CHECK (trigger_kind = 'webhook' OR webhook_secret_hash IS NULL)
);
CREATE UNIQUE INDEX workflows_name ON workflows (tenant_id, lower(name));
CREATE INDEX workflows_tenant_created ON workflows (tenant_id, created_at DESC, id DESC);

CREATE TABLE workflow_versions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  workflow_id uuid NOT NULL REFERENCES workflows(id) ON DELETE CASCADE,
  version int NOT NULL CHECK (version >= 1),
  graph jsonb NOT NULL,
  created_by_id uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX workflow_versions_version ON workflow_versions (tenant_id, workflow_id, version);

ALTER TABLE workflows ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON workflows USING (tenant_id = steward.current_tenant());
ALTER TABLE workflow_versions ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON workflow_versions USING (tenant_id = steward.current_tenant());
GRANT SELECT, INSERT, UPDATE ON workflows TO steward_app;
GRANT SELECT, INSERT ON workflow_versions TO steward_app;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS workflow_versions, workflows CASCADE;`);
  }
}
