import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Domain events as an outbox: triggers on the tables whose changes matter write an event row in
 * the transaction of the change, so an event exists exactly when its change committed (a rollback
 * takes it away). Each insert also notifies channel `steward_events` with the tenant and event id;
 * PostgreSQL delivers a notification only at commit, so listeners in every API process hear of
 * committed events only. The types and their payloads are listed in modules/events/event-types.ts.
 */
export class DomainEvents17662000000000 implements MigrationInterface {
  name = 'DomainEvents17662000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE domain_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  type text NOT NULL CHECK (type ~ '^[a-z_]+(\\.[a-z_]+)+$'),
  schema_version int NOT NULL DEFAULT 1,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  actor_type text NOT NULL CHECK (actor_type IN ('user','api_key','system')),
  actor_user_id uuid,
  actor_api_key_id uuid,
  subject_type text NOT NULL,
  subject_id uuid,
  payload jsonb NOT NULL CHECK (jsonb_typeof(payload) = 'object')
);
CREATE INDEX domain_events_tenant_time ON domain_events (tenant_id, occurred_at DESC, id DESC);
CREATE INDEX domain_events_tenant_type_time ON domain_events (tenant_id, type, occurred_at DESC);
CREATE INDEX domain_events_tenant_subject ON domain_events (tenant_id, subject_id);
ALTER TABLE domain_events ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON domain_events USING (tenant_id = steward.current_tenant());
GRANT SELECT ON domain_events TO steward_app;

-- Runs as the owner: a change made for another tenant (a platform admin creating one) still records its event there.
CREATE FUNCTION steward.emit_event(p_tenant uuid, p_type text, p_subject_type text, p_subject uuid, p_payload jsonb) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, steward AS $f$
DECLARE
  key_id uuid := nullif(current_setting('app.api_key_id', true), '')::uuid;
  user_id uuid := steward.current_user_id();
  event_id uuid;
BEGIN
  -- A tenant being deleted takes its rows with it; nothing to announce.
  IF NOT EXISTS (SELECT 1 FROM tenants WHERE id = p_tenant) THEN RETURN; END IF;
  INSERT INTO domain_events (tenant_id, type, actor_type, actor_user_id, actor_api_key_id, subject_type, subject_id, payload)
  VALUES (p_tenant, p_type, CASE WHEN key_id IS NOT NULL THEN 'api_key' WHEN user_id IS NOT NULL THEN 'user' ELSE 'system' END,
          CASE WHEN key_id IS NULL THEN user_id END, key_id, p_subject_type, p_subject, p_payload)
  RETURNING id INTO event_id;
  PERFORM pg_notify('steward_events', p_tenant::text || ':' || event_id::text);
END $f$;
REVOKE ALL ON FUNCTION steward.emit_event(uuid, text, text, uuid, jsonb) FROM PUBLIC;

CREATE FUNCTION steward.events_from_agents() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, steward AS $f$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM steward.emit_event(NEW.tenant_id, 'agent.created', 'Agent', NEW.id, jsonb_build_object('name', NEW.name, 'status', NEW.status));
  ELSIF NEW.status IS DISTINCT FROM OLD.status THEN
    PERFORM steward.emit_event(NEW.tenant_id, 'agent.lifecycle.changed', 'Agent', NEW.id, jsonb_build_object('name', NEW.name, 'from', OLD.status, 'to', NEW.status));
  END IF;
  RETURN NULL;
END $f$;
CREATE TRIGGER domain_events AFTER INSERT OR UPDATE OF status ON agents FOR EACH ROW EXECUTE FUNCTION steward.events_from_agents();

CREATE FUNCTION steward.events_from_policy_decisions() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, steward AS $f$
DECLARE body jsonb := jsonb_build_object('policyId', NEW.policy_id, 'agentId', NEW.agent_id, 'agentName', NEW.agent_name, 'ruleName', NEW.rule_name, 'trigger', NEW.trigger);
BEGIN
  IF NEW.action_taken = 'warned' THEN
    PERFORM steward.emit_event(NEW.tenant_id, 'policy.decision.warned', 'PolicyDecision', NEW.id, body);
  ELSIF NEW.action_taken = 'blocked' THEN
    PERFORM steward.emit_event(NEW.tenant_id, 'policy.decision.blocked', 'PolicyDecision', NEW.id, body);
  END IF;
  RETURN NULL;
END $f$;
CREATE TRIGGER domain_events AFTER INSERT ON policy_decisions FOR EACH ROW EXECUTE FUNCTION steward.events_from_policy_decisions();

CREATE FUNCTION steward.events_from_policy_violations() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, steward AS $f$
DECLARE body jsonb := jsonb_build_object('policyId', NEW.policy_id, 'agentName', NEW.agent_name);
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM steward.emit_event(NEW.tenant_id, 'violation.opened', 'PolicyViolation', NEW.id, body || jsonb_build_object('agentId', NEW.agent_id,
      'severity', NEW.severity, 'enforcement', NEW.enforcement, 'status', NEW.status, 'message', NEW.message));
  ELSIF NEW.status IS DISTINCT FROM OLD.status THEN
    IF NEW.status = 'resolved' THEN
      PERFORM steward.emit_event(NEW.tenant_id, 'violation.resolved', 'PolicyViolation', NEW.id, body);
    ELSIF NEW.status = 'waived' THEN
      PERFORM steward.emit_event(NEW.tenant_id, 'violation.waived', 'PolicyViolation', NEW.id, body || jsonb_build_object('reason', NEW.waiver_reason, 'expiresAt', NEW.waiver_expires_at));
    ELSIF NEW.status = 'open' THEN
      PERFORM steward.emit_event(NEW.tenant_id, 'violation.reopened', 'PolicyViolation', NEW.id, body);
    END IF;
  END IF;
  RETURN NULL;
END $f$;
CREATE TRIGGER domain_events AFTER INSERT OR UPDATE OF status ON policy_violations FOR EACH ROW EXECUTE FUNCTION steward.events_from_policy_violations();

CREATE FUNCTION steward.events_from_alerts() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, steward AS $f$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM steward.emit_event(NEW.tenant_id, 'alert.raised', 'Alert', NEW.id, jsonb_build_object('source', NEW.source, 'severity', NEW.severity,
      'message', NEW.message, 'agentId', NEW.agent_id, 'budgetId', NEW.budget_id));
    IF NEW.source = 'budget' AND NEW.budget_id IS NOT NULL THEN
      PERFORM steward.emit_event(NEW.tenant_id, 'budget.threshold.crossed', 'Budget', NEW.budget_id, jsonb_build_object('alertId', NEW.id,
        'threshold', NEW.threshold, 'severity', NEW.severity, 'periodStart', NEW.period_start, 'spend', NEW.spend::text));
    END IF;
  ELSIF NEW.status IS DISTINCT FROM OLD.status THEN
    IF NEW.status = 'acknowledged' THEN
      PERFORM steward.emit_event(NEW.tenant_id, 'alert.acknowledged', 'Alert', NEW.id, jsonb_build_object('severity', NEW.severity, 'message', NEW.message));
    ELSIF NEW.status = 'resolved' THEN
      PERFORM steward.emit_event(NEW.tenant_id, 'alert.resolved', 'Alert', NEW.id, jsonb_build_object('severity', NEW.severity, 'message', NEW.message));
    END IF;
  END IF;
  RETURN NULL;
END $f$;
CREATE TRIGGER domain_events AFTER INSERT OR UPDATE OF status ON alerts FOR EACH ROW EXECUTE FUNCTION steward.events_from_alerts();

CREATE FUNCTION steward.events_from_approval_requests() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, steward AS $f$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM steward.emit_event(NEW.tenant_id, 'approval.requested', 'ApprovalRequest', NEW.id, jsonb_build_object('kind', NEW.kind, 'title', NEW.title, 'deadline', NEW.deadline));
  ELSIF OLD.status = 'pending' AND NEW.status <> 'pending' THEN
    PERFORM steward.emit_event(NEW.tenant_id, 'approval.decided', 'ApprovalRequest', NEW.id, jsonb_build_object('kind', NEW.kind, 'title', NEW.title, 'status', NEW.status));
  END IF;
  RETURN NULL;
END $f$;
CREATE TRIGGER domain_events AFTER INSERT OR UPDATE OF status ON approval_requests FOR EACH ROW EXECUTE FUNCTION steward.events_from_approval_requests();

CREATE FUNCTION steward.events_from_compliance_evidence() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, steward AS $f$
DECLARE body jsonb := jsonb_build_object('title', NEW.title, 'controlId', NEW.control_id, 'renewalDue', NEW.renewal_due);
BEGIN
  IF OLD.expiry_alerted_at IS NULL AND NEW.expiry_alerted_at IS NOT NULL THEN
    PERFORM steward.emit_event(NEW.tenant_id, 'evidence.expiring', 'ComplianceEvidence', NEW.id, body);
  END IF;
  IF NEW.status = 'expired' AND OLD.status IS DISTINCT FROM 'expired' THEN
    PERFORM steward.emit_event(NEW.tenant_id, 'evidence.expired', 'ComplianceEvidence', NEW.id, body);
  END IF;
  RETURN NULL;
END $f$;
CREATE TRIGGER domain_events AFTER UPDATE OF status, expiry_alerted_at ON compliance_evidence FOR EACH ROW EXECUTE FUNCTION steward.events_from_compliance_evidence();

CREATE FUNCTION steward.events_from_memberships() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, steward AS $f$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM steward.emit_event(NEW.tenant_id, 'member.added', 'User', NEW.user_id, jsonb_build_object('role', NEW.role));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM steward.emit_event(OLD.tenant_id, 'member.removed', 'User', OLD.user_id, jsonb_build_object('role', OLD.role));
  ELSIF NEW.role IS DISTINCT FROM OLD.role THEN
    PERFORM steward.emit_event(NEW.tenant_id, 'member.role.changed', 'User', NEW.user_id, jsonb_build_object('from', OLD.role, 'to', NEW.role));
  END IF;
  RETURN NULL;
END $f$;
CREATE TRIGGER domain_events AFTER INSERT OR DELETE OR UPDATE OF role ON memberships FOR EACH ROW EXECUTE FUNCTION steward.events_from_memberships();

CREATE FUNCTION steward.events_from_api_keys() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, steward AS $f$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM steward.emit_event(NEW.tenant_id, 'api_key.created', 'ApiKey', NEW.id, jsonb_build_object('name', NEW.name, 'role', NEW.role, 'prefix', NEW.prefix));
  ELSIF OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL THEN
    PERFORM steward.emit_event(NEW.tenant_id, 'api_key.revoked', 'ApiKey', NEW.id, jsonb_build_object('name', NEW.name));
  END IF;
  RETURN NULL;
END $f$;
CREATE TRIGGER domain_events AFTER INSERT OR UPDATE OF revoked_at ON api_keys FOR EACH ROW EXECUTE FUNCTION steward.events_from_api_keys();
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP TRIGGER IF EXISTS domain_events ON agents;
DROP TRIGGER IF EXISTS domain_events ON policy_decisions;
DROP TRIGGER IF EXISTS domain_events ON policy_violations;
DROP TRIGGER IF EXISTS domain_events ON alerts;
DROP TRIGGER IF EXISTS domain_events ON approval_requests;
DROP TRIGGER IF EXISTS domain_events ON compliance_evidence;
DROP TRIGGER IF EXISTS domain_events ON memberships;
DROP TRIGGER IF EXISTS domain_events ON api_keys;
DROP FUNCTION IF EXISTS steward.events_from_agents(), steward.events_from_policy_decisions(), steward.events_from_policy_violations(),
  steward.events_from_alerts(), steward.events_from_approval_requests(), steward.events_from_compliance_evidence(),
  steward.events_from_memberships(), steward.events_from_api_keys();
DROP FUNCTION IF EXISTS steward.emit_event(uuid, text, text, uuid, jsonb);
DROP TABLE IF EXISTS domain_events;`);
  }
}
