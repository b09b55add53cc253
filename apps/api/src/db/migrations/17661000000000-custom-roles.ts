import { MigrationInterface, QueryRunner } from 'typeorm';

const USER_OPEN = `
CREATE FUNCTION steward.begin_user_request(p_user uuid, p_tenant uuid, p_session_family uuid)
RETURNS TABLE (platform_admin boolean, role text, tenant_status text, custom_role_id uuid, custom_role_name text, role_permissions text[])
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, steward AS $f$
DECLARE r record;
BEGIN
  SELECT u.is_platform_admin AS pa, m.role AS mrole, t.status AS tstatus, cr.id AS crid, cr.name AS crname, cr.permissions AS crperms INTO r
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
  RETURN QUERY SELECT r.pa, r.mrole, r.tstatus, r.crid, r.crname, r.crperms;
END $f$;`;

const KEY_OPEN = `
CREATE FUNCTION steward.begin_api_key_request(p_hash text)
RETURNS TABLE (key_id uuid, key_name text, tenant_id uuid, role text, tenant_status text, usable boolean,
               custom_role_id uuid, custom_role_name text, role_permissions text[])
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, steward AS $f$
DECLARE k record;
BEGIN
  SELECT a.id, a.name, a.tenant_id, a.role, t.status AS tstatus,
         (a.revoked_at IS NULL AND (a.expires_at IS NULL OR a.expires_at > now())) AS ok,
         a.last_used_at, cr.id AS crid, cr.name AS crname, cr.permissions AS crperms INTO k
  FROM api_keys a JOIN tenants t ON t.id = a.tenant_id LEFT JOIN roles cr ON cr.id = a.custom_role_id WHERE a.key_hash = p_hash;
  IF NOT FOUND OR NOT k.ok THEN RETURN; END IF;
  IF k.tstatus = 'active' THEN
    PERFORM set_config('app.tenant_id', k.tenant_id::text, true);
    PERFORM set_config('app.api_key_id', k.id::text, true);
  END IF;
  IF k.last_used_at IS NULL OR k.last_used_at < now() - interval '10 seconds' THEN
    UPDATE api_keys SET last_used_at = now()
      WHERE id = (SELECT id FROM api_keys WHERE id = k.id FOR NO KEY UPDATE SKIP LOCKED);
  END IF;
  RETURN QUERY SELECT k.id, k.name, k.tenant_id, k.role, k.tstatus, k.ok, k.crid, k.crname, k.crperms;
END $f$;`;

/**
 * Custom roles: a tenant's own named sets of permissions (auth/permissions.ts), held by members and API keys
 * instead of a system role. Who assigned a member's role, and when, is kept on the membership. Opening a
 * request reads the custom role's permissions with the caller, in the same round trip.
 */
export class CustomRoles17661000000000 implements MigrationInterface {
  name = 'CustomRoles17661000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE roles (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 500),
  permissions text[] NOT NULL DEFAULT '{}',
  created_by_id uuid REFERENCES users(id) ON DELETE SET NULL,
  updated_by_id uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (id, tenant_id)
);
CREATE UNIQUE INDEX roles_tenant_name ON roles (tenant_id, lower(name));
ALTER TABLE roles ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON roles USING (tenant_id = steward.current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON roles TO steward_app;

ALTER TABLE memberships ALTER COLUMN role DROP NOT NULL,
  ADD COLUMN custom_role_id uuid,
  ADD COLUMN assigned_by_id uuid REFERENCES users(id) ON DELETE SET NULL,
  ADD COLUMN assigned_at timestamptz,
  ADD CONSTRAINT memberships_custom_role_fk FOREIGN KEY (custom_role_id, tenant_id) REFERENCES roles (id, tenant_id),
  ADD CONSTRAINT memberships_one_role CHECK ((role IS NULL) <> (custom_role_id IS NULL));
CREATE INDEX memberships_custom_role ON memberships (custom_role_id) WHERE custom_role_id IS NOT NULL;

ALTER TABLE api_keys ALTER COLUMN role DROP NOT NULL,
  ADD COLUMN custom_role_id uuid,
  ADD CONSTRAINT api_keys_custom_role_fk FOREIGN KEY (custom_role_id, tenant_id) REFERENCES roles (id, tenant_id),
  ADD CONSTRAINT api_keys_one_role CHECK ((role IS NULL) <> (custom_role_id IS NULL));
CREATE INDEX api_keys_custom_role ON api_keys (custom_role_id) WHERE custom_role_id IS NOT NULL;

DROP FUNCTION steward.begin_user_request(uuid, uuid, uuid);
DROP FUNCTION steward.begin_api_key_request(text);
${USER_OPEN}
${KEY_OPEN}
GRANT EXECUTE ON FUNCTION steward.begin_user_request(uuid, uuid, uuid), steward.begin_api_key_request(text) TO steward_app;`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP FUNCTION steward.begin_user_request(uuid, uuid, uuid);
DROP FUNCTION steward.begin_api_key_request(text);
DELETE FROM memberships WHERE custom_role_id IS NOT NULL;
DELETE FROM api_keys WHERE custom_role_id IS NOT NULL;
ALTER TABLE memberships DROP COLUMN custom_role_id, DROP COLUMN assigned_by_id, DROP COLUMN assigned_at, ALTER COLUMN role SET NOT NULL;
ALTER TABLE api_keys DROP COLUMN custom_role_id, ALTER COLUMN role SET NOT NULL;
DROP TABLE roles;`);
    // The functions as migration 1764900000000 left them.
    await q.query(
      USER_OPEN.replace(', custom_role_id uuid, custom_role_name text, role_permissions text[]', '')
        .replace(', cr.id AS crid, cr.name AS crname, cr.permissions AS crperms', '')
        .replace('\n  LEFT JOIN roles cr ON cr.id = m.custom_role_id', '')
        .replace('(r.mrole IS NOT NULL OR r.crid IS NOT NULL)', 'r.mrole IS NOT NULL')
        .replace(', r.crid, r.crname, r.crperms', ''),
    );
    await q.query(
      KEY_OPEN.replace(',\n               custom_role_id uuid, custom_role_name text, role_permissions text[]', '')
        .replace(', cr.id AS crid, cr.name AS crname, cr.permissions AS crperms', '')
        .replace(' LEFT JOIN roles cr ON cr.id = a.custom_role_id', '')
        .replace(', k.crid, k.crname, k.crperms', ''),
    );
    await q.query(`GRANT EXECUTE ON FUNCTION steward.begin_user_request(uuid, uuid, uuid), steward.begin_api_key_request(text) TO steward_app;`);
  }
}
