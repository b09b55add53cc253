import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The blind index of HR records' subjects (modules/hr-records/hr-record.index.ts): a keyed hash of the normalised email
 * (btree within the tenant) and the keyed hashes of the full name and its words (GIN; each hash is bound to its tenant
 * by the HMAC, and lookups filter by tenant too), so a person's records are one indexed lookup. The GIN index takes
 * entries at once (fastupdate off): HR records are written rarely, and a pending list of unmerged entries makes the planner
 * price the index above a sequential scan of the table until a vacuum merges it.
 * The hashes need the data keys, which migrations do not have: existing rows keep NULL ("not indexed yet") until the API
 * indexes them at startup (indexHrRecordSubjects, before it serves) or `data-keys:rotate` does; until then lookups open
 * those rows, and only those, to compare. RLS is unchanged (the table's tenant_isolation policy covers the new columns).
 */
export class HrSubjectIndex17697400000000 implements MigrationInterface {
  name = 'HrSubjectIndex17697400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
ALTER TABLE hr_records ADD COLUMN subject_email_index text, ADD COLUMN subject_name_index text[];
CREATE INDEX hr_records_subject_email_index ON hr_records (tenant_id, subject_email_index);
CREATE INDEX hr_records_subject_name_index ON hr_records USING gin (subject_name_index) WITH (fastupdate = off);`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE hr_records DROP COLUMN subject_email_index, DROP COLUMN subject_name_index;`);
  }
}
