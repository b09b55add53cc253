import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Trials run out: the trial-expiry job warns a tenant's admins with an alert a few days ahead, then
 * makes the tenant read-only (`read_only_since`) when its trial ends. A read-only tenant's members and
 * keys can read but change nothing until a platform admin moves it to a paid plan or extends the
 * trial, both of which clear it. Alerts gain the source `plan`.
 */
export class TrialExpiry17670000000000 implements MigrationInterface {
  name = 'TrialExpiry17670000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
ALTER TABLE tenants ADD COLUMN read_only_since timestamptz;

DO $d$ DECLARE def text; BEGIN
  SELECT pg_get_constraintdef(oid) INTO def FROM pg_constraint WHERE conrelid = 'alerts'::regclass AND conname = 'alerts_source_check';
  IF def IS NOT NULL THEN
    ALTER TABLE alerts DROP CONSTRAINT alerts_source_check;
    EXECUTE 'ALTER TABLE alerts ADD CONSTRAINT alerts_source_check CHECK (source = ''plan'' OR ' || substr(def, 7) || ')';
  END IF;
END $d$;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DELETE FROM alerts WHERE source = 'plan';
ALTER TABLE tenants DROP COLUMN read_only_since;
`);
  }
}
