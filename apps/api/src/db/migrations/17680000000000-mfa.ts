import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two-factor authentication with TOTP (RFC 6238). A person's factor belongs to them across tenants, so user_mfa,
 * mfa_recovery_codes and mfa_challenges are the owner connection's alone (steward_app has no grant on them), like
 * account_tokens. The TOTP secret is sealed (AES-256-GCM, STEWARD_ENCRYPTION_KEYS); recovery codes and challenge
 * tokens are stored as SHA-256 only. last_counter is the newest 30-second step accepted: a code of that step or an
 * older one is a replay. Each tenant chooses who must enrol (tenants.mfa_requirement).
 */
export class Mfa17680000000000 implements MigrationInterface {
  name = 'Mfa17680000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE user_mfa (
  user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  totp_secret_sealed text,
  pending_secret_sealed text,
  enabled_at timestamptz,
  last_counter bigint NOT NULL DEFAULT 0,
  failed_count int NOT NULL DEFAULT 0,
  locked_until timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((enabled_at IS NULL) = (totp_secret_sealed IS NULL))
);
REVOKE ALL ON user_mfa FROM PUBLIC;

CREATE TABLE mfa_recovery_codes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  code_hash text NOT NULL CHECK (length(code_hash) = 64),
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, code_hash)
);
REVOKE ALL ON mfa_recovery_codes FROM PUBLIC;

-- Between the password step and the code step: no session exists until the second factor (or the enrolment) is done.
CREATE TABLE mfa_challenges (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  sign_in_tenant uuid REFERENCES tenants(id) ON DELETE CASCADE,
  purpose text NOT NULL CHECK (purpose IN ('verify','enrol')),
  token_hash text NOT NULL UNIQUE CHECK (length(token_hash) = 64),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mfa_challenges_user ON mfa_challenges (user_id, created_at DESC);
REVOKE ALL ON mfa_challenges FROM PUBLIC;

ALTER TABLE tenants ADD COLUMN mfa_requirement text NOT NULL DEFAULT 'nobody' CHECK (mfa_requirement IN ('nobody','admins','all'));

-- When a tenant starts requiring MFA, the password sessions of its members who must now enrol end at once (they enrol at
-- their next sign-in). steward_app sees only its own sessions, so this needs the owner, for the caller's tenant only.
-- admin_roles NULL: every member must enrol; otherwise those whose system role or custom role's permissions match.
CREATE FUNCTION steward.end_sessions_needing_mfa(tenant uuid, admin_roles text[], admin_permissions text[]) RETURNS int LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, steward AS $f$
DECLARE ended int;
BEGIN
  IF tenant IS NULL OR tenant IS DISTINCT FROM steward.current_tenant() THEN RAISE EXCEPTION 'not the current tenant'; END IF;
  UPDATE sessions s SET revoked_at = now()
    FROM memberships m LEFT JOIN roles cr ON cr.id = m.custom_role_id
   WHERE m.tenant_id = tenant AND m.user_id = s.user_id AND s.tenant_id = tenant AND s.method = 'password'
     AND s.revoked_at IS NULL AND s.expires_at > now()
     AND NOT EXISTS (SELECT 1 FROM user_mfa f WHERE f.user_id = s.user_id AND f.enabled_at IS NOT NULL)
     AND (admin_roles IS NULL OR m.role = ANY (admin_roles) OR cr.permissions && admin_permissions);
  GET DIAGNOSTICS ended = ROW_COUNT;
  RETURN ended;
END $f$;
REVOKE ALL ON FUNCTION steward.end_sessions_needing_mfa(uuid, text[], text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION steward.end_sessions_needing_mfa(uuid, text[], text[]) TO steward_app;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS steward.end_sessions_needing_mfa(uuid, text[], text[]);`);
    await q.query(
      `ALTER TABLE tenants DROP COLUMN IF EXISTS mfa_requirement; DROP TABLE IF EXISTS mfa_challenges; DROP TABLE IF EXISTS mfa_recovery_codes; DROP TABLE IF EXISTS user_mfa;`,
    );
  }
}
