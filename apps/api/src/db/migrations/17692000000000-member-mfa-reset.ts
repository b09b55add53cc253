import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A member manager resets a member's second factor (a lost phone): the authenticator, any pending one, the recovery codes
 * and the sign-ins waiting for a code are cleared, and every session of theirs ends. user_mfa and mfa_recovery_codes are
 * the owner's alone, so this is an owner function that checks the member belongs to the caller's tenant and is not the
 * caller. The factor guards the person's access to every tenant: an account that also belongs elsewhere is left to
 * platform admins ('other_tenants'), as deactivation is; 'not_enrolled' when there is nothing to reset.
 */
export class MemberMfaReset17692000000000 implements MigrationInterface {
  name = 'MemberMfaReset17692000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE FUNCTION steward.member_mfa_reset(p_user uuid) RETURNS TABLE (outcome text, recovery_codes int, sessions_ended int) LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, steward AS $f$
DECLARE codes int := 0; ended int := 0;
BEGIN
  IF steward.current_tenant() IS NULL
     OR NOT EXISTS (SELECT 1 FROM memberships WHERE user_id = p_user AND tenant_id = steward.current_tenant()) THEN
    RAISE EXCEPTION 'not a member of the current tenant';
  END IF;
  IF p_user = steward.current_user_id() THEN
    RAISE EXCEPTION 'not one''s own factor';
  END IF;
  IF NOT steward.is_platform_admin()
     AND EXISTS (SELECT 1 FROM memberships WHERE user_id = p_user AND tenant_id <> steward.current_tenant()) THEN
    RETURN QUERY SELECT 'other_tenants'::text, 0, 0;
    RETURN;
  END IF;
  PERFORM 1 FROM user_mfa WHERE user_id = p_user AND enabled_at IS NOT NULL FOR UPDATE;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'not_enrolled'::text, 0, 0;
    RETURN;
  END IF;
  UPDATE user_mfa SET totp_secret_sealed = NULL, pending_secret_sealed = NULL, enabled_at = NULL, failed_count = 0, locked_until = NULL, updated_at = now()
   WHERE user_id = p_user;
  DELETE FROM mfa_recovery_codes WHERE user_id = p_user AND used_at IS NULL;
  GET DIAGNOSTICS codes = ROW_COUNT;
  DELETE FROM mfa_recovery_codes WHERE user_id = p_user;
  UPDATE mfa_challenges SET used_at = now() WHERE user_id = p_user AND used_at IS NULL;
  UPDATE sessions SET revoked_at = now() WHERE user_id = p_user AND revoked_at IS NULL AND expires_at > now();
  GET DIAGNOSTICS ended = ROW_COUNT;
  RETURN QUERY SELECT 'ok'::text, codes, ended;
END $f$;
REVOKE ALL ON FUNCTION steward.member_mfa_reset(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION steward.member_mfa_reset(uuid) TO steward_app;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS steward.member_mfa_reset(uuid);`);
  }
}
