import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Single sign-on per tenant with OpenID Connect: the identity provider (issuer), the client Steward is
 * registered as there, its secret (sealed with STEWARD_ENCRYPTION_KEYS, never readable through the API),
 * the email domains it may sign in, the role just-in-time members get, and whether passwords are refused.
 */
export class Sso17664500000000 implements MigrationInterface {
  name = 'Sso17664500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE sso_connections (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL UNIQUE REFERENCES tenants(id) ON DELETE CASCADE,
  issuer text NOT NULL CHECK (length(issuer) BETWEEN 8 AND 500),
  client_id text NOT NULL CHECK (length(client_id) BETWEEN 1 AND 300),
  client_secret_sealed text,
  allowed_domains text[] NOT NULL DEFAULT '{}',
  default_role text NOT NULL DEFAULT 'viewer' CHECK (default_role IN ('developer','compliance_officer','analyst','auditor','viewer')),
  sso_only boolean NOT NULL DEFAULT false,
  enabled boolean NOT NULL DEFAULT true,
  updated_by_id uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- Who signed in through the provider: its subject, so a changed email at the provider cannot take over another account.
CREATE TABLE sso_identities (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  issuer text NOT NULL,
  subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
  email text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_sign_in_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, issuer, subject),
  UNIQUE (tenant_id, user_id)
);
ALTER TABLE sso_connections ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON sso_connections USING (tenant_id = steward.current_tenant());
ALTER TABLE sso_identities ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON sso_identities USING (tenant_id = steward.current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON sso_connections TO steward_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON sso_identities TO steward_app;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sso_identities; DROP TABLE sso_connections;`);
  }
}
