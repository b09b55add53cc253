import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A request passed on to its next step announces itself through the domain event outbox (migration
 * 17662000000000): `approval.step.opened` when a later step opens (its deciders are asked now; the first
 * step opens with `approval.requested`), in the transaction of the decision or deadline that closed the
 * step before. Live inboxes and the navigation's count place the request from it (the approvalRequestChanged
 * subscription reads it for each subscriber, with viewerCanDecide) instead of polling for it.
 */
export class ApprovalStepEvents17697200000000 implements MigrationInterface {
  name = 'ApprovalStepEvents17697200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE FUNCTION steward.events_from_approval_steps() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, steward AS $f$
DECLARE r record;
BEGIN
  IF NEW.status = 'pending' AND OLD.status = 'waiting' AND NEW.level > 1 THEN
    SELECT kind, title INTO r FROM approval_requests WHERE id = NEW.request_id AND tenant_id = NEW.tenant_id;
    PERFORM steward.emit_event(NEW.tenant_id, 'approval.step.opened', 'ApprovalRequest', NEW.request_id,
      jsonb_build_object('kind', r.kind, 'title', r.title, 'level', NEW.level, 'step', NEW.name, 'deadline', NEW.deadline));
  END IF;
  RETURN NULL;
END $f$;
CREATE TRIGGER domain_events AFTER UPDATE OF status ON approval_steps FOR EACH ROW EXECUTE FUNCTION steward.events_from_approval_steps();
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP TRIGGER IF EXISTS domain_events ON approval_steps;
DROP FUNCTION IF EXISTS steward.events_from_approval_steps();`);
  }
}
