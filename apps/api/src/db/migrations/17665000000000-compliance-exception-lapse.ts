import { MigrationInterface, QueryRunner } from 'typeorm';
import { JOB } from '../../jobs/job-names';

/**
 * A compliance exception lapses at its expiry: a job queued for that moment (in the granting transaction) marks it
 * lapsed, audits it and recomputes readiness, so the control's or requirement's stored status and the framework
 * scores change then, not at the next write or sweep. Exceptions granted before this migration are queued here.
 */
export class ComplianceExceptionLapse17665000000000 implements MigrationInterface {
  name = 'ComplianceExceptionLapse17665000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
-- When the lapse was recorded (by the job or the hourly sweep); null while it has not lapsed, or was revoked first.
ALTER TABLE compliance_exceptions ADD COLUMN lapsed_at timestamptz;
CREATE INDEX compliance_exceptions_due ON compliance_exceptions (tenant_id, expires_at) WHERE revoked_at IS NULL AND lapsed_at IS NULL;

-- Queues the lapse of an exception of the caller's own tenant, in the caller's transaction.
CREATE FUNCTION steward.enqueue_compliance_exception_lapse(exception uuid, at timestamptz) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, steward AS $f$
DECLARE tenant uuid := steward.current_tenant();
BEGIN
  IF tenant IS NULL OR NOT EXISTS (SELECT 1 FROM compliance_exceptions WHERE id = exception AND tenant_id = tenant) THEN
    RAISE EXCEPTION 'no such compliance exception in this tenant';
  END IF;
  PERFORM graphile_worker.add_job('${JOB.complianceExceptionLapse}', json_build_object('tenantId', tenant, 'exceptionId', exception),
    run_at := at, job_key := '${JOB.complianceExceptionLapse}:' || exception, job_key_mode := 'replace', max_attempts := 5);
END $f$;
REVOKE ALL ON FUNCTION steward.enqueue_compliance_exception_lapse(uuid, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION steward.enqueue_compliance_exception_lapse(uuid, timestamptz) TO steward_app;

SELECT graphile_worker.add_job('${JOB.complianceExceptionLapse}', json_build_object('tenantId', tenant_id, 'exceptionId', id),
  run_at := greatest(expires_at, now()), job_key := '${JOB.complianceExceptionLapse}:' || id, job_key_mode := 'replace', max_attempts := 5)
FROM compliance_exceptions WHERE revoked_at IS NULL;`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS steward.enqueue_compliance_exception_lapse(uuid, timestamptz);
SELECT graphile_worker.remove_job(key) FROM graphile_worker.jobs WHERE task_identifier = '${JOB.complianceExceptionLapse}';
DROP INDEX IF EXISTS compliance_exceptions_due;
ALTER TABLE compliance_exceptions DROP COLUMN IF EXISTS lapsed_at;`);
  }
}
