import { MigrationInterface, QueryRunner } from 'typeorm';

const ro = (on: boolean, text: string) => (on ? text : '');

const userOpen = (readOnly: boolean) => `
CREATE FUNCTION steward.begin_user_request(p_user uuid, p_tenant uuid, p_session_family uuid)
RETURNS TABLE (platform_admin boolean, role text, tenant_status text, custom_role_id uuid, custom_role_name text, role_permissions text[]${ro(readOnly, ', read_only_since timestamptz')})
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, steward AS $f$
DECLARE r record;
BEGIN
  SELECT u.is_platform_admin AS pa, m.role AS mrole, t.status AS tstatus, cr.id AS crid, cr.name AS crname, cr.permissions AS crperms${ro(readOnly, ', t.read_only_since AS ros')} INTO r
  FROM users u
  LEFT JOIN memberships m ON m.user_id = u.id AND m.tenant_id = p_tenant
  LEFT JOIN tenants t ON t.id = m.tenant_id
  LEFT JOIN roles cr ON cr.id = m.custom_role_id
  WHERE u.id = p_user AND u.is_active AND u.deleted_at IS NULL
    AND EXISTS (SELECT 1 FROM sessions s WHERE s.family_id = p_session_family AND s.user_id = p_user
                AND s.revoked_at IS NULL AND s.expires_at > now());
  IF NOT FOUND THEN RETURN; END IF;
  PERFORM set_config('app.user_id', p_user::text, true);
  IF r.pa THEN PERFORM set_config('app.platform_admin', 'on', true); END IF;
  IF (r.mrole IS NOT NULL OR r.crid IS NOT NULL) AND r.tstatus = 'active' THEN
    PERFORM set_config('app.tenant_id', p_tenant::text, true);
  END IF;
  RETURN QUERY SELECT r.pa, r.mrole, r.tstatus, r.crid, r.crname, r.crperms${ro(readOnly, ', r.ros')};
END $f$;`;

const keyOpen = (readOnly: boolean) => `
CREATE FUNCTION steward.begin_api_key_request(p_hash text)
RETURNS TABLE (key_id uuid, key_name text, tenant_id uuid, role text, tenant_status text, usable boolean,
               custom_role_id uuid, custom_role_name text, role_permissions text[],
               scopes text[], allowed_operations jsonb, cost_per_minute int, requests_per_minute int${ro(readOnly, ', read_only_since timestamptz')})
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, steward AS $f$
DECLARE k record;
BEGIN
  SELECT a.id, a.name, a.tenant_id, a.role, t.status AS tstatus,
         (a.revoked_at IS NULL AND (a.expires_at IS NULL OR a.expires_at > now())) AS ok,
         a.last_used_at, cr.id AS crid, cr.name AS crname, cr.permissions AS crperms,
         a.scopes, a.allowed_operations, a.cost_per_minute, p.max_api_requests_per_minute AS rpm${ro(readOnly, ', t.read_only_since AS ros')} INTO k
  FROM api_keys a JOIN tenants t ON t.id = a.tenant_id LEFT JOIN roles cr ON cr.id = a.custom_role_id LEFT JOIN plans p ON p.code = t.plan WHERE a.key_hash = p_hash;
  IF NOT FOUND OR NOT k.ok THEN RETURN; END IF;
  IF k.tstatus = 'active' THEN
    PERFORM set_config('app.tenant_id', k.tenant_id::text, true);
    PERFORM set_config('app.api_key_id', k.id::text, true);
  END IF;
  IF k.last_used_at IS NULL OR k.last_used_at < now() - interval '10 seconds' THEN
    UPDATE api_keys SET last_used_at = now()
      WHERE id = (SELECT id FROM api_keys WHERE id = k.id FOR NO KEY UPDATE SKIP LOCKED);
  END IF;
  RETURN QUERY SELECT k.id, k.name, k.tenant_id, k.role, k.tstatus, k.ok, k.crid, k.crname, k.crperms, k.scopes, k.allowed_operations, k.cost_per_minute, k.rpm${ro(readOnly, ', k.ros')};
END $f$;`;

const replaceBoth = (readOnly: boolean) => `
DROP FUNCTION steward.begin_user_request(uuid, uuid, uuid);
DROP FUNCTION steward.begin_api_key_request(text);
${userOpen(readOnly)}
${keyOpen(readOnly)}
GRANT EXECUTE ON FUNCTION steward.begin_user_request(uuid, uuid, uuid), steward.begin_api_key_request(text) TO steward_app;`;

/**
 * Opening a request reads whether its tenant is read-only (its trial ran out) with the caller, so refusing a change
 * there (graphql/mutation.ts) costs no round trip of its own in any mutation.
 */
export class ReadOnlyAtOpening17696000000000 implements MigrationInterface {
  name = 'ReadOnlyAtOpening17696000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(replaceBoth(true));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(replaceBoth(false));
  }
}
