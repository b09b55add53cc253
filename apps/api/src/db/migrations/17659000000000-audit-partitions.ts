import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log partitioned by month on created_at, like the telemetry tables (partitions made ahead
 * by the partitions job, RLS forced on each with no policy and no grant, so steward_app reaches them
 * only through the parent). The rows are copied as they are, hashes and all, so every chain still
 * verifies; the chain, append-only and truncate triggers and the row-level security policies are
 * made again on the parent, which clones the row triggers onto every partition. Audit partitions are
 * never dropped: the log is kept whole.
 *
 * Two things change. The chain trigger sets created_at from the clock as before, except when the
 * month turned between the row's routing (created_at defaults to clock_timestamp()) and the trigger:
 * PostgreSQL refuses a BEFORE trigger that moves a row to another partition, so the routed time stands
 * then (it is at most a moment old; a time set by the caller more than a minute off is refused). And
 * the unique index on (chain, seq) cannot stand on a partitioned table without the partition key;
 * the chain head row, locked FOR UPDATE by every append, keeps positions unique as it always did,
 * and verification names any duplicate or gap.
 */
export class AuditPartitions17659000000000 implements MigrationInterface {
  name = 'AuditPartitions17659000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
ALTER TABLE audit_entries RENAME TO audit_entries_unpartitioned;
ALTER INDEX audit_entries_pkey RENAME TO audit_entries_unpartitioned_pkey;
DROP INDEX audit_entries_chain_seq, audit_entries_tenant_created, audit_entries_tenant_action, audit_entries_tenant_entity, audit_entries_tenant_actor;
DROP FUNCTION steward.audit_entry_hash(audit_entries_unpartitioned);
DROP FUNCTION steward.audit_entry_content(audit_entries_unpartitioned);

CREATE TABLE audit_entries (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id uuid REFERENCES tenants(id),
  seq bigint NOT NULL,
  actor_type text NOT NULL CHECK (actor_type IN ('user','api_key','system','anonymous')),
  actor_user_id uuid,
  actor_api_key_id uuid,
  actor_label text,
  action text NOT NULL,
  entity_type text,
  entity_id uuid,
  entity_name text,
  before jsonb,
  after jsonb,
  outcome text NOT NULL CHECK (outcome IN ('success','failure','denied')),
  error_code text,
  ip text,
  user_agent text,
  request_id text,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  prev_hash text NOT NULL,
  hash text NOT NULL,
  PRIMARY KEY (id, created_at)
) PARTITION BY RANGE (created_at);
CREATE INDEX audit_entries_chain_seq ON audit_entries ((coalesce(tenant_id, '00000000-0000-0000-0000-000000000000'::uuid)), seq);
CREATE INDEX audit_entries_tenant_seq ON audit_entries (tenant_id, seq);
CREATE INDEX audit_entries_tenant_created ON audit_entries (tenant_id, created_at DESC, id DESC);
CREATE INDEX audit_entries_tenant_action ON audit_entries (tenant_id, action, created_at DESC);
CREATE INDEX audit_entries_tenant_entity ON audit_entries (tenant_id, entity_type, entity_id);
CREATE INDEX audit_entries_tenant_actor ON audit_entries (tenant_id, actor_user_id);
CREATE INDEX audit_entries_id ON audit_entries (id);
`);
    // Partitions from the oldest entry's month through three months ahead, then the rows, as they are.
    await q.query(`SELECT steward.ensure_month_partitions('audit_entries', m, (extract(year FROM age(now() + interval '3 months', m)) * 12
      + extract(month FROM age(now() + interval '3 months', m)))::int + 1)
      FROM (SELECT date_trunc('month', coalesce(min(created_at), now()) AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS m FROM audit_entries_unpartitioned) oldest`);
    await q.query(`
INSERT INTO audit_entries SELECT * FROM audit_entries_unpartitioned;
DROP TABLE audit_entries_unpartitioned;

-- The canonical content an entry's hash covers (unchanged), over the partitioned table's row type.
CREATE FUNCTION steward.audit_entry_content(e audit_entries) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT jsonb_build_object(
    'id', e.id, 'tenantId', e.tenant_id, 'seq', e.seq, 'actorType', e.actor_type,
    'actorUserId', e.actor_user_id, 'actorApiKeyId', e.actor_api_key_id, 'actorLabel', e.actor_label,
    'action', e.action, 'entityType', e.entity_type, 'entityId', e.entity_id, 'entityName', e.entity_name,
    'before', e.before, 'after', e.after, 'outcome', e.outcome, 'errorCode', e.error_code,
    'ip', e.ip, 'userAgent', e.user_agent, 'requestId', e.request_id,
    'createdAt', to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
  )::text
$f$;

CREATE FUNCTION steward.audit_entry_hash(e audit_entries) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT encode(sha256(convert_to(e.prev_hash || '|' || steward.audit_entry_content(e), 'UTF8')), 'hex')
$f$;

-- Fires on the partition the row was routed to, whose row type is the partition's: the hash is taken
-- over the same columns as the parent's row type.
CREATE OR REPLACE FUNCTION steward.audit_chain_append() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, steward AS $f$
DECLARE
  chain uuid := coalesce(NEW.tenant_id, '00000000-0000-0000-0000-000000000000'::uuid);
  head audit_chain_heads%ROWTYPE;
  now_ts timestamptz;
BEGIN
  INSERT INTO audit_chain_heads (chain_id, seq, hash) VALUES (chain, 0, '') ON CONFLICT DO NOTHING;
  SELECT * INTO head FROM audit_chain_heads WHERE chain_id = chain FOR UPDATE;
  NEW.seq := head.seq + 1;
  NEW.prev_hash := head.hash;
  now_ts := clock_timestamp();
  IF date_trunc('month', now_ts AT TIME ZONE 'UTC') = date_trunc('month', NEW.created_at AT TIME ZONE 'UTC') THEN
    NEW.created_at := now_ts;
  ELSIF abs(extract(epoch FROM now_ts - NEW.created_at)) > 60 THEN
    RAISE EXCEPTION 'audit entries take their time from the database' USING ERRCODE = 'insufficient_privilege';
  END IF;
  NEW.hash := steward.audit_entry_hash(ROW(NEW.*)::audit_entries);
  UPDATE audit_chain_heads SET seq = NEW.seq, hash = NEW.hash WHERE chain_id = chain;
  RETURN NEW;
END $f$;
CREATE TRIGGER audit_entries_chain BEFORE INSERT ON audit_entries
  FOR EACH ROW EXECUTE FUNCTION steward.audit_chain_append();
CREATE TRIGGER audit_entries_no_update BEFORE UPDATE OR DELETE ON audit_entries
  FOR EACH ROW EXECUTE FUNCTION steward.audit_entries_immutable();
CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
  FOR EACH STATEMENT EXECUTE FUNCTION steward.audit_entries_immutable();

ALTER TABLE audit_entries ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_read ON audit_entries FOR SELECT USING (
  tenant_id = steward.current_tenant() OR (tenant_id IS NULL AND steward.is_platform_admin()));
CREATE POLICY tenant_append ON audit_entries FOR INSERT WITH CHECK (
  tenant_id IS NOT DISTINCT FROM steward.current_tenant() OR steward.is_platform_admin());
GRANT SELECT, INSERT ON audit_entries TO steward_app;
GRANT EXECUTE ON FUNCTION steward.audit_entry_content(audit_entries), steward.audit_entry_hash(audit_entries) TO steward_app;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Back to one table: the same rows, hashes and all, under the same triggers and policies.
    await q.query(`
CREATE TABLE audit_entries_unpartitioned (LIKE audit_entries INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
INSERT INTO audit_entries_unpartitioned SELECT * FROM audit_entries;
DROP TABLE audit_entries CASCADE;
ALTER TABLE audit_entries_unpartitioned RENAME TO audit_entries;
ALTER TABLE audit_entries ADD PRIMARY KEY (id), ADD FOREIGN KEY (tenant_id) REFERENCES tenants(id);
ALTER TABLE audit_entries ALTER COLUMN created_at SET DEFAULT now();
CREATE UNIQUE INDEX audit_entries_chain_seq ON audit_entries ((coalesce(tenant_id, '00000000-0000-0000-0000-000000000000'::uuid)), seq);
CREATE INDEX audit_entries_tenant_created ON audit_entries (tenant_id, created_at DESC, id DESC);
CREATE INDEX audit_entries_tenant_action ON audit_entries (tenant_id, action, created_at DESC);
CREATE INDEX audit_entries_tenant_entity ON audit_entries (tenant_id, entity_type, entity_id);
CREATE INDEX audit_entries_tenant_actor ON audit_entries (tenant_id, actor_user_id);
CREATE FUNCTION steward.audit_entry_content(e audit_entries) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT jsonb_build_object(
    'id', e.id, 'tenantId', e.tenant_id, 'seq', e.seq, 'actorType', e.actor_type,
    'actorUserId', e.actor_user_id, 'actorApiKeyId', e.actor_api_key_id, 'actorLabel', e.actor_label,
    'action', e.action, 'entityType', e.entity_type, 'entityId', e.entity_id, 'entityName', e.entity_name,
    'before', e.before, 'after', e.after, 'outcome', e.outcome, 'errorCode', e.error_code,
    'ip', e.ip, 'userAgent', e.user_agent, 'requestId', e.request_id,
    'createdAt', to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
  )::text
$f$;
CREATE FUNCTION steward.audit_entry_hash(e audit_entries) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT encode(sha256(convert_to(e.prev_hash || '|' || steward.audit_entry_content(e), 'UTF8')), 'hex')
$f$;
CREATE OR REPLACE FUNCTION steward.audit_chain_append() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, steward AS $f$
DECLARE
  chain uuid := coalesce(NEW.tenant_id, '00000000-0000-0000-0000-000000000000'::uuid);
  head audit_chain_heads%ROWTYPE;
BEGIN
  INSERT INTO audit_chain_heads (chain_id, seq, hash) VALUES (chain, 0, '') ON CONFLICT DO NOTHING;
  SELECT * INTO head FROM audit_chain_heads WHERE chain_id = chain FOR UPDATE;
  NEW.seq := head.seq + 1;
  NEW.prev_hash := head.hash;
  NEW.created_at := clock_timestamp();
  NEW.hash := steward.audit_entry_hash(NEW);
  UPDATE audit_chain_heads SET seq = NEW.seq, hash = NEW.hash WHERE chain_id = chain;
  RETURN NEW;
END $f$;
CREATE TRIGGER audit_entries_chain BEFORE INSERT ON audit_entries FOR EACH ROW EXECUTE FUNCTION steward.audit_chain_append();
CREATE TRIGGER audit_entries_no_update BEFORE UPDATE OR DELETE ON audit_entries FOR EACH ROW EXECUTE FUNCTION steward.audit_entries_immutable();
CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries FOR EACH STATEMENT EXECUTE FUNCTION steward.audit_entries_immutable();
ALTER TABLE audit_entries ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_read ON audit_entries FOR SELECT USING (
  tenant_id = steward.current_tenant() OR (tenant_id IS NULL AND steward.is_platform_admin()));
CREATE POLICY tenant_append ON audit_entries FOR INSERT WITH CHECK (
  tenant_id IS NOT DISTINCT FROM steward.current_tenant() OR steward.is_platform_admin());
GRANT SELECT, INSERT ON audit_entries TO steward_app;
`);
  }
}
