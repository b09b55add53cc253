import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cloud architectures: a design (services on a canvas, their connections, component toggles), its
 * saved versions, and the references that make spend and governance exact: agents and cost entries
 * point at an architecture by id, and policy decisions and violations can judge an architecture.
 */
export class Architectures1765600000000 implements MigrationInterface {
  name = 'Architectures1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE architectures (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
  cloud_provider text NOT NULL CHECK (cloud_provider IN ('aws','gcp','azure','multi-cloud')),
  region text NOT NULL CHECK (length(region) BETWEEN 1 AND 60),
  environment text NOT NULL CHECK (environment IN ('dev','staging','production')),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','active','archived')),
  components jsonb NOT NULL DEFAULT '{}',
  services jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(services) = 'array'),
  tags text[] NOT NULL DEFAULT '{}',
  estimated_cost numeric(18,2) NOT NULL DEFAULT 0 CHECK (estimated_cost >= 0),
  estimate jsonb NOT NULL DEFAULT '[]',
  terraform_generated boolean NOT NULL DEFAULT false,
  last_terraform_gen timestamptz,
  version int NOT NULL DEFAULT 1,
  activated_at timestamptz,
  created_by_id uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX architectures_name ON architectures (tenant_id, lower(name));
CREATE INDEX architectures_tenant_created ON architectures (tenant_id, created_at DESC, id DESC);
CREATE INDEX architectures_tenant_status ON architectures (tenant_id, status);
CREATE INDEX architectures_tenant_provider ON architectures (tenant_id, cloud_provider);
CREATE INDEX architectures_tenant_environment ON architectures (tenant_id, environment);

CREATE TABLE architecture_versions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  architecture_id uuid NOT NULL REFERENCES architectures(id) ON DELETE CASCADE,
  version int NOT NULL CHECK (version >= 1),
  reason text NOT NULL CHECK (reason IN ('create','save','activate')),
  design jsonb NOT NULL,
  estimated_cost numeric(18,2) NOT NULL,
  created_by_id uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX architecture_versions_number ON architecture_versions (tenant_id, architecture_id, version);

ALTER TABLE agents ADD COLUMN architecture_id uuid REFERENCES architectures(id);
CREATE INDEX agents_tenant_architecture ON agents (tenant_id, architecture_id) WHERE architecture_id IS NOT NULL;

ALTER TABLE cost_entries ADD COLUMN architecture_id uuid REFERENCES architectures(id);
CREATE INDEX cost_entries_tenant_architecture_day ON cost_entries (tenant_id, architecture_id, incurred_on) INCLUDE (amount, currency)
  WHERE architecture_id IS NOT NULL;
-- Free-text names become references where an architecture of that name exists (names compare ignoring case, as they are unique).
UPDATE cost_entries e SET architecture_id = a.id FROM architectures a
 WHERE e.architecture_id IS NULL AND e.architecture IS NOT NULL AND a.tenant_id = e.tenant_id AND lower(a.name) = lower(e.architecture);

ALTER TABLE policy_decisions ADD COLUMN architecture_id uuid REFERENCES architectures(id);
CREATE INDEX policy_decisions_architecture ON policy_decisions (tenant_id, architecture_id, decided_at DESC, id DESC) WHERE architecture_id IS NOT NULL;
ALTER TABLE policy_violations ADD COLUMN architecture_id uuid REFERENCES architectures(id);
CREATE UNIQUE INDEX policy_violations_one_open_architecture ON policy_violations (tenant_id, architecture_id, policy_id, rule_name)
  WHERE status = 'open' AND architecture_id IS NOT NULL;
CREATE INDEX policy_violations_architecture ON policy_violations (tenant_id, architecture_id, status) WHERE architecture_id IS NOT NULL;

-- Until now "architecture" policies could only judge agents (their rules read agent.*): they keep doing so as agent policies.
UPDATE policies SET type = 'agent' WHERE type = 'architecture';
UPDATE policy_versions SET type = 'agent' WHERE type = 'architecture';

ALTER TABLE architectures ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON architectures USING (tenant_id = steward.current_tenant());
ALTER TABLE architecture_versions ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON architecture_versions USING (tenant_id = steward.current_tenant());
GRANT SELECT, INSERT, UPDATE ON architectures TO steward_app;
GRANT SELECT, INSERT ON architecture_versions TO steward_app;`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
ALTER TABLE policy_violations DROP COLUMN architecture_id;
ALTER TABLE policy_decisions DROP COLUMN architecture_id;
ALTER TABLE cost_entries DROP COLUMN architecture_id;
ALTER TABLE agents DROP COLUMN architecture_id;
DROP TABLE architecture_versions;
DROP TABLE architectures;`);
  }
}
