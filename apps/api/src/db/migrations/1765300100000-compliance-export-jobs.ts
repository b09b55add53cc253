import { MigrationInterface, QueryRunner } from 'typeorm';
import { JOB } from '../../jobs/job-names';

/** An auditor export is built by a job, queued in the transaction that asks for it. */
export class ComplianceExportJobs1765300100000 implements MigrationInterface {
  name = 'ComplianceExportJobs1765300100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE FUNCTION steward.enqueue_compliance_export(export uuid) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, steward AS $f$
DECLARE tenant uuid := steward.current_tenant();
BEGIN
  IF tenant IS NULL OR NOT EXISTS (SELECT 1 FROM compliance_exports WHERE id = export AND tenant_id = tenant) THEN
    RAISE EXCEPTION 'no such compliance export in this tenant';
  END IF;
  PERFORM graphile_worker.add_job('${JOB.complianceExport}', json_build_object('tenantId', tenant, 'exportId', export),
    job_key := '${JOB.complianceExport}:' || export, max_attempts := 3);
END $f$;
REVOKE ALL ON FUNCTION steward.enqueue_compliance_export(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION steward.enqueue_compliance_export(uuid) TO steward_app;`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS steward.enqueue_compliance_export(uuid);`);
  }
}
