import { MigrationInterface, QueryRunner } from 'typeorm';
import { JOB } from '../../jobs/job-names';

/**
 * EVENT workflows start from the domain event outbox (domain_events): an event of a type some active
 * workflow of its tenant listens for queues one `workflows:event` job in the event's own transaction, so
 * the job exists exactly when the event committed; the job starts each listening workflow once per event
 * (the execution's trigger key is the event's id). A deploy request, which changes no row by itself, is
 * written to the outbox by `steward.events_from_deploy_requests`, called by the agents module.
 */
export class WorkflowEventTriggers17667000100000 implements MigrationInterface {
  name = 'WorkflowEventTriggers17667000100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE FUNCTION steward.events_from_deploy_requests(p_agent uuid) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, steward AS $f$
DECLARE a record;
BEGIN
  SELECT id, tenant_id, name, status INTO a FROM agents WHERE id = p_agent AND tenant_id = steward.current_tenant();
  IF NOT FOUND THEN RAISE EXCEPTION 'no such agent in this tenant'; END IF;
  PERFORM steward.emit_event(a.tenant_id, 'agent.deploy.requested', 'Agent', a.id, jsonb_build_object('name', a.name, 'status', a.status));
END $f$;
REVOKE ALL ON FUNCTION steward.events_from_deploy_requests(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION steward.events_from_deploy_requests(uuid) TO steward_app;

CREATE FUNCTION steward.workflow_event_fanout() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, steward AS $f$
BEGIN
  -- A cancelled request was not decided: approval.decided starts workflows for approved, rejected and expired ones.
  IF NEW.type = 'approval.decided' AND NEW.payload->>'status' = 'cancelled' THEN RETURN NULL; END IF;
  IF to_regnamespace('graphile_worker') IS NULL THEN RETURN NULL; END IF;
  IF EXISTS (SELECT 1 FROM workflows w WHERE w.tenant_id = NEW.tenant_id AND w.active AND w.trigger_kind = 'event' AND w.trigger_event = NEW.type) THEN
    PERFORM graphile_worker.add_job('${JOB.workflowEvent}', json_build_object('tenantId', NEW.tenant_id, 'eventId', NEW.id),
      job_key := '${JOB.workflowEvent}:' || NEW.id, max_attempts := 25);
  END IF;
  RETURN NULL;
END $f$;
CREATE TRIGGER workflow_event_fanout AFTER INSERT ON domain_events FOR EACH ROW EXECUTE FUNCTION steward.workflow_event_fanout();
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS workflow_event_fanout ON domain_events;
DROP FUNCTION IF EXISTS steward.workflow_event_fanout(), steward.events_from_deploy_requests(uuid);`);
  }
}
