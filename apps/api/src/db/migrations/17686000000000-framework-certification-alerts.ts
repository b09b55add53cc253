import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A framework's certification expiry raises one alert ahead of time, as evidence renewal does: the sweep job marks
 * the framework when it alerts, and a new expiry date clears the mark so the next one is announced too.
 */
export class FrameworkCertificationAlerts17686000000000 implements MigrationInterface {
  name = 'FrameworkCertificationAlerts17686000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE compliance_frameworks ADD COLUMN expiry_alerted_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE compliance_frameworks DROP COLUMN expiry_alerted_at`);
  }
}
