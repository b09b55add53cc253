import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['agents', 'policies', 'skills', 'budgets', 'workflows'] as const;
const NAMED = ['agents', 'policies', 'skills', 'budgets'] as const;

/**
 * Soft delete for agents, policies, skills, budgets and workflows. A deleted row is hidden by its
 * table's row-level security policy, so every read of the app (lists, counts, `node`, joins) leaves it
 * out without a filter of its own; only the paths that show, restore or purge deleted rows turn on
 * `app.include_deleted` for their statements. Names are unique among live rows only. Plans say how
 * long a deleted row stays restorable before the purge job removes it.
 */
export class SoftDelete17684000000000 implements MigrationInterface {
  name = 'SoftDelete17684000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE FUNCTION steward.sees_deleted() RETURNS boolean LANGUAGE sql STABLE
  AS $f$ SELECT coalesce(current_setting('app.include_deleted', true), '') = 'on' $f$;
ALTER TABLE plans ADD COLUMN deleted_retention_days int NOT NULL DEFAULT 30 CHECK (deleted_retention_days > 0);
UPDATE plans SET deleted_retention_days = CASE code WHEN 'trial' THEN 7 WHEN 'starter' THEN 14 WHEN 'professional' THEN 30 ELSE 90 END;
${TABLES.map(
  (t) => `
ALTER TABLE ${t} ADD COLUMN deleted_at timestamptz, ADD COLUMN deleted_by_id uuid REFERENCES users(id) ON DELETE SET NULL;
CREATE INDEX ${t}_deleted ON ${t} (tenant_id, deleted_at) WHERE deleted_at IS NOT NULL;
DROP POLICY tenant_isolation ON ${t};
CREATE POLICY tenant_isolation ON ${t} USING (tenant_id = steward.current_tenant() AND (deleted_at IS NULL OR steward.sees_deleted()))
  WITH CHECK (tenant_id = steward.current_tenant());
-- The app removes a row for good only once it was deleted softly (the purge job); never a live one.
CREATE POLICY purge_deleted_only ON ${t} AS RESTRICTIVE FOR DELETE USING (deleted_at IS NOT NULL);`,
).join('\n')}
${NAMED.map(
  (t) => `
DROP INDEX ${t}_name;
CREATE UNIQUE INDEX ${t}_name ON ${t} (tenant_id, lower(name)) WHERE deleted_at IS NULL;`,
).join('\n')}
-- A purged agent's costs stay, without it (steward_app may not update the cost ledger; the key's action may).
ALTER TABLE cost_entries DROP CONSTRAINT cost_entries_agent_id_fkey,
  ADD CONSTRAINT cost_entries_agent_id_fkey FOREIGN KEY (agent_id) REFERENCES agents(id) ON DELETE SET NULL;
GRANT DELETE ON policies, workflows TO steward_app;
DROP FUNCTION steward.tenant_usage(uuid[]);
CREATE FUNCTION steward.tenant_usage(p_tenants uuid[]) RETURNS TABLE (tenant_id uuid, agents int, members int, api_keys int, policies int, events_this_month bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, steward AS $f$
  SELECT t.id,
    (SELECT count(*) FROM agents a WHERE a.tenant_id = t.id AND a.status <> 'archived' AND a.deleted_at IS NULL)::int,
    ((SELECT count(*) FROM memberships m WHERE m.tenant_id = t.id)
      + (SELECT count(*) FROM invitations i WHERE i.tenant_id = t.id AND i.status = 'pending' AND i.expires_at > now()))::int,
    (SELECT count(*) FROM api_keys k WHERE k.tenant_id = t.id AND k.revoked_at IS NULL)::int,
    (SELECT count(*) FROM policies p WHERE p.tenant_id = t.id AND p.deleted_at IS NULL)::int,
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
ALTER TABLE cost_entries DROP CONSTRAINT cost_entries_agent_id_fkey,
  ADD CONSTRAINT cost_entries_agent_id_fkey FOREIGN KEY (agent_id) REFERENCES agents(id);
REVOKE DELETE ON policies, workflows FROM steward_app;
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
${TABLES.map(
  (t) => `
DELETE FROM ${t} WHERE deleted_at IS NOT NULL;
DROP POLICY purge_deleted_only ON ${t};
DROP POLICY tenant_isolation ON ${t};
CREATE POLICY tenant_isolation ON ${t} USING (tenant_id = steward.current_tenant());
ALTER TABLE ${t} DROP COLUMN deleted_at, DROP COLUMN deleted_by_id;`,
).join('\n')}
${NAMED.map((t) => `CREATE UNIQUE INDEX ${t}_name ON ${t} (tenant_id, lower(name));`).join('\n')}
ALTER TABLE plans DROP COLUMN deleted_retention_days;
DROP FUNCTION steward.sees_deleted();`);
  }
}
