import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The rest of the account lifecycle: an optional username (unique whatever its case), who created and
 * last changed each user, and what a tenant's member managers may do to a member's account. steward_app
 * sees only its own sessions and updates only its own user row, so signing a member out everywhere and
 * (de)activating their account go through owner functions that check the member belongs to the caller's
 * tenant. An account that also belongs to other tenants is not deactivated by one tenant's admins.
 */
export class AccountLifecycle17681000000000 implements MigrationInterface {
  name = 'AccountLifecycle17681000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
ALTER TABLE users
  ADD COLUMN username text CHECK (username ~ '^[A-Za-z0-9][A-Za-z0-9._-]{2,39}$'),
  ADD COLUMN created_by_id uuid REFERENCES users(id) ON DELETE SET NULL,
  ADD COLUMN updated_by_id uuid REFERENCES users(id) ON DELETE SET NULL;
CREATE UNIQUE INDEX users_username_key ON users (lower(username)) WHERE deleted_at IS NULL AND username IS NOT NULL;

CREATE FUNCTION steward.member_sessions_end(p_user uuid) RETURNS int LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, steward AS $f$
DECLARE ended int;
BEGIN
  IF steward.current_tenant() IS NULL
     OR NOT EXISTS (SELECT 1 FROM memberships WHERE user_id = p_user AND tenant_id = steward.current_tenant()) THEN
    RAISE EXCEPTION 'not a member of the current tenant';
  END IF;
  UPDATE sessions SET revoked_at = now() WHERE user_id = p_user AND revoked_at IS NULL AND expires_at > now();
  GET DIAGNOSTICS ended = ROW_COUNT;
  RETURN ended;
END $f$;

-- Answers 'other_tenants' (and changes nothing) when the account also belongs elsewhere, else 'ok'.
CREATE FUNCTION steward.member_account_set_active(p_user uuid, p_active boolean) RETURNS text LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, steward AS $f$
BEGIN
  IF steward.current_tenant() IS NULL
     OR NOT EXISTS (SELECT 1 FROM memberships WHERE user_id = p_user AND tenant_id = steward.current_tenant()) THEN
    RAISE EXCEPTION 'not a member of the current tenant';
  END IF;
  IF NOT steward.is_platform_admin()
     AND EXISTS (SELECT 1 FROM memberships WHERE user_id = p_user AND tenant_id <> steward.current_tenant()) THEN
    RETURN 'other_tenants';
  END IF;
  UPDATE users SET is_active = p_active, updated_at = now(), updated_by_id = steward.current_user_id() WHERE id = p_user;
  IF NOT p_active THEN
    UPDATE sessions SET revoked_at = now() WHERE user_id = p_user AND revoked_at IS NULL;
  END IF;
  RETURN 'ok';
END $f$;
REVOKE ALL ON FUNCTION steward.member_sessions_end(uuid), steward.member_account_set_active(uuid, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION steward.member_sessions_end(uuid), steward.member_account_set_active(uuid, boolean) TO steward_app;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP FUNCTION IF EXISTS steward.member_account_set_active(uuid, boolean);
DROP FUNCTION IF EXISTS steward.member_sessions_end(uuid);
DROP INDEX IF EXISTS users_username_key;
ALTER TABLE users DROP COLUMN IF EXISTS username, DROP COLUMN IF EXISTS created_by_id, DROP COLUMN IF EXISTS updated_by_id;`);
  }
}
