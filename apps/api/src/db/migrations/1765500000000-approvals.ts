import { MigrationInterface, QueryRunner } from 'typeorm';
import { JOB } from '../../jobs/job-names';

/**
 * Approval requests with ordered steps, append-only decisions and comments, and a fourth policy
 * enforcement, require_approval: a violating agent change is held on a request until it is decided.
 * A step's deadline queues a job for that moment (escalation or the default decision).
 */
export class Approvals1765500000000 implements MigrationInterface {
  name = 'Approvals1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
ALTER TABLE policies DROP CONSTRAINT IF EXISTS policies_enforcement_check;
ALTER TABLE policies ADD CONSTRAINT policies_enforcement_check CHECK (enforcement IN ('audit','warn','block','require_approval'));
ALTER TABLE policy_violations DROP CONSTRAINT IF EXISTS policy_violations_enforcement_check;
ALTER TABLE policy_violations ADD CONSTRAINT policy_violations_enforcement_check CHECK (enforcement IN ('audit','warn','block','require_approval'));
ALTER TABLE policy_decisions DROP CONSTRAINT IF EXISTS policy_decisions_action_taken_check;
ALTER TABLE policy_decisions ADD CONSTRAINT policy_decisions_action_taken_check
  CHECK (action_taken IN ('none','recorded','warned','blocked','waived','held','approved'));

CREATE TABLE approval_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('agent_change','policy_change','workflow','manual')),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  summary text NOT NULL DEFAULT '' CHECK (length(summary) <= 2000),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','approved','rejected','expired','cancelled')),
  current_level int,
  deadline timestamptz,
  form_fields jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(form_fields) = 'array'),
  subject_id uuid,
  held_change jsonb,
  change_status text CHECK (change_status IN ('held','applied','refused','discarded')),
  change_message text CHECK (length(change_message) <= 2000),
  change_applied_at timestamptz,
  findings jsonb NOT NULL DEFAULT '[]',
  requested_by_id uuid REFERENCES users(id),
  requested_by_api_key_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  decided_at timestamptz,
  CHECK ((held_change IS NULL) = (change_status IS NULL)),
  CHECK ((status = 'pending') = (decided_at IS NULL))
);
CREATE INDEX approval_requests_tenant_created ON approval_requests (tenant_id, created_at DESC, id DESC);
CREATE INDEX approval_requests_tenant_pending ON approval_requests (tenant_id, deadline) WHERE status = 'pending';
-- One held change per agent or policy at a time: a second attempt while the first waits is a conflict.
CREATE UNIQUE INDEX approval_requests_one_held ON approval_requests (tenant_id, subject_id) WHERE change_status = 'held';

CREATE TABLE approval_steps (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  request_id uuid NOT NULL REFERENCES approval_requests(id) ON DELETE CASCADE,
  level int NOT NULL CHECK (level >= 1),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  mode text NOT NULL CHECK (mode IN ('single','any_n','unanimous','majority')),
  required_count int CHECK (required_count >= 1),
  deciders jsonb NOT NULL CHECK (jsonb_typeof(deciders) = 'array'),
  eligible_ids uuid[] NOT NULL DEFAULT '{}',
  status text NOT NULL CHECK (status IN ('waiting','pending','approved','rejected','escalated','expired','skipped')),
  timeout_seconds int CHECK (timeout_seconds > 0),
  on_timeout text NOT NULL DEFAULT 'expire' CHECK (on_timeout IN ('escalate','approve','reject','expire')),
  opened_at timestamptz,
  deadline timestamptz,
  closed_at timestamptz
);
CREATE UNIQUE INDEX approval_steps_level ON approval_steps (tenant_id, request_id, level);
CREATE INDEX approval_steps_eligible ON approval_steps USING gin (eligible_ids) WHERE status = 'pending';

CREATE TABLE approval_decisions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  request_id uuid NOT NULL REFERENCES approval_requests(id) ON DELETE CASCADE,
  step_id uuid NOT NULL REFERENCES approval_steps(id) ON DELETE CASCADE,
  level int NOT NULL,
  decider_id uuid REFERENCES users(id),
  value text NOT NULL CHECK (value IN ('approve','reject')),
  comment text NOT NULL DEFAULT '' CHECK (length(comment) <= 2000),
  form_values jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(form_values) = 'object'),
  created_at timestamptz NOT NULL DEFAULT now()
);
-- A decision is final: one per person and step, and the API may neither change nor delete it (grants below).
CREATE UNIQUE INDEX approval_decisions_once ON approval_decisions (tenant_id, step_id, decider_id);
CREATE INDEX approval_decisions_request ON approval_decisions (tenant_id, request_id, created_at);

CREATE TABLE approval_comments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  request_id uuid NOT NULL REFERENCES approval_requests(id) ON DELETE CASCADE,
  author_id uuid REFERENCES users(id),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX approval_comments_request ON approval_comments (tenant_id, request_id, created_at);

ALTER TABLE approval_requests ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON approval_requests USING (tenant_id = steward.current_tenant());
ALTER TABLE approval_steps ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON approval_steps USING (tenant_id = steward.current_tenant());
ALTER TABLE approval_decisions ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON approval_decisions USING (tenant_id = steward.current_tenant());
ALTER TABLE approval_comments ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON approval_comments USING (tenant_id = steward.current_tenant());
GRANT SELECT, INSERT, UPDATE ON approval_requests, approval_steps TO steward_app;
GRANT SELECT, INSERT ON approval_decisions, approval_comments TO steward_app;

-- Queues the deadline of a step of the caller's own tenant, in the caller's transaction; a later deadline replaces it.
-- A no-op where the job queue was never started (STEWARD_JOBS=off, tests call the task themselves).
CREATE FUNCTION steward.enqueue_approval_deadline(request uuid, at timestamptz) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, steward AS $f$
DECLARE tenant uuid := steward.current_tenant();
BEGIN
  IF tenant IS NULL OR NOT EXISTS (SELECT 1 FROM approval_requests WHERE id = request AND tenant_id = tenant) THEN
    RAISE EXCEPTION 'no such approval request in this tenant';
  END IF;
  IF to_regnamespace('graphile_worker') IS NULL THEN RETURN; END IF;
  PERFORM graphile_worker.add_job('${JOB.approvalDeadline}', json_build_object('tenantId', tenant, 'requestId', request),
    run_at := at, job_key := '${JOB.approvalDeadline}:' || request, job_key_mode := 'replace', max_attempts := 5);
END $f$;
REVOKE ALL ON FUNCTION steward.enqueue_approval_deadline(uuid, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION steward.enqueue_approval_deadline(uuid, timestamptz) TO steward_app;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP FUNCTION IF EXISTS steward.enqueue_approval_deadline(uuid, timestamptz);
DROP TABLE IF EXISTS approval_comments, approval_decisions, approval_steps, approval_requests CASCADE;
UPDATE policies SET enforcement = 'block' WHERE enforcement = 'require_approval';
ALTER TABLE policies DROP CONSTRAINT IF EXISTS policies_enforcement_check;
ALTER TABLE policies ADD CONSTRAINT policies_enforcement_check CHECK (enforcement IN ('audit','warn','block'));`);
  }
}
