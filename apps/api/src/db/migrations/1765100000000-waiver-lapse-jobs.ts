import { MigrationInterface, QueryRunner } from 'typeorm';
import { JOB } from '../../jobs/job-names';

/**
 * A waiver with an expiry queues a job for that moment, which re-opens what it exempted and brings
 * the agent's compliance up to date. Waivers granted before this migration are queued here.
 */
export class WaiverLapseJobs1765100000000 implements MigrationInterface {
  name = 'WaiverLapseJobs1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
-- Queues the lapse of a waiver of the caller's own tenant, in the caller's transaction; a later waiver replaces it.
CREATE FUNCTION steward.enqueue_waiver_lapse(violation uuid, at timestamptz) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, steward AS $f$
DECLARE tenant uuid := steward.current_tenant();
BEGIN
  IF tenant IS NULL OR NOT EXISTS (SELECT 1 FROM policy_violations WHERE id = violation AND tenant_id = tenant) THEN
    RAISE EXCEPTION 'no such policy violation in this tenant';
  END IF;
  PERFORM graphile_worker.add_job('${JOB.waiverLapse}', json_build_object('tenantId', tenant, 'violationId', violation),
    run_at := at, job_key := '${JOB.waiverLapse}:' || violation, job_key_mode := 'replace', max_attempts := 5);
END $f$;
REVOKE ALL ON FUNCTION steward.enqueue_waiver_lapse(uuid, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION steward.enqueue_waiver_lapse(uuid, timestamptz) TO steward_app;

SELECT graphile_worker.add_job('${JOB.waiverLapse}', json_build_object('tenantId', tenant_id, 'violationId', id),
  run_at := greatest(waiver_expires_at, now()), job_key := '${JOB.waiverLapse}:' || id, job_key_mode := 'replace', max_attempts := 5)
FROM policy_violations WHERE status = 'waived' AND waiver_expires_at IS NOT NULL;`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS steward.enqueue_waiver_lapse(uuid, timestamptz);
SELECT graphile_worker.remove_job(key) FROM graphile_worker.jobs WHERE task_identifier = '${JOB.waiverLapse}';`);
  }
}
