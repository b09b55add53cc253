import { MigrationInterface, QueryRunner } from 'typeorm';
import { JOB } from '../../jobs/job-names';

/**
 * GDPR subject access: everything Steward holds about a person in a tenant, as a zip of JSON built by a job
 * (queued in the transaction that asks), downloadable once by whoever asked (the content is dropped on download).
 */
export class PersonalDataExports17685100000000 implements MigrationInterface {
  name = 'PersonalDataExports17685100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE personal_data_exports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  subject_user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  requested_by_id uuid REFERENCES users(id) ON DELETE SET NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','running','ready','downloaded','failed')),
  progress int NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  content bytea,
  size_bytes bigint,
  sha256 text,
  error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  downloaded_at timestamptz
);
CREATE INDEX personal_data_exports_tenant_created ON personal_data_exports (tenant_id, created_at DESC, id DESC);
ALTER TABLE personal_data_exports ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON personal_data_exports USING (tenant_id = steward.current_tenant());
GRANT SELECT, INSERT, UPDATE ON personal_data_exports TO steward_app;

CREATE FUNCTION steward.enqueue_personal_data_export(export uuid) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, steward AS $f$
DECLARE tenant uuid := steward.current_tenant();
BEGIN
  IF tenant IS NULL OR NOT EXISTS (SELECT 1 FROM personal_data_exports WHERE id = export AND tenant_id = tenant) THEN
    RAISE EXCEPTION 'no such personal data export in this tenant';
  END IF;
  PERFORM graphile_worker.add_job('${JOB.personalDataExport}', json_build_object('tenantId', tenant, 'exportId', export),
    job_key := '${JOB.personalDataExport}:' || export, max_attempts := 3);
END $f$;
REVOKE ALL ON FUNCTION steward.enqueue_personal_data_export(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION steward.enqueue_personal_data_export(uuid) TO steward_app;`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS steward.enqueue_personal_data_export(uuid); DROP TABLE personal_data_exports;`);
  }
}
