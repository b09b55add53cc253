import { MigrationInterface, QueryRunner } from 'typeorm';

/** A regular expression matching `text` literally, not inside a longer word, for case-insensitive replacement with the 'gi' flags. */
const literal = (text: string) => `steward.person_pattern(${text})`;

// Lookarounds rather than \m and \M: a name ending in a letter the locale does not class as one still matches.
const PERSON_PATTERN = String.raw`
CREATE OR REPLACE FUNCTION steward.person_pattern(p text) RETURNS text LANGUAGE sql IMMUTABLE STRICT
  AS $f$ SELECT '(?<![[:alnum:]_])' || regexp_replace(p, '([.^$*+?()[\]{}|\\-])', '\\\1', 'g') || '(?![[:alnum:]_])' $f$;`;

type Names = [email: string, name: string, pseudoEmail: string, pseudoName: string];
const BOUND: Names = ['$1', '$2', '$3', '$4'];
const VARIABLES: Names = ['person.email', 'person.full_name', 'pseudo_email', 'pseudo_name'];
const PARAMETERS: Names = ['p_email', 'p_name', 'p_pseudo_email', 'p_pseudo_name'];

/** `expr` with the person's email and name replaced by the pseudonyms, ignoring case (by default $1..$4 as erase_person binds them). */
const pseudonymised = (expr: string, [email, name, pseudoEmail, pseudoName]: Names = BOUND) =>
  `regexp_replace(regexp_replace(${expr}, ${literal(email)}, ${pseudoEmail}, 'gi'), ${literal(name)}, ${pseudoName}, 'gi')`;

/** The same on binary content, in its escape form (printable ASCII as is): the needle's UTF-8 bytes escaped the same way. */
const bytesPseudonymised = (expr: string, [email, name, pseudoEmail, pseudoName]: Names = BOUND) =>
  `decode(regexp_replace(regexp_replace(encode(${expr}, 'escape'), ${literal(`encode(convert_to(${email}, 'UTF8'), 'escape')`)}, ${pseudoEmail}, 'gi'),
     ${literal(`encode(convert_to(${name}, 'UTF8'), 'escape')`)}, ${pseudoName}, 'gi'), 'escape')`;
const bytesMatch = (expr: string, [email, name]: Names = BOUND) =>
  `(strpos(lower(encode(${expr}, 'escape')), lower(encode(convert_to(${email}, 'UTF8'), 'escape'))) > 0
    OR strpos(lower(encode(${expr}, 'escape')), lower(encode(convert_to(${name}, 'UTF8'), 'escape'))) > 0)`;

/**
 * GDPR erasure of a member (or, with `removed`, a removed member) of the caller's tenant only: their email and name
 * pseudonymised, ignoring case, in every text, JSON, text array and binary column of every table (audit entries
 * through erase_audit_personal), their sessions and tokens deleted, their account closed. Returns the pseudonymous email.
 */
const erasePerson = (removed: boolean) => `
CREATE OR REPLACE FUNCTION steward.erase_person(p_user uuid) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, steward AS $f$
DECLARE
  tenant uuid := steward.current_tenant();
  person record;
  pseudo_email text := 'erased-' || p_user || '@erased.invalid';
  pseudo_name text := 'Erased person';
  col record;
BEGIN
  IF tenant IS NULL OR NOT EXISTS (
    SELECT 1 FROM memberships WHERE user_id = p_user AND tenant_id = tenant${
      removed
        ? `
    UNION ALL SELECT 1 FROM deleted_memberships WHERE user_id = p_user AND tenant_id = tenant`
        : ''
    }) THEN
    RAISE EXCEPTION 'no such member in this tenant';
  END IF;
  IF EXISTS (SELECT 1 FROM memberships WHERE user_id = p_user AND tenant_id <> tenant) THEN
    RAISE EXCEPTION 'a member of other tenants too';
  END IF;
  SELECT email, full_name INTO person FROM users WHERE id = p_user;
  DELETE FROM sessions WHERE user_id = p_user;
  DELETE FROM account_tokens WHERE user_id = p_user;
${
  removed
    ? `  -- Nobody to restore: an erased person's removed memberships go.
  DELETE FROM deleted_memberships WHERE user_id = p_user;
`
    : ''
}  UPDATE personal_data_exports SET content = NULL WHERE subject_user_id = p_user;
  UPDATE users SET email = pseudo_email, full_name = pseudo_name, avatar_url = NULL, password_hash = NULL, is_active = false,
    deleted_at = coalesce(deleted_at, now()), updated_at = now() WHERE id = p_user;
  -- Evidence files keep a checksum and size that match their content.
  WITH changed AS (
    UPDATE compliance_evidence_files SET content = ${bytesPseudonymised('content', VARIABLES)}
    WHERE ${bytesMatch('content', VARIABLES)} RETURNING evidence_id, content)
  UPDATE compliance_evidence e SET sha256 = encode(sha256(c.content), 'hex'), size_bytes = length(c.content), updated_at = now()
  FROM changed c WHERE e.id = c.evidence_id AND e.sha256 IS NOT NULL;
  FOR col IN
    SELECT c.table_name, c.column_name, c.data_type, format_type(a.atttypid, a.atttypmod) AS type FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
    JOIN pg_class k ON k.relname = c.table_name AND k.relnamespace = 'public'::regnamespace AND NOT k.relispartition
    JOIN pg_attribute a ON a.attrelid = k.oid AND a.attname = c.column_name
    WHERE c.table_schema = 'public' AND c.table_name <> 'audit_entries' AND c.is_generated = 'NEVER'
      AND (c.data_type IN ('text', 'character varying', 'jsonb', 'json', 'bytea') OR c.udt_name IN ('_text', '_varchar'))
      AND (c.table_name, c.column_name) <> ('compliance_evidence_files', 'content')
  LOOP
    IF col.data_type = 'bytea' THEN
      EXECUTE format('UPDATE %I SET %I = ${bytesPseudonymised('%I').replaceAll("'", "''")} WHERE ${bytesMatch('%I').replaceAll("'", "''")}',
        col.table_name, col.column_name, col.column_name, col.column_name, col.column_name)
      USING person.email, person.full_name, pseudo_email, pseudo_name;
    ELSE
      EXECUTE format(
        'UPDATE %I SET %I = ${pseudonymised('%I::text').replaceAll("'", "''")}::%s WHERE strpos(lower(%I::text), lower($1)) > 0 OR strpos(lower(%I::text), lower($2)) > 0',
        col.table_name, col.column_name, col.column_name, col.type, col.column_name, col.column_name)
      USING person.email, person.full_name, pseudo_email, pseudo_name;
    END IF;
  END LOOP;
  PERFORM steward.erase_audit_personal(p_user, person.email, person.full_name, pseudo_email, pseudo_name);
  RETURN pseudo_email;
END $f$;
`;

/**
 * Soft delete of members. A removed membership moves, with its id and role, to deleted_memberships: every check
 * that reads memberships (signing in to the tenant, each request's begin_user_request, tokens, lists, `node`, the
 * member limit, notifications) stops counting it at once without a filter of its own, and restore moves it back
 * while the plan's retention period lasts; the purge job removes it after. The removed person's profile shows
 * (for the Recently deleted page) only to statements that turn on `app.include_deleted`.
 *
 * Erasure matches the person's email and name ignoring case, in text, JSON (keys and values), text arrays and
 * binary columns (evidence files keep a checksum that matches their new content), and covers removed memberships.
 */
export class MemberSoftDelete17691000000000 implements MigrationInterface {
  name = 'MemberSoftDelete17691000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE deleted_memberships (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role text,
  custom_role_id uuid REFERENCES roles(id) ON DELETE SET NULL,
  assigned_by_id uuid REFERENCES users(id) ON DELETE SET NULL,
  assigned_at timestamptz,
  created_at timestamptz NOT NULL,
  deleted_at timestamptz NOT NULL DEFAULT now(),
  deleted_by_id uuid REFERENCES users(id) ON DELETE SET NULL,
  -- Removed again after a restore or a new invitation: the latest removal is the one to restore.
  UNIQUE (tenant_id, user_id)
);
CREATE INDEX deleted_memberships_tenant_deleted ON deleted_memberships (tenant_id, deleted_at DESC, id DESC);
CREATE INDEX deleted_memberships_user ON deleted_memberships (user_id);
ALTER TABLE deleted_memberships ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON deleted_memberships USING (tenant_id = steward.current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON deleted_memberships TO steward_app;
${PERSON_PATTERN}

-- A removed member's name and email, for the Recently deleted page and the purge's audit entry only.
CREATE POLICY removed_member_visible ON users FOR SELECT USING (
  steward.sees_deleted() AND EXISTS (SELECT 1 FROM deleted_memberships d WHERE d.user_id = users.id AND d.tenant_id = steward.current_tenant()));

CREATE OR REPLACE FUNCTION steward.erase_audit_personal(p_user uuid, p_email text, p_name text, p_pseudo_email text, p_pseudo_name text) RETURNS int
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, steward AS $f$
DECLARE n int;
BEGIN
  WITH erased AS (
  UPDATE audit_entries a SET
    actor_label = CASE WHEN a.actor_label IS NULL THEN NULL ELSE ${pseudonymised('a.actor_label', PARAMETERS)} END,
    entity_name = CASE WHEN a.entity_name IS NULL THEN NULL ELSE ${pseudonymised('a.entity_name', PARAMETERS)} END,
    before = ${pseudonymised('a.before::text', PARAMETERS)}::jsonb,
    after = ${pseudonymised('a.after::text', PARAMETERS)}::jsonb,
    ip = CASE WHEN a.actor_user_id = p_user THEN NULL ELSE a.ip END,
    user_agent = CASE WHEN a.actor_user_id = p_user THEN NULL ELSE a.user_agent END,
    erased_at = now()
  WHERE a.erased_at IS NULL AND (a.actor_user_id = p_user OR a.entity_id = p_user
    OR strpos(lower(steward.audit_entry_personal(a)), lower(p_email)) > 0 OR strpos(lower(steward.audit_entry_personal(a)), lower(p_name)) > 0)
  RETURNING a.id, a.tenant_id)
  -- Each chain records which of its entries were erased: verification accepts an erased entry only when so named.
  INSERT INTO audit_entries (tenant_id, actor_type, actor_label, action, entity_type, after, outcome, prev_hash, hash)
  SELECT tenant_id, 'system', 'GDPR erasure', 'audit.personal_erased', 'AuditEntry', jsonb_build_object('entries', jsonb_agg(id)), 'success', '', ''
  FROM erased GROUP BY tenant_id;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END $f$;

${erasePerson(true)}`);
  }

  async down(q: QueryRunner): Promise<void> {
    // erase_audit_personal keeps matching ignoring case, through steward.person_pattern.
    await q.query(`
INSERT INTO memberships (id, tenant_id, user_id, role, custom_role_id, assigned_by_id, assigned_at, created_at, updated_at)
SELECT d.id, d.tenant_id, d.user_id, CASE WHEN d.custom_role_id IS NULL THEN coalesce(d.role, 'viewer') END, d.custom_role_id, d.assigned_by_id, d.assigned_at, d.created_at, now()
FROM deleted_memberships d ON CONFLICT DO NOTHING;
${erasePerson(false)}
DROP POLICY removed_member_visible ON users;
DROP TABLE deleted_memberships;`);
  }
}
