import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Triggers that fire: an execution records what started it, and a key per occurrence (the schedule's
 * minute, the webhook's delivery id, the event's occurrence) so an occurrence starts one execution
 * however often it is delivered.
 */
export class WorkflowTriggers17657000100000 implements MigrationInterface {
  name = 'WorkflowTriggers17657000100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
ALTER TABLE workflow_executions
  ADD COLUMN trigger_kind text NOT NULL DEFAULT 'manual' CHECK (trigger_kind IN ('manual','schedule','webhook','event')),
  ADD COLUMN trigger_key text CHECK (length(trigger_key) BETWEEN 1 AND 300);
CREATE UNIQUE INDEX workflow_executions_trigger_key ON workflow_executions (tenant_id, workflow_id, trigger_key) WHERE trigger_key IS NOT NULL;
CREATE INDEX workflows_triggered ON workflows (trigger_kind, tenant_id) WHERE active AND trigger_kind IN ('schedule','event');
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS workflows_triggered;
ALTER TABLE workflow_executions DROP COLUMN IF EXISTS trigger_key, DROP COLUMN IF EXISTS trigger_kind;`);
  }
}
