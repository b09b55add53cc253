import { MigrationInterface, QueryRunner } from 'typeorm';

const KEY_OPEN = (extra: boolean) => `
CREATE FUNCTION steward.begin_api_key_request(p_hash text)
RETURNS TABLE (key_id uuid, key_name text, tenant_id uuid, role text, tenant_status text, usable boolean,
               custom_role_id uuid, custom_role_name text, role_permissions text[]${extra ? ',\n               scopes text[], allowed_operations jsonb, cost_per_minute int, requests_per_minute int' : ''})
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, steward AS $f$
DECLARE k record;
BEGIN
  SELECT a.id, a.name, a.tenant_id, a.role, t.status AS tstatus,
         (a.revoked_at IS NULL AND (a.expires_at IS NULL OR a.expires_at > now())) AS ok,
         a.last_used_at, cr.id AS crid, cr.name AS crname, cr.permissions AS crperms${extra ? ',\n         a.scopes, a.allowed_operations, a.cost_per_minute, p.max_api_requests_per_minute AS rpm' : ''} INTO k
  FROM api_keys a JOIN tenants t ON t.id = a.tenant_id LEFT JOIN roles cr ON cr.id = a.custom_role_id${extra ? ' LEFT JOIN plans p ON p.code = t.plan' : ''} WHERE a.key_hash = p_hash;
  IF NOT FOUND OR NOT k.ok THEN RETURN; END IF;
  IF k.tstatus = 'active' THEN
    PERFORM set_config('app.tenant_id', k.tenant_id::text, true);
    PERFORM set_config('app.api_key_id', k.id::text, true);
  END IF;
  IF k.last_used_at IS NULL OR k.last_used_at < now() - interval '10 seconds' THEN
    UPDATE api_keys SET last_used_at = now()
      WHERE id = (SELECT id FROM api_keys WHERE id = k.id FOR NO KEY UPDATE SKIP LOCKED);
  END IF;
  RETURN QUERY SELECT k.id, k.name, k.tenant_id, k.role, k.tstatus, k.ok, k.crid, k.crname, k.crperms${extra ? ', k.scopes, k.allowed_operations, k.cost_per_minute, k.rpm' : ''};
END $f$;`;

/**
 * API keys for least privilege: scopes (a subset of the role's permissions; null: all of them), an allow-list of
 * operations registered by name and hash (null: any operation), and a budget of operation cost per minute (null:
 * the default). Opening a key's request reads them with the key, and the tenant plan's requests a minute.
 */
export class ApiKeyScopes17668100000000 implements MigrationInterface {
  name = 'ApiKeyScopes17668100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
ALTER TABLE api_keys ADD COLUMN scopes text[],
  ADD COLUMN allowed_operations jsonb CHECK (allowed_operations IS NULL OR jsonb_typeof(allowed_operations) = 'array'),
  ADD COLUMN cost_per_minute int CHECK (cost_per_minute > 0);
DROP FUNCTION steward.begin_api_key_request(text);
${KEY_OPEN(true)}
GRANT EXECUTE ON FUNCTION steward.begin_api_key_request(text) TO steward_app;`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP FUNCTION steward.begin_api_key_request(text);
${KEY_OPEN(false)}
GRANT EXECUTE ON FUNCTION steward.begin_api_key_request(text) TO steward_app;
ALTER TABLE api_keys DROP COLUMN scopes, DROP COLUMN allowed_operations, DROP COLUMN cost_per_minute;`);
  }
}
