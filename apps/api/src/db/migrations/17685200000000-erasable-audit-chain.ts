import { MigrationInterface, QueryRunner } from 'typeorm';

const ZERO = `'00000000-0000-0000-0000-000000000000'::uuid`;

/**
 * An audit chain that survives GDPR erasure. An entry's personal fields (actor label, entity name, before, after,
 * ip, user agent) are covered by the chain through their digest (personal_digest, set on append): the hash is over
 * the other fields and that digest. Erasure pseudonymises the personal fields and marks the entry erased; the
 * digest and the hash stay, so the chain still verifies, and verification checks every entry not erased against its
 * digest. The only change an entry allows is that erasure (done by steward.erase_audit_personal, as the owner).
 *
 * Existing chains are verified, then re-hashed once under the new content (a format change, like the partitioning:
 * a chain that did not verify stops the migration rather than being laundered).
 */
export class ErasableAuditChain17685200000000 implements MigrationInterface {
  name = 'ErasableAuditChain17685200000000';

  async up(q: QueryRunner): Promise<void> {
    const [broken] = await q.query(`
      WITH chain AS (SELECT a.hash, steward.audit_entry_hash(a) AS recomputed, a.prev_hash,
                            lag(a.hash, 1, '') OVER (PARTITION BY coalesce(a.tenant_id, ${ZERO}) ORDER BY a.seq) AS expected_prev FROM audit_entries a)
      SELECT count(*)::int AS n FROM chain WHERE recomputed <> hash OR prev_hash <> expected_prev`);
    if (broken.n > 0) throw new Error(`${broken.n} audit entries do not verify: fix the chain before upgrading its format`);
    await q.query(`
ALTER TABLE audit_entries ADD COLUMN personal_digest text, ADD COLUMN erased_at timestamptz;

CREATE FUNCTION steward.audit_entry_personal(e audit_entries) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT jsonb_build_object('actorLabel', e.actor_label, 'entityName', e.entity_name, 'before', e.before, 'after', e.after,
    'ip', e.ip, 'userAgent', e.user_agent)::text
$f$;
CREATE FUNCTION steward.audit_entry_personal_digest(e audit_entries) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT encode(sha256(convert_to(steward.audit_entry_personal(e), 'UTF8')), 'hex')
$f$;

CREATE OR REPLACE FUNCTION steward.audit_entry_content(e audit_entries) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT jsonb_build_object(
    'id', e.id, 'tenantId', e.tenant_id, 'seq', e.seq, 'actorType', e.actor_type,
    'actorUserId', e.actor_user_id, 'actorApiKeyId', e.actor_api_key_id,
    'action', e.action, 'entityType', e.entity_type, 'entityId', e.entity_id,
    'personal', e.personal_digest, 'outcome', e.outcome, 'errorCode', e.error_code, 'requestId', e.request_id,
    'createdAt', to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
  )::text
$f$;

ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_no_update;
DO $do$
DECLARE
  c uuid;
  e audit_entries;
  prev text;
  h text;
  last_seq bigint;
BEGIN
  FOR c IN SELECT DISTINCT coalesce(tenant_id, ${ZERO}) FROM audit_entries LOOP
    prev := '';
    last_seq := 0;
    FOR e IN SELECT * FROM audit_entries WHERE coalesce(tenant_id, ${ZERO}) = c ORDER BY seq LOOP
      e.personal_digest := steward.audit_entry_personal_digest(e);
      e.prev_hash := prev;
      h := steward.audit_entry_hash(e);
      UPDATE audit_entries SET personal_digest = e.personal_digest, prev_hash = prev, hash = h WHERE id = e.id AND created_at = e.created_at;
      prev := h;
      last_seq := e.seq;
    END LOOP;
    UPDATE audit_chain_heads SET hash = prev WHERE chain_id = c AND seq = last_seq;
  END LOOP;
END $do$;
ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_no_update;
ALTER TABLE audit_entries ALTER COLUMN personal_digest SET NOT NULL;

CREATE OR REPLACE FUNCTION steward.audit_chain_append() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, steward AS $f$
DECLARE
  chain uuid := coalesce(NEW.tenant_id, ${ZERO});
  head audit_chain_heads%ROWTYPE;
  now_ts timestamptz;
BEGIN
  INSERT INTO audit_chain_heads (chain_id, seq, hash) VALUES (chain, 0, '') ON CONFLICT DO NOTHING;
  SELECT * INTO head FROM audit_chain_heads WHERE chain_id = chain FOR UPDATE;
  NEW.seq := head.seq + 1;
  NEW.prev_hash := head.hash;
  NEW.erased_at := NULL;
  now_ts := clock_timestamp();
  IF date_trunc('month', now_ts AT TIME ZONE 'UTC') = date_trunc('month', NEW.created_at AT TIME ZONE 'UTC') THEN
    NEW.created_at := now_ts;
  ELSIF abs(extract(epoch FROM now_ts - NEW.created_at)) > 60 THEN
    RAISE EXCEPTION 'audit entries take their time from the database' USING ERRCODE = 'insufficient_privilege';
  END IF;
  NEW.personal_digest := steward.audit_entry_personal_digest(ROW(NEW.*)::audit_entries);
  NEW.hash := steward.audit_entry_hash(ROW(NEW.*)::audit_entries);
  UPDATE audit_chain_heads SET seq = NEW.seq, hash = NEW.hash WHERE chain_id = chain;
  RETURN NEW;
END $f$;

-- Append-only, but for erasure: personal fields may change once, when the entry is marked erased; nothing else.
CREATE OR REPLACE FUNCTION steward.audit_entries_immutable() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.erased_at IS NULL AND NEW.erased_at IS NOT NULL
     AND NEW.id = OLD.id AND NEW.tenant_id IS NOT DISTINCT FROM OLD.tenant_id AND NEW.seq = OLD.seq
     AND NEW.actor_type = OLD.actor_type AND NEW.actor_user_id IS NOT DISTINCT FROM OLD.actor_user_id
     AND NEW.actor_api_key_id IS NOT DISTINCT FROM OLD.actor_api_key_id AND NEW.action = OLD.action
     AND NEW.entity_type IS NOT DISTINCT FROM OLD.entity_type AND NEW.entity_id IS NOT DISTINCT FROM OLD.entity_id
     AND NEW.outcome = OLD.outcome AND NEW.error_code IS NOT DISTINCT FROM OLD.error_code
     AND NEW.request_id IS NOT DISTINCT FROM OLD.request_id AND NEW.created_at = OLD.created_at
     AND NEW.prev_hash = OLD.prev_hash AND NEW.hash = OLD.hash AND NEW.personal_digest = OLD.personal_digest THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit entries are append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END $f$;

-- Erasure of one person's personal data in every audit entry that holds it: their email and name replaced by the
-- pseudonyms, their address and user agent dropped from entries they acted in. As the owner: steward_app cannot update entries.
CREATE FUNCTION steward.erase_audit_personal(p_user uuid, p_email text, p_name text, p_pseudo_email text, p_pseudo_name text) RETURNS int
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, steward AS $f$
DECLARE n int;
BEGIN
  WITH erased AS (
  UPDATE audit_entries a SET
    actor_label = CASE WHEN a.actor_label IS NULL THEN NULL ELSE replace(replace(replace(a.actor_label, p_email, p_pseudo_email), lower(p_email), p_pseudo_email), p_name, p_pseudo_name) END,
    entity_name = CASE WHEN a.entity_name IS NULL THEN NULL ELSE replace(replace(replace(a.entity_name, p_email, p_pseudo_email), lower(p_email), p_pseudo_email), p_name, p_pseudo_name) END,
    before = replace(replace(replace(a.before::text, p_email, p_pseudo_email), lower(p_email), p_pseudo_email), p_name, p_pseudo_name)::jsonb,
    after = replace(replace(replace(a.after::text, p_email, p_pseudo_email), lower(p_email), p_pseudo_email), p_name, p_pseudo_name)::jsonb,
    ip = CASE WHEN a.actor_user_id = p_user THEN NULL ELSE a.ip END,
    user_agent = CASE WHEN a.actor_user_id = p_user THEN NULL ELSE a.user_agent END,
    erased_at = now()
  WHERE a.erased_at IS NULL AND (a.actor_user_id = p_user OR a.entity_id = p_user
    OR strpos(lower(steward.audit_entry_personal(a)), lower(p_email)) > 0 OR strpos(steward.audit_entry_personal(a), p_name) > 0)
  RETURNING a.id, a.tenant_id)
  -- Each chain records which of its entries were erased: verification accepts an erased entry only when so named.
  INSERT INTO audit_entries (tenant_id, actor_type, actor_label, action, entity_type, after, outcome, prev_hash, hash)
  SELECT tenant_id, 'system', 'GDPR erasure', 'audit.personal_erased', 'AuditEntry', jsonb_build_object('entries', jsonb_agg(id)), 'success', '', ''
  FROM erased GROUP BY tenant_id;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END $f$;
REVOKE ALL ON FUNCTION steward.erase_audit_personal(uuid, text, text, text, text) FROM PUBLIC;

-- GDPR erasure of a person who is a member of the caller's tenant only: their email and name pseudonymised in every
-- text and JSON column of every table (audit entries through erase_audit_personal), their sessions and tokens
-- deleted, their account closed. Returns the pseudonymous email. As the owner, in the caller's transaction.
CREATE FUNCTION steward.erase_person(p_user uuid) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, steward AS $f$
DECLARE
  tenant uuid := steward.current_tenant();
  person record;
  pseudo_email text := 'erased-' || p_user || '@erased.invalid';
  pseudo_name text := 'Erased person';
  col record;
BEGIN
  IF tenant IS NULL OR NOT EXISTS (SELECT 1 FROM memberships WHERE user_id = p_user AND tenant_id = tenant) THEN
    RAISE EXCEPTION 'no such member in this tenant';
  END IF;
  IF EXISTS (SELECT 1 FROM memberships WHERE user_id = p_user AND tenant_id <> tenant) THEN
    RAISE EXCEPTION 'a member of other tenants too';
  END IF;
  SELECT email, full_name INTO person FROM users WHERE id = p_user;
  DELETE FROM sessions WHERE user_id = p_user;
  DELETE FROM account_tokens WHERE user_id = p_user;
  UPDATE personal_data_exports SET content = NULL WHERE subject_user_id = p_user;
  UPDATE users SET email = pseudo_email, full_name = pseudo_name, avatar_url = NULL, password_hash = NULL, is_active = false,
    deleted_at = coalesce(deleted_at, now()), updated_at = now() WHERE id = p_user;
  FOR col IN
    SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
    JOIN pg_class k ON k.relname = c.table_name AND k.relnamespace = 'public'::regnamespace AND NOT k.relispartition
    WHERE c.table_schema = 'public' AND c.data_type IN ('text', 'character varying', 'jsonb', 'json') AND c.table_name <> 'audit_entries'
      AND c.is_generated = 'NEVER'
  LOOP
    EXECUTE format(
      'UPDATE %I SET %I = replace(replace(replace(%I::text, $1, $3), lower($1), $3), $2, $4)::%s WHERE strpos(lower(%I::text), lower($1)) > 0 OR strpos(%I::text, $2) > 0',
      col.table_name, col.column_name, col.column_name, CASE WHEN col.data_type = 'character varying' THEN 'text' ELSE col.data_type END,
      col.column_name, col.column_name)
    USING person.email, person.full_name, pseudo_email, pseudo_name;
  END LOOP;
  PERFORM steward.erase_audit_personal(p_user, person.email, person.full_name, pseudo_email, pseudo_name);
  RETURN pseudo_email;
END $f$;
REVOKE ALL ON FUNCTION steward.erase_person(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION steward.erase_person(uuid) TO steward_app;
GRANT EXECUTE ON FUNCTION steward.audit_entry_personal(audit_entries), steward.audit_entry_personal_digest(audit_entries) TO steward_app;`);
  }

  /** Back to hashing every field directly: chains verified, then re-hashed once under the former content (erased entries as they now are). */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE OR REPLACE FUNCTION steward.audit_entry_content(e audit_entries) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT jsonb_build_object(
    'id', e.id, 'tenantId', e.tenant_id, 'seq', e.seq, 'actorType', e.actor_type,
    'actorUserId', e.actor_user_id, 'actorApiKeyId', e.actor_api_key_id, 'actorLabel', e.actor_label,
    'action', e.action, 'entityType', e.entity_type, 'entityId', e.entity_id, 'entityName', e.entity_name,
    'before', e.before, 'after', e.after, 'outcome', e.outcome, 'errorCode', e.error_code,
    'ip', e.ip, 'userAgent', e.user_agent, 'requestId', e.request_id,
    'createdAt', to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
  )::text
$f$;
CREATE OR REPLACE FUNCTION steward.audit_chain_append() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, steward AS $f$
DECLARE
  chain uuid := coalesce(NEW.tenant_id, ${ZERO});
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
CREATE OR REPLACE FUNCTION steward.audit_entries_immutable() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  RAISE EXCEPTION 'audit entries are append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END $f$;
DROP FUNCTION steward.erase_person(uuid);
DROP FUNCTION steward.erase_audit_personal(uuid, text, text, text, text);
ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_no_update;
DO $do$
DECLARE
  c uuid;
  e audit_entries;
  prev text;
  h text;
  last_seq bigint;
BEGIN
  FOR c IN SELECT DISTINCT coalesce(tenant_id, ${ZERO}) FROM audit_entries LOOP
    prev := '';
    last_seq := 0;
    FOR e IN SELECT * FROM audit_entries WHERE coalesce(tenant_id, ${ZERO}) = c ORDER BY seq LOOP
      e.prev_hash := prev;
      h := steward.audit_entry_hash(e);
      UPDATE audit_entries SET prev_hash = prev, hash = h WHERE id = e.id AND created_at = e.created_at;
      prev := h;
      last_seq := e.seq;
    END LOOP;
    UPDATE audit_chain_heads SET hash = prev WHERE chain_id = c AND seq = last_seq;
  END LOOP;
END $do$;
ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_no_update;
DROP FUNCTION steward.audit_entry_personal_digest(audit_entries);
DROP FUNCTION steward.audit_entry_personal(audit_entries);
ALTER TABLE audit_entries DROP COLUMN personal_digest, DROP COLUMN erased_at;`);
  }
}
