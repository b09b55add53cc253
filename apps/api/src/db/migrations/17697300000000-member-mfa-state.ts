import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether members have a second factor on, without its secrets: user_mfa and mfa_recovery_codes are the owner's alone
 * (migration 17680000000000), so member managers' members list (Membership.mfaEnabled) and the person's own personal
 * data export read them through this owner function. It answers only for members of the caller's tenant and for the
 * caller themselves, one row per such user asked about (enabled_at NULL when there is no factor).
 */
export class MemberMfaState17697300000000 implements MigrationInterface {
  name = 'MemberMfaState17697300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE FUNCTION steward.member_mfa_state(p_users uuid[])
RETURNS TABLE (user_id uuid, enabled_at timestamptz, recovery_codes_left int, locked_until timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, steward AS $f$
  SELECT u.id, f.enabled_at,
         CASE WHEN f.enabled_at IS NULL THEN 0
              ELSE (SELECT count(*)::int FROM mfa_recovery_codes c WHERE c.user_id = u.id AND c.used_at IS NULL) END,
         CASE WHEN f.locked_until > now() THEN f.locked_until END
    FROM unnest(p_users) AS u(id)
    LEFT JOIN user_mfa f ON f.user_id = u.id
   WHERE u.id = steward.current_user_id()
      OR (steward.current_tenant() IS NOT NULL
          AND EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.tenant_id = steward.current_tenant()))
$f$;
REVOKE ALL ON FUNCTION steward.member_mfa_state(uuid[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION steward.member_mfa_state(uuid[]) TO steward_app;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS steward.member_mfa_state(uuid[]);`);
  }
}
