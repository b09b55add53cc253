import { MigrationInterface, QueryRunner } from 'typeorm';
import { JOB } from '../../jobs/job-names';

/**
 * Policy re-evaluations run on the job queue: a run is queued in the transaction that asks for it
 * (a policy change or "re-evaluate now"), so it exists exactly when that change committed, survives
 * restarts, and resumes after its last committed batch.
 */
export class PolicyReevaluationJobs1764800000000 implements MigrationInterface {
  name = 'PolicyReevaluationJobs1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
ALTER TABLE policy_evaluation_runs DROP CONSTRAINT policy_evaluation_runs_status_check;
UPDATE policy_evaluation_runs SET status = 'failed', failure = 'Abandoned: the process running it stopped', finished_at = now() WHERE status = 'running';
ALTER TABLE policy_evaluation_runs
  ADD CONSTRAINT policy_evaluation_runs_status_check CHECK (status IN ('queued','running','succeeded','failed','cancelled')),
  ALTER COLUMN status SET DEFAULT 'queued',
  ADD COLUMN resume_after_agent_id uuid;
-- One queued or running run per policy at a time.
CREATE UNIQUE INDEX policy_evaluation_runs_one_active ON policy_evaluation_runs (tenant_id, policy_id) WHERE status IN ('queued','running');

-- Queues a run of the caller's own tenant, in the caller's transaction.
CREATE FUNCTION steward.enqueue_policy_reevaluation(run uuid) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, steward AS $f$
DECLARE tenant uuid := steward.current_tenant();
BEGIN
  IF tenant IS NULL OR NOT EXISTS (SELECT 1 FROM policy_evaluation_runs WHERE id = run AND tenant_id = tenant) THEN
    RAISE EXCEPTION 'no such evaluation run in this tenant';
  END IF;
  PERFORM graphile_worker.add_job('${JOB.policyReevaluate}', json_build_object('tenantId', tenant, 'runId', run),
    job_key := '${JOB.policyReevaluate}:' || run, max_attempts := 5);
END $f$;
REVOKE ALL ON FUNCTION steward.enqueue_policy_reevaluation(uuid) FROM PUBLIC;

-- The job queue's schema now always exists (migrations install it), and the task's name comes from jobs/job-names.ts.
CREATE OR REPLACE FUNCTION steward.enqueue_budget_check() RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, steward AS $f$
DECLARE tenant uuid := steward.current_tenant();
BEGIN
  IF tenant IS NULL THEN RETURN; END IF;
  PERFORM graphile_worker.add_job('${JOB.budgetCheck}', json_build_object('tenantId', tenant),
    run_at := now() + interval '2 seconds', job_key := '${JOB.budgetCheck}:' || tenant, job_key_mode := 'preserve_run_at');
END $f$;
GRANT EXECUTE ON FUNCTION steward.enqueue_policy_reevaluation(uuid) TO steward_app;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE OR REPLACE FUNCTION steward.enqueue_budget_check() RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, steward AS $f$
DECLARE tenant uuid := steward.current_tenant();
BEGIN
  IF tenant IS NULL OR to_regnamespace('graphile_worker') IS NULL THEN RETURN; END IF;
  PERFORM graphile_worker.add_job('budgets:check', json_build_object('tenantId', tenant),
    run_at := now() + interval '2 seconds', job_key := 'budgets:check:' || tenant, job_key_mode := 'preserve_run_at');
END $f$;
DROP FUNCTION IF EXISTS steward.enqueue_policy_reevaluation(uuid);
DROP INDEX IF EXISTS policy_evaluation_runs_one_active;
UPDATE policy_evaluation_runs SET status = 'failed' WHERE status IN ('queued','cancelled');
ALTER TABLE policy_evaluation_runs DROP CONSTRAINT policy_evaluation_runs_status_check, DROP COLUMN resume_after_agent_id,
  ALTER COLUMN status SET DEFAULT 'running',
  ADD CONSTRAINT policy_evaluation_runs_status_check CHECK (status IN ('running','succeeded','failed'));`);
  }
}
