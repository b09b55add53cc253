import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Metric retention limits come from the plans table: `metric_retention_days` bounds raw points (and minute
 * rollups), and two new columns bound hourly and daily rollups. Until now the metrics module kept its own
 * table of limits keyed by the old plan codes, so trial and professional tenants got the starter limits.
 * Compliance metrics keep their daily rollups 7 years on every plan (not a plan limit).
 */
export class MetricRetentionPlans17666000000000 implements MigrationInterface {
  name = 'MetricRetentionPlans17666000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
ALTER TABLE plans
  ADD COLUMN metric_hour_retention_days int NOT NULL DEFAULT 365 CHECK (metric_hour_retention_days > 0),
  ADD COLUMN metric_day_retention_days int NOT NULL DEFAULT 1095 CHECK (metric_day_retention_days > 0);
UPDATE plans SET metric_hour_retention_days = v.hour_days, metric_day_retention_days = v.day_days
FROM (VALUES ('trial', 30, 365), ('starter', 90, 365), ('professional', 365, 1095), ('enterprise', 730, 2557)) v(code, hour_days, day_days)
WHERE plans.code = v.code;
ALTER TABLE plans ADD CONSTRAINT plans_metric_tiers_ordered
  CHECK (metric_retention_days <= metric_hour_retention_days AND metric_hour_retention_days <= metric_day_retention_days);
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
ALTER TABLE plans DROP CONSTRAINT plans_metric_tiers_ordered, DROP COLUMN metric_hour_retention_days, DROP COLUMN metric_day_retention_days;
`);
  }
}
