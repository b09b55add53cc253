import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Re-evaluation runs announce themselves through the domain event outbox (migration 17662000000000):
 * one event when a run is queued, and one each time its row changes where it stands (a batch
 * committed, the run started, finished, failed or was cancelled), in the transaction that changed it.
 * Live progress bars follow these over LISTEN/NOTIFY like every other live update, whichever API
 * process runs the job.
 */
export class EvaluationRunEvents17689000000000 implements MigrationInterface {
  name = 'EvaluationRunEvents17689000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE FUNCTION steward.events_from_policy_evaluation_runs() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, steward AS $f$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM steward.emit_event(NEW.tenant_id, 'policy.reevaluation.queued', 'PolicyEvaluationRun', NEW.id,
      jsonb_build_object('policyId', NEW.policy_id, 'policyVersion', NEW.policy_version, 'total', NEW.total));
  ELSIF (NEW.status, NEW.processed, NEW.total, NEW.violations_found) IS DISTINCT FROM (OLD.status, OLD.processed, OLD.total, OLD.violations_found) THEN
    PERFORM steward.emit_event(NEW.tenant_id, 'policy.reevaluation.progressed', 'PolicyEvaluationRun', NEW.id,
      jsonb_build_object('policyId', NEW.policy_id, 'status', NEW.status, 'processed', NEW.processed, 'total', NEW.total,
        'violationsFound', NEW.violations_found));
  END IF;
  RETURN NULL;
END $f$;
CREATE TRIGGER domain_events AFTER INSERT OR UPDATE OF status, processed, total, violations_found ON policy_evaluation_runs
  FOR EACH ROW EXECUTE FUNCTION steward.events_from_policy_evaluation_runs();
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP TRIGGER IF EXISTS domain_events ON policy_evaluation_runs;
DROP FUNCTION IF EXISTS steward.events_from_policy_evaluation_runs();`);
  }
}
