import { MigrationInterface, QueryRunner } from 'typeorm';

const ROLES_BEFORE = `'admin','developer','compliance_officer','analyst','auditor','viewer'`;
const ROLES_AFTER = `${ROLES_BEFORE},'hr_manager'`;

function roleChecks(roles: string): string {
  return ['memberships', 'invitations', 'api_keys']
    .map((t) => `ALTER TABLE ${t} DROP CONSTRAINT IF EXISTS ${t}_role_check, ADD CONSTRAINT ${t}_role_check CHECK (role IN (${roles}));`)
    .join('\n');
}

/**
 * HR records (candidates, employees, performance reviews) and the HR manager system role. The personal fields
 * (who a record is about, its data) are stored only sealed with STEWARD_DATA_KEYS (AES-256-GCM; each envelope names
 * its key); admins read them only when the tenant's hr_settings allow.
 */
export class HrRecords17685000000000 implements MigrationInterface {
  name = 'HrRecords17685000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
${roleChecks(ROLES_AFTER)}

CREATE TABLE hr_records (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('candidate','employee','performance')),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('active','inactive','pending')),
  subject_name_sealed text NOT NULL,
  subject_email_sealed text NOT NULL,
  data_sealed text NOT NULL,
  ai_insights jsonb,
  ai_insights_at timestamptz,
  created_by_id uuid REFERENCES users(id) ON DELETE SET NULL,
  created_by_api_key_id uuid REFERENCES api_keys(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX hr_records_tenant_created ON hr_records (tenant_id, created_at DESC, id DESC);
ALTER TABLE hr_records ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON hr_records USING (tenant_id = steward.current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON hr_records TO steward_app;

CREATE TABLE hr_settings (
  tenant_id uuid PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
  admins_read_personal boolean NOT NULL DEFAULT false,
  updated_by_id uuid REFERENCES users(id) ON DELETE SET NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE hr_settings ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON hr_settings USING (tenant_id = steward.current_tenant());
GRANT SELECT, INSERT, UPDATE ON hr_settings TO steward_app;`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP TABLE hr_settings;
DROP TABLE hr_records;
DELETE FROM memberships WHERE role = 'hr_manager';
DELETE FROM invitations WHERE role = 'hr_manager';
DELETE FROM api_keys WHERE role = 'hr_manager';
${roleChecks(ROLES_BEFORE)}`);
  }
}
