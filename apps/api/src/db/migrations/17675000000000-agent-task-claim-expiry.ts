import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An AI agent task waits to be claimed for at most its node's claimTimeoutSeconds (a day by default): a task nobody
 * claimed in time ends `expired`, and its execution takes the node's "expired" edge or fails. Tasks already pending keep no
 * deadline (claim_deadline NULL): they wait as they did.
 */
export class AgentTaskClaimExpiry17675000000000 implements MigrationInterface {
  name = 'AgentTaskClaimExpiry17675000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
ALTER TABLE agent_tasks ADD COLUMN claim_deadline timestamptz;
ALTER TABLE agent_tasks DROP CONSTRAINT agent_tasks_status_check;
ALTER TABLE agent_tasks ADD CONSTRAINT agent_tasks_status_check
  CHECK (status IN ('pending','running','succeeded','failed','timed_out','cancelled','expired'));`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
UPDATE agent_tasks SET status = 'timed_out' WHERE status = 'expired';
ALTER TABLE agent_tasks DROP COLUMN claim_deadline;
ALTER TABLE agent_tasks DROP CONSTRAINT agent_tasks_status_check;
ALTER TABLE agent_tasks ADD CONSTRAINT agent_tasks_status_check
  CHECK (status IN ('pending','running','succeeded','failed','timed_out','cancelled'));`);
  }
}
