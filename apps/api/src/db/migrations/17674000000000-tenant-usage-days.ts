import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Metered use per tenant and UTC day: analytics events recorded (counted in the recording transaction,
 * which the plan's events-a-month limit refuses past the limit) and API requests served (counted in each
 * API process and added here every few seconds). A month's use is the sum of its days; exports and the
 * usage page read it from here, never from the event tables. steward.tenant_usage gains this month's events.
 */
export class TenantUsageDays17674000000000 implements MigrationInterface {
  name = 'TenantUsageDays17674000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE tenant_usage_days (
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  day date NOT NULL,
  events bigint NOT NULL DEFAULT 0 CHECK (events >= 0),
  api_requests bigint NOT NULL DEFAULT 0 CHECK (api_requests >= 0),
  PRIMARY KEY (tenant_id, day)
);
ALTER TABLE tenant_usage_days ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_usage_days USING (tenant_id = steward.current_tenant() OR steward.is_platform_admin())
  WITH CHECK (tenant_id = steward.current_tenant());
GRANT SELECT, INSERT, UPDATE ON tenant_usage_days TO steward_app;

DROP FUNCTION steward.tenant_usage(uuid[]);
CREATE FUNCTION steward.tenant_usage(p_tenants uuid[]) RETURNS TABLE (tenant_id uuid, agents int, members int, api_keys int, policies int, events_this_month bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, steward AS $f$
  SELECT t.id,
    (SELECT count(*) FROM agents a WHERE a.tenant_id = t.id AND a.status <> 'archived')::int,
    ((SELECT count(*) FROM memberships m WHERE m.tenant_id = t.id)
      + (SELECT count(*) FROM invitations i WHERE i.tenant_id = t.id AND i.status = 'pending' AND i.expires_at > now()))::int,
    (SELECT count(*) FROM api_keys k WHERE k.tenant_id = t.id AND k.revoked_at IS NULL)::int,
    (SELECT count(*) FROM policies p WHERE p.tenant_id = t.id)::int,
    (SELECT coalesce(sum(u.events), 0) FROM tenant_usage_days u
      WHERE u.tenant_id = t.id AND u.day >= date_trunc('month', now() AT TIME ZONE 'UTC')::date)::bigint
  FROM tenants t
  WHERE t.id = ANY(p_tenants) AND (t.id = steward.current_tenant() OR steward.is_platform_admin())
$f$;
REVOKE ALL ON FUNCTION steward.tenant_usage(uuid[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION steward.tenant_usage(uuid[]) TO steward_app;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP FUNCTION steward.tenant_usage(uuid[]);
CREATE FUNCTION steward.tenant_usage(p_tenants uuid[]) RETURNS TABLE (tenant_id uuid, agents int, members int, api_keys int, policies int)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, steward AS $f$
  SELECT t.id,
    (SELECT count(*) FROM agents a WHERE a.tenant_id = t.id AND a.status <> 'archived')::int,
    ((SELECT count(*) FROM memberships m WHERE m.tenant_id = t.id)
      + (SELECT count(*) FROM invitations i WHERE i.tenant_id = t.id AND i.status = 'pending' AND i.expires_at > now()))::int,
    (SELECT count(*) FROM api_keys k WHERE k.tenant_id = t.id AND k.revoked_at IS NULL)::int,
    (SELECT count(*) FROM policies p WHERE p.tenant_id = t.id)::int
  FROM tenants t
  WHERE t.id = ANY(p_tenants) AND (t.id = steward.current_tenant() OR steward.is_platform_admin())
$f$;
REVOKE ALL ON FUNCTION steward.tenant_usage(uuid[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION steward.tenant_usage(uuid[]) TO steward_app;
DROP TABLE tenant_usage_days;
`);
  }
}
