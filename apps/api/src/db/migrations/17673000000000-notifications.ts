import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-member notifications (issue 15's notification centre), written by the database in the
 * transaction of the change they tell of, so one exists exactly when its change committed:
 * - `approval.assigned`: a step of an approval request opened and the member may decide it;
 * - `alert.raised`: an alert about an agent the member registered (tenant admins when it is about none);
 * - `violation.opened`: a violation on an agent the member registered.
 * Preferences per member and kind: in the app (default on) and by email (default off; sent through
 * the mail outbox of migration 17672000000000). Both tables
 * are tenant tables with row-level security forced, and a restrictive policy leaves each member only
 * their own rows.
 */
export class Notifications17673000000000 implements MigrationInterface {
  name = 'Notifications17673000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('approval.assigned','alert.raised','violation.opened')),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  subject_type text NOT NULL,
  subject_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz
);
CREATE INDEX notifications_user_created ON notifications (tenant_id, user_id, created_at DESC, id DESC);
CREATE INDEX notifications_user_unread ON notifications (tenant_id, user_id) WHERE read_at IS NULL;
ALTER TABLE notifications ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON notifications USING (tenant_id = steward.current_tenant());
-- A member's notifications are theirs alone, in the database too: not another member's, not an API key's.
CREATE POLICY own_rows ON notifications AS RESTRICTIVE USING (user_id = steward.current_user_id());
GRANT SELECT, UPDATE ON notifications TO steward_app;

CREATE TABLE notification_preferences (
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('approval.assigned','alert.raised','violation.opened')),
  in_app boolean NOT NULL DEFAULT true,
  email boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, user_id, kind)
);
ALTER TABLE notification_preferences ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON notification_preferences USING (tenant_id = steward.current_tenant());
CREATE POLICY own_rows ON notification_preferences AS RESTRICTIVE USING (user_id = steward.current_user_id());
GRANT SELECT, INSERT, UPDATE ON notification_preferences TO steward_app;

-- Owner only: writes for members of the change's tenant, whatever the session's tenant is; members who switched the kind off in the app get none.
CREATE FUNCTION steward.notify_members(p_tenant uuid, p_users uuid[], p_kind text, p_title text, p_subject_type text, p_subject uuid) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, steward AS $f$
  INSERT INTO notifications (tenant_id, user_id, kind, title, subject_type, subject_id)
  SELECT p_tenant, m.user_id, p_kind, left(p_title, 300), p_subject_type, p_subject
  FROM memberships m
  WHERE m.tenant_id = p_tenant AND m.user_id = ANY(p_users)
    AND NOT EXISTS (SELECT 1 FROM notification_preferences p WHERE p.tenant_id = p_tenant AND p.user_id = m.user_id AND p.kind = p_kind AND NOT p.in_app);
  -- Members who asked for this kind by email get it through the mail outbox (its insert queues the SMTP send, in this transaction).
  INSERT INTO mail_outbox (tenant_id, kind, to_address, subject, text_body)
  SELECT p_tenant, 'notification.' || p_kind, u.email, left('Steward: ' || p_title, 300), p_title || E'\n\nOpen Steward to see it.'
  FROM memberships m JOIN users u ON u.id = m.user_id
  JOIN notification_preferences p ON p.tenant_id = p_tenant AND p.user_id = m.user_id AND p.kind = p_kind AND p.email
  WHERE m.tenant_id = p_tenant AND m.user_id = ANY(p_users)
$f$;
REVOKE ALL ON FUNCTION steward.notify_members(uuid, uuid[], text, text, text, uuid) FROM PUBLIC;

CREATE FUNCTION steward.notifications_from_steps() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, steward AS $f$
DECLARE r record;
BEGIN
  IF NEW.status = 'pending' AND (TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM 'pending') AND cardinality(NEW.eligible_ids) > 0 THEN
    SELECT title INTO r FROM approval_requests WHERE id = NEW.request_id;
    PERFORM steward.notify_members(NEW.tenant_id, NEW.eligible_ids, 'approval.assigned', 'Your decision is asked: ' || coalesce(r.title, 'an approval request'),
      'ApprovalRequest', NEW.request_id);
  END IF;
  RETURN NULL;
END $f$;
CREATE TRIGGER notifications_from_steps AFTER INSERT OR UPDATE OF status, eligible_ids ON approval_steps FOR EACH ROW EXECUTE FUNCTION steward.notifications_from_steps();

CREATE FUNCTION steward.notifications_from_events() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, steward AS $f$
DECLARE
  agent uuid := nullif(NEW.payload->>'agentId', '')::uuid;
  owner uuid;
  people uuid[];
BEGIN
  IF NEW.type NOT IN ('alert.raised', 'violation.opened') THEN RETURN NULL; END IF;
  IF agent IS NOT NULL THEN SELECT created_by_id INTO owner FROM agents WHERE id = agent AND tenant_id = NEW.tenant_id; END IF;
  IF owner IS NOT NULL THEN
    people := ARRAY[owner];
  ELSIF NEW.type = 'alert.raised' THEN
    SELECT array_agg(user_id) INTO people FROM memberships WHERE tenant_id = NEW.tenant_id AND role = 'admin';
  END IF;
  IF people IS NULL THEN RETURN NULL; END IF;
  PERFORM steward.notify_members(NEW.tenant_id, people, NEW.type,
    CASE NEW.type WHEN 'alert.raised' THEN 'Alert: ' ELSE 'Violation on ' || coalesce(NEW.payload->>'agentName', 'an agent') || ': ' END || coalesce(NEW.payload->>'message', ''),
    NEW.subject_type, NEW.subject_id);
  RETURN NULL;
END $f$;
CREATE TRIGGER notifications_from_events AFTER INSERT ON domain_events FOR EACH ROW EXECUTE FUNCTION steward.notifications_from_events();
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP TRIGGER IF EXISTS notifications_from_events ON domain_events;
DROP TRIGGER IF EXISTS notifications_from_steps ON approval_steps;
DROP FUNCTION IF EXISTS steward.notifications_from_events(), steward.notifications_from_steps(), steward.notify_members(uuid, uuid[], text, text, text, uuid);
DROP TABLE IF EXISTS notification_preferences, notifications;`);
  }
}
