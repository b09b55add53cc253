import { MigrationInterface, QueryRunner } from 'typeorm';

/** The tenant's skills marketplace, skills installed on agents, and agents' communication channels. */
export class SkillsAndChannels1763900300000 implements MigrationInterface {
  name = 'SkillsAndChannels1763900300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE skills (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
  category text NOT NULL CHECK (category IN ('productivity','analytics','engineering','communication')),
  version text NOT NULL CHECK (length(version) BETWEEN 1 AND 40),
  compatible_roles text[] NOT NULL CHECK (cardinality(compatible_roles) >= 1 AND compatible_roles <@ ARRAY['pm','engineering','operations','custom']),
  permissions text[] NOT NULL DEFAULT '{}',
  rating numeric(3,2) NOT NULL DEFAULT 0 CHECK (rating BETWEEN 0 AND 5),
  install_count integer NOT NULL DEFAULT 0 CHECK (install_count >= 0),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','published','deprecated','removed')),
  created_by_id uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX skills_name ON skills (tenant_id, lower(name));
CREATE INDEX skills_tenant_created ON skills (tenant_id, created_at DESC, id DESC);
CREATE INDEX skills_tenant_rating ON skills (tenant_id, rating DESC, id DESC);
CREATE INDEX skills_tenant_installs ON skills (tenant_id, install_count DESC, id DESC);

CREATE TABLE skill_installations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  agent_id uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  skill_id uuid NOT NULL REFERENCES skills(id),
  config jsonb NOT NULL DEFAULT '{}',
  granted_permissions text[] NOT NULL DEFAULT '{}',
  installed_by_id uuid REFERENCES users(id),
  installed_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX skill_installations_agent_skill ON skill_installations (tenant_id, agent_id, skill_id);
CREATE INDEX skill_installations_skill ON skill_installations (tenant_id, skill_id);

-- config holds the non-secret settings; secrets maps each secret key to its AES-256-GCM envelope.
CREATE TABLE agent_channels (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  agent_id uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  type text NOT NULL CHECK (type IN ('slack','email','webhook')),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  enabled boolean NOT NULL DEFAULT true,
  config jsonb NOT NULL DEFAULT '{}',
  secrets jsonb NOT NULL DEFAULT '{}',
  created_by_id uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX agent_channels_name ON agent_channels (tenant_id, agent_id, lower(name));

ALTER TABLE skills ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON skills USING (tenant_id = steward.current_tenant());
ALTER TABLE skill_installations ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON skill_installations USING (tenant_id = steward.current_tenant());
ALTER TABLE agent_channels ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON agent_channels USING (tenant_id = steward.current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON skills, skill_installations, agent_channels TO steward_app;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS agent_channels, skill_installations, skills CASCADE;`);
  }
}
