import { MigrationInterface, QueryRunner } from 'typeorm';

const OPEN = `
CREATE OR REPLACE FUNCTION steward.begin_api_key_request(p_hash text)
RETURNS TABLE (key_id uuid, key_name text, tenant_id uuid, role text, tenant_status text, usable boolean)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, steward AS $f$
DECLARE k record;
BEGIN
  SELECT a.id, a.name, a.tenant_id, a.role, t.status AS tstatus,
         (a.revoked_at IS NULL AND (a.expires_at IS NULL OR a.expires_at > now())) AS ok,
         a.last_used_at INTO k
  FROM api_keys a JOIN tenants t ON t.id = a.tenant_id WHERE a.key_hash = p_hash;
  IF NOT FOUND OR NOT k.ok THEN RETURN; END IF;
  IF k.tstatus = 'active' THEN
    PERFORM set_config('app.tenant_id', k.tenant_id::text, true);
    PERFORM set_config('app.api_key_id', k.id::text, true);
  END IF;
  IF k.last_used_at IS NULL OR k.last_used_at < now() - interval '10 seconds' THEN
    %UPDATE%
  END IF;
  RETURN QUERY SELECT k.id, k.name, k.tenant_id, k.role, k.tstatus, k.ok;
END $f$;`;

/**
 * Recording an API key's use never makes a request wait: the row lock the update takes is held until
 * the request's transaction ends, so concurrent requests with one key used to queue behind the first
 * (and a slow request held up every other). A request that finds the row locked leaves the update to
 * the one holding it.
 */
export class ApiKeyUseWithoutWaiting1764900000000 implements MigrationInterface {
  name = 'ApiKeyUseWithoutWaiting1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      OPEN.replace(
        '%UPDATE%',
        `UPDATE api_keys SET last_used_at = now()
      WHERE id = (SELECT id FROM api_keys WHERE id = k.id FOR NO KEY UPDATE SKIP LOCKED);`,
      ),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(OPEN.replace('%UPDATE%', 'UPDATE api_keys SET last_used_at = now() WHERE id = k.id;'));
  }
}
