import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The foundation: identity, tenant isolation (row-level security under a non-owner role) and the
 * append-only, hash-chained audit log. Requests run as `steward_app` (SET LOCAL ROLE), which owns
 * nothing and has no BYPASSRLS, so every policy here applies to every statement the API sends.
 */
export class IdentityAndAudit1763900000000 implements MigrationInterface {
  name = 'IdentityAndAudit1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'steward_app') THEN
    CREATE ROLE steward_app NOLOGIN NOBYPASSRLS;
  END IF;
END $$;
GRANT steward_app TO CURRENT_USER;

CREATE SCHEMA IF NOT EXISTS steward;
GRANT USAGE ON SCHEMA steward TO steward_app;
GRANT USAGE ON SCHEMA public TO steward_app;

CREATE FUNCTION steward.current_tenant() RETURNS uuid LANGUAGE sql STABLE
  AS $f$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $f$;
CREATE FUNCTION steward.current_user_id() RETURNS uuid LANGUAGE sql STABLE
  AS $f$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $f$;
CREATE FUNCTION steward.is_platform_admin() RETURNS boolean LANGUAGE sql STABLE
  AS $f$ SELECT coalesce(current_setting('app.platform_admin', true), '') = 'on' $f$;

CREATE TABLE tenants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$'),
  plan text NOT NULL DEFAULT 'starter' CHECK (plan IN ('starter','growth','enterprise')),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active','suspended','provisioning','failed')),
  resource_limits jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL CHECK (length(email) <= 254),
  full_name text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 120),
  avatar_url text CHECK (length(avatar_url) <= 2048),
  password_hash text,
  is_active boolean NOT NULL DEFAULT true,
  email_verified boolean NOT NULL DEFAULT false,
  is_platform_admin boolean NOT NULL DEFAULT false,
  last_login_at timestamptz,
  failed_login_count int NOT NULL DEFAULT 0,
  locked_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email)) WHERE deleted_at IS NULL;

CREATE TABLE memberships (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('admin','developer','compliance_officer','analyst','auditor','viewer')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, user_id)
);
CREATE INDEX memberships_tenant_created ON memberships (tenant_id, created_at DESC, id DESC);
CREATE INDEX memberships_user ON memberships (user_id);

CREATE TABLE invitations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  email text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin','developer','compliance_officer','analyst','auditor','viewer')),
  token_hash text NOT NULL UNIQUE,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','accepted','revoked','expired')),
  expires_at timestamptz NOT NULL,
  invited_by_id uuid REFERENCES users(id),
  accepted_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX invitations_tenant_created ON invitations (tenant_id, created_at DESC, id DESC);
CREATE UNIQUE INDEX invitations_pending_email ON invitations (tenant_id, lower(email)) WHERE status = 'pending';

CREATE TABLE sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  family_id uuid NOT NULL,
  refresh_token_hash text NOT NULL UNIQUE,
  tenant_id uuid REFERENCES tenants(id) ON DELETE SET NULL,
  expires_at timestamptz NOT NULL,
  rotated_at timestamptz,
  revoked_at timestamptz,
  ip text,
  user_agent text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sessions_family ON sessions (family_id);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_keys (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  role text NOT NULL CHECK (role IN ('admin','developer','compliance_officer','analyst','auditor','viewer')),
  prefix text NOT NULL,
  key_hash text NOT NULL UNIQUE,
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz,
  created_by_id uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX api_keys_tenant_created ON api_keys (tenant_id, created_at DESC, id DESC);

CREATE TABLE audit_entries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
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
  created_at timestamptz NOT NULL DEFAULT now(),
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE UNIQUE INDEX audit_entries_chain_seq ON audit_entries ((coalesce(tenant_id, '00000000-0000-0000-0000-000000000000'::uuid)), seq);
CREATE INDEX audit_entries_tenant_created ON audit_entries (tenant_id, created_at DESC, id DESC);
CREATE INDEX audit_entries_tenant_action ON audit_entries (tenant_id, action, created_at DESC);
CREATE INDEX audit_entries_tenant_entity ON audit_entries (tenant_id, entity_type, entity_id);
CREATE INDEX audit_entries_tenant_actor ON audit_entries (tenant_id, actor_user_id);

CREATE TABLE audit_chain_heads (
  chain_id uuid PRIMARY KEY,
  seq bigint NOT NULL,
  hash text NOT NULL
);

-- The canonical content an entry's hash covers. jsonb prints keys in a fixed order, and times are
-- rendered in UTC so the text does not depend on the session's time zone.
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

CREATE FUNCTION steward.audit_chain_append() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
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
CREATE TRIGGER audit_entries_chain BEFORE INSERT ON audit_entries
  FOR EACH ROW EXECUTE FUNCTION steward.audit_chain_append();

CREATE FUNCTION steward.audit_entries_immutable() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  RAISE EXCEPTION 'audit entries are append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END $f$;
CREATE TRIGGER audit_entries_no_update BEFORE UPDATE OR DELETE ON audit_entries
  FOR EACH ROW EXECUTE FUNCTION steward.audit_entries_immutable();
CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
  FOR EACH STATEMENT EXECUTE FUNCTION steward.audit_entries_immutable();

-- The caller's own memberships in every tenant, for the tenant switcher. A function rather than a
-- second policy on memberships: OR-ed policies would cost every tenant-scoped membership query its index order.
CREATE FUNCTION steward.viewer_memberships() RETURNS SETOF memberships
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, steward AS $f$
  SELECT * FROM memberships WHERE user_id = steward.current_user_id() ORDER BY created_at
$f$;

-- Row-level security: the request's tenant and user travel as transaction-local settings.
ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_visible ON tenants FOR SELECT USING (
  id = steward.current_tenant() OR steward.is_platform_admin()
  OR id IN (SELECT m.tenant_id FROM steward.viewer_memberships() m));
CREATE POLICY tenant_admin_write ON tenants FOR UPDATE USING (steward.is_platform_admin() OR id = steward.current_tenant());
CREATE POLICY tenant_platform_insert ON tenants FOR INSERT WITH CHECK (steward.is_platform_admin());

ALTER TABLE users ENABLE ROW LEVEL SECURITY;
CREATE POLICY user_visible ON users FOR SELECT USING (
  id = steward.current_user_id() OR steward.is_platform_admin()
  OR EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = users.id AND m.tenant_id = steward.current_tenant()));
CREATE POLICY user_self_update ON users FOR UPDATE USING (id = steward.current_user_id());

ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON memberships USING (tenant_id = steward.current_tenant());
CREATE POLICY platform_admin_add ON memberships FOR INSERT WITH CHECK (steward.is_platform_admin());

ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON invitations USING (tenant_id = steward.current_tenant());
CREATE POLICY platform_admin_add ON invitations FOR INSERT WITH CHECK (steward.is_platform_admin());
CREATE POLICY platform_admin_read ON invitations FOR SELECT USING (steward.is_platform_admin());

ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON api_keys USING (tenant_id = steward.current_tenant());

ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_sessions ON sessions USING (user_id = steward.current_user_id());

ALTER TABLE audit_entries ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_read ON audit_entries FOR SELECT USING (
  tenant_id = steward.current_tenant() OR (tenant_id IS NULL AND steward.is_platform_admin()));
CREATE POLICY tenant_append ON audit_entries FOR INSERT WITH CHECK (
  tenant_id IS NOT DISTINCT FROM steward.current_tenant() OR steward.is_platform_admin());

ALTER TABLE audit_chain_heads ENABLE ROW LEVEL SECURITY;

-- Where a tenant's chain ends, for verification; only for the caller's own tenant.
CREATE FUNCTION steward.audit_chain_head(p_tenant uuid) RETURNS TABLE (seq bigint, hash text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, steward AS $f$
  SELECT h.seq, h.hash FROM audit_chain_heads h
  WHERE h.chain_id = p_tenant AND p_tenant = steward.current_tenant()
$f$;

GRANT SELECT, INSERT, UPDATE, DELETE ON tenants, users, memberships, invitations, api_keys, sessions TO steward_app;
GRANT SELECT, INSERT ON audit_entries TO steward_app;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA steward TO steward_app;

-- Opening a request: runs as the owner to read who the caller is, then sets the settings RLS reads.
-- The tenant is set only for a member of an active tenant, so a suspended tenant's data is unreachable.
CREATE FUNCTION steward.begin_user_request(p_user uuid, p_tenant uuid, p_session_family uuid)
RETURNS TABLE (platform_admin boolean, role text, tenant_status text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, steward AS $f$
DECLARE r record;
BEGIN
  SELECT u.is_platform_admin AS pa, m.role AS mrole, t.status AS tstatus INTO r
  FROM users u
  LEFT JOIN memberships m ON m.user_id = u.id AND m.tenant_id = p_tenant
  LEFT JOIN tenants t ON t.id = m.tenant_id
  WHERE u.id = p_user AND u.is_active AND u.deleted_at IS NULL
    AND EXISTS (SELECT 1 FROM sessions s WHERE s.family_id = p_session_family AND s.user_id = p_user
                AND s.revoked_at IS NULL AND s.expires_at > now());
  IF NOT FOUND THEN RETURN; END IF;
  PERFORM set_config('app.user_id', p_user::text, true);
  IF r.pa THEN PERFORM set_config('app.platform_admin', 'on', true); END IF;
  IF r.mrole IS NOT NULL AND r.tstatus = 'active' THEN
    PERFORM set_config('app.tenant_id', p_tenant::text, true);
  END IF;
  RETURN QUERY SELECT r.pa, r.mrole, r.tstatus;
END $f$;

CREATE FUNCTION steward.begin_api_key_request(p_hash text)
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
    UPDATE api_keys SET last_used_at = now() WHERE id = k.id;
  END IF;
  RETURN QUERY SELECT k.id, k.name, k.tenant_id, k.role, k.tstatus, k.ok;
END $f$;
GRANT EXECUTE ON FUNCTION steward.begin_user_request(uuid, uuid, uuid), steward.begin_api_key_request(text) TO steward_app;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP TABLE IF EXISTS audit_chain_heads, audit_entries, api_keys, sessions, invitations, memberships, users, tenants CASCADE;
DROP SCHEMA IF EXISTS steward CASCADE;`);
  }
}
