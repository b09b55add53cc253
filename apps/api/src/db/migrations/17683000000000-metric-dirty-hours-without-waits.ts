import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Marking an hour dirty no longer waits for the rollup job. With (tenant_id, hour) unique, a batch's
 * `INSERT … ON CONFLICT DO NOTHING` of an hour the running rollup job had just taken (deleted, not yet
 * committed) waited for that job's whole transaction: under sustained ingestion a batch waited up to the
 * statement timeout and failed. An hour may now be marked more than once; the job takes every mark of
 * the hours it rolls up, and a mark written after its snapshot stays for its next run (the points it
 * stands for were not in this run's rollup).
 */
export class MetricDirtyHoursWithoutWaits17683000000000 implements MigrationInterface {
  name = 'MetricDirtyHoursWithoutWaits17683000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
ALTER TABLE metric_rollup_dirty DROP CONSTRAINT metric_rollup_dirty_pkey;
CREATE INDEX metric_rollup_dirty_hours ON metric_rollup_dirty (tenant_id, hour);`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP INDEX metric_rollup_dirty_hours;
DELETE FROM metric_rollup_dirty d USING metric_rollup_dirty e
  WHERE d.tenant_id = e.tenant_id AND d.hour = e.hour AND d.ctid > e.ctid;
ALTER TABLE metric_rollup_dirty ADD PRIMARY KEY (tenant_id, hour);`);
  }
}
