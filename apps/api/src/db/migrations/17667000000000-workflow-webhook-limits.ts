import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A rate limit per workflow webhook: a token bucket per workflow (tokens refill at the configured rate
 * per minute, up to that many), kept in the database so every API process draws on the same bucket.
 */
export class WorkflowWebhookLimits17667000000000 implements MigrationInterface {
  name = 'WorkflowWebhookLimits17667000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE workflow_webhook_buckets (
  workflow_id uuid PRIMARY KEY REFERENCES workflows(id) ON DELETE CASCADE,
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  tokens double precision NOT NULL CHECK (tokens >= 0),
  refilled_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX workflow_webhook_buckets_tenant ON workflow_webhook_buckets (tenant_id);
ALTER TABLE workflow_webhook_buckets ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON workflow_webhook_buckets USING (tenant_id = steward.current_tenant());
GRANT SELECT, INSERT, UPDATE ON workflow_webhook_buckets TO steward_app;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS workflow_webhook_buckets;`);
  }
}
