import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How each session signed in (password or SSO), so that a tenant switched to "SSO only" can end its
 * password sessions at once. Sessions made before this migration count as password sessions.
 */
export class SessionMethods17672000200000 implements MigrationInterface {
  name = 'SessionMethods17672000200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
ALTER TABLE sessions ADD COLUMN method text NOT NULL DEFAULT 'password' CHECK (method IN ('password','sso'));

-- steward_app sees only its own sessions; ending the tenant's password sessions needs the owner, for the caller's tenant only.
CREATE FUNCTION steward.end_password_sessions(tenant uuid) RETURNS int LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, steward AS $f$
DECLARE ended int;
BEGIN
  IF tenant IS NULL OR tenant IS DISTINCT FROM steward.current_tenant() THEN RAISE EXCEPTION 'not the current tenant'; END IF;
  UPDATE sessions SET revoked_at = now() WHERE tenant_id = tenant AND method = 'password' AND revoked_at IS NULL AND expires_at > now();
  GET DIAGNOSTICS ended = ROW_COUNT;
  RETURN ended;
END $f$;
REVOKE ALL ON FUNCTION steward.end_password_sessions(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION steward.end_password_sessions(uuid) TO steward_app;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS steward.end_password_sessions(uuid); ALTER TABLE sessions DROP COLUMN IF EXISTS method;`);
  }
}
