import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every decision and comment on an approval request reaches live views through the domain event outbox
 * (migration 17662000000000), so "1 of 3 so far" and the request page's discussion change for everyone watching:
 * - `approval.decision.recorded`: a decision that left its step open (progress). It is checked at commit (a
 *   deferred constraint trigger): a decision that closed the step is announced once, by the
 *   `approval.step.opened` or `approval.decided` its closing wrote, not twice in the same transaction.
 * - `approval.comment.added`: a comment was written. Neither payload carries the comment's text.
 */
export class ApprovalProgressEvents17697600000000 implements MigrationInterface {
  name = 'ApprovalProgressEvents17697600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE FUNCTION steward.events_from_approval_decisions() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, steward AS $f$
DECLARE s record; r record; c record;
BEGIN
  SELECT name, status INTO s FROM approval_steps WHERE id = NEW.step_id AND tenant_id = NEW.tenant_id;
  IF s.status IS DISTINCT FROM 'pending' THEN RETURN NULL; END IF;
  SELECT kind, title INTO r FROM approval_requests WHERE id = NEW.request_id AND tenant_id = NEW.tenant_id;
  SELECT count(*) FILTER (WHERE value = 'approve')::int AS approvals, count(*) FILTER (WHERE value = 'reject')::int AS rejections INTO c
    FROM approval_decisions WHERE tenant_id = NEW.tenant_id AND step_id = NEW.step_id;
  PERFORM steward.emit_event(NEW.tenant_id, 'approval.decision.recorded', 'ApprovalRequest', NEW.request_id,
    jsonb_build_object('kind', r.kind, 'title', r.title, 'level', NEW.level, 'step', s.name, 'decision', NEW.value,
      'approvals', c.approvals, 'rejections', c.rejections));
  RETURN NULL;
END $f$;
CREATE CONSTRAINT TRIGGER domain_events AFTER INSERT ON approval_decisions DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION steward.events_from_approval_decisions();

CREATE FUNCTION steward.events_from_approval_comments() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, steward AS $f$
DECLARE r record;
BEGIN
  SELECT kind, title INTO r FROM approval_requests WHERE id = NEW.request_id AND tenant_id = NEW.tenant_id;
  PERFORM steward.emit_event(NEW.tenant_id, 'approval.comment.added', 'ApprovalRequest', NEW.request_id,
    jsonb_build_object('kind', r.kind, 'title', r.title, 'commentId', NEW.id));
  RETURN NULL;
END $f$;
CREATE TRIGGER domain_events AFTER INSERT ON approval_comments FOR EACH ROW EXECUTE FUNCTION steward.events_from_approval_comments();
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP TRIGGER IF EXISTS domain_events ON approval_comments;
DROP FUNCTION IF EXISTS steward.events_from_approval_comments();
DROP TRIGGER IF EXISTS domain_events ON approval_decisions;
DROP FUNCTION IF EXISTS steward.events_from_approval_decisions();`);
  }
}
