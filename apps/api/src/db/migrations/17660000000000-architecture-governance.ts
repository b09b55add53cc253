import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Architecture governance, completed: a design change held by a policy in REQUIRE_APPROVAL mode waits on
 * an approval request of its own kind; a violation remembers the design version it was seen on, so a
 * waiver exempts that version only; re-evaluating an architecture policy walks designs in batches and
 * resumes after the last design it committed.
 */
export class ArchitectureGovernance17660000000000 implements MigrationInterface {
  name = 'ArchitectureGovernance17660000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
ALTER TABLE approval_requests DROP CONSTRAINT approval_requests_kind_check;
ALTER TABLE approval_requests ADD CONSTRAINT approval_requests_kind_check
  CHECK (kind IN ('agent_change','policy_change','architecture_change','workflow','manual'));
ALTER TABLE policy_violations ADD COLUMN architecture_version int CHECK (architecture_version >= 1);
-- Violations so far were seen on the version their design has now.
UPDATE policy_violations v SET architecture_version = a.version FROM architectures a
 WHERE v.architecture_id IS NOT NULL AND a.tenant_id = v.tenant_id AND a.id = v.architecture_id;
ALTER TABLE policy_evaluation_runs ADD COLUMN resume_after_architecture_id uuid;`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
ALTER TABLE policy_evaluation_runs DROP COLUMN resume_after_architecture_id;
ALTER TABLE policy_violations DROP COLUMN architecture_version;
DELETE FROM approval_requests WHERE kind = 'architecture_change';
ALTER TABLE approval_requests DROP CONSTRAINT approval_requests_kind_check;
ALTER TABLE approval_requests ADD CONSTRAINT approval_requests_kind_check CHECK (kind IN ('agent_change','policy_change','workflow','manual'));`);
  }
}
