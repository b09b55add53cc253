import { MigrationInterface, QueryRunner } from 'typeorm';
import { JOB } from '../../jobs/job-names';

/**
 * Compliance: frameworks with requirement trees, the tenant's controls mapped across frameworks (and
 * linked to governance policies for automated checks), evidence with its files and trail, exceptions,
 * compliance records and auditor exports. Readiness (control status, requirement status, framework
 * score) lives in columns that steward.compliance_refresh recomputes when what it depends on changes:
 * compliance writes call it in their transaction, and statement triggers on policy decisions and
 * violations queue a job that calls it, for tenants whose controls are linked to policies; reads never compute it.
 */
export class Compliance1765300000000 implements MigrationInterface {
  name = 'Compliance1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE compliance_frameworks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  version text NOT NULL DEFAULT '' CHECK (length(version) <= 60),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 4000),
  template_key text,
  enabled boolean NOT NULL DEFAULT true,
  certified_on date,
  expires_on date,
  auditor text CHECK (length(auditor) <= 200),
  score numeric(5,2),
  requirement_count int NOT NULL DEFAULT 0,
  applicable_count int NOT NULL DEFAULT 0,
  met_count int NOT NULL DEFAULT 0,
  last_assessed_at timestamptz,
  created_by_id uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX compliance_frameworks_name ON compliance_frameworks (tenant_id, lower(name));

CREATE TABLE compliance_requirements (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  framework_id uuid NOT NULL REFERENCES compliance_frameworks(id) ON DELETE CASCADE,
  parent_id uuid REFERENCES compliance_requirements(id) ON DELETE CASCADE,
  code text NOT NULL CHECK (length(code) BETWEEN 1 AND 40),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 1000),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 4000),
  depth int NOT NULL DEFAULT 0 CHECK (depth BETWEEN 0 AND 5),
  position int NOT NULL DEFAULT 0,
  -- Positions from the root down: ordering by it lists the tree parents first, siblings in order.
  path int[] NOT NULL DEFAULT '{}',
  weight numeric(6,2) NOT NULL DEFAULT 1 CHECK (weight > 0 AND weight <= 1000),
  evidence_required boolean NOT NULL DEFAULT false,
  applicable boolean NOT NULL DEFAULT true,
  not_applicable_reason text CHECK (length(not_applicable_reason) <= 1000),
  responsible_id uuid REFERENCES users(id) ON DELETE SET NULL,
  in_scope boolean NOT NULL DEFAULT true,
  status text NOT NULL DEFAULT 'not_met' CHECK (status IN ('met','not_met','not_applicable','exempted')),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (applicable OR not_applicable_reason IS NOT NULL)
);
CREATE UNIQUE INDEX compliance_requirements_code ON compliance_requirements (framework_id, code);
CREATE INDEX compliance_requirements_tree ON compliance_requirements (tenant_id, framework_id, path);
CREATE INDEX compliance_requirements_parent ON compliance_requirements (parent_id);

CREATE TABLE compliance_controls (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 160),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 4000),
  owner_id uuid REFERENCES users(id) ON DELETE SET NULL,
  review_frequency text NOT NULL DEFAULT 'quarterly' CHECK (review_frequency IN ('monthly','quarterly','semiannually','annually')),
  evidence_required boolean NOT NULL DEFAULT true,
  last_reviewed_at timestamptz,
  status text NOT NULL DEFAULT 'failing' CHECK (status IN ('passing','failing','exempted')),
  automated_passing boolean,
  evidence_passing boolean NOT NULL DEFAULT false,
  status_computed_at timestamptz,
  created_by_id uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX compliance_controls_name ON compliance_controls (tenant_id, lower(name));

CREATE TABLE compliance_control_requirements (
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  control_id uuid NOT NULL REFERENCES compliance_controls(id) ON DELETE CASCADE,
  requirement_id uuid NOT NULL REFERENCES compliance_requirements(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (control_id, requirement_id)
);
CREATE INDEX compliance_control_requirements_requirement ON compliance_control_requirements (requirement_id, control_id);

CREATE TABLE compliance_control_policies (
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  control_id uuid NOT NULL REFERENCES compliance_controls(id) ON DELETE CASCADE,
  policy_id uuid NOT NULL REFERENCES policies(id) ON DELETE CASCADE,
  PRIMARY KEY (control_id, policy_id)
);
CREATE INDEX compliance_control_policies_policy ON compliance_control_policies (tenant_id, policy_id);

CREATE TABLE compliance_evidence (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  control_id uuid NOT NULL REFERENCES compliance_controls(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('file','link','note')),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 4000),
  url text CHECK (length(url) <= 2000),
  note text CHECK (length(note) <= 20000),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','in_review','approved','rejected','expired')),
  file_name text CHECK (length(file_name) BETWEEN 1 AND 255),
  content_type text,
  size_bytes bigint,
  sha256 text CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  uploaded_by_id uuid REFERENCES users(id),
  submitted_at timestamptz,
  reviewed_by_id uuid REFERENCES users(id),
  reviewed_at timestamptz,
  review_comment text CHECK (length(review_comment) <= 2000),
  renewal_due date,
  expiry_alerted_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'link') = (url IS NOT NULL)),
  CHECK ((kind = 'note') = (note IS NOT NULL)),
  -- Four eyes, held by the database too: nobody approves or rejects what they uploaded.
  CHECK (reviewed_by_id IS NULL OR reviewed_by_id IS DISTINCT FROM uploaded_by_id)
);
CREATE INDEX compliance_evidence_control ON compliance_evidence (tenant_id, control_id, created_at DESC);
CREATE INDEX compliance_evidence_tenant_created ON compliance_evidence (tenant_id, created_at DESC, id DESC);
CREATE INDEX compliance_evidence_renewal ON compliance_evidence (renewal_due) WHERE status = 'approved';

CREATE TABLE compliance_evidence_files (
  evidence_id uuid PRIMARY KEY REFERENCES compliance_evidence(id) ON DELETE CASCADE,
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  content bytea NOT NULL
);

CREATE TABLE compliance_evidence_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  evidence_id uuid NOT NULL REFERENCES compliance_evidence(id) ON DELETE CASCADE,
  action text NOT NULL CHECK (action IN ('created','file_uploaded','submitted','approved','rejected','expired')),
  actor_user_id uuid REFERENCES users(id),
  comment text,
  at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX compliance_evidence_events_evidence ON compliance_evidence_events (evidence_id, at);

CREATE TABLE compliance_exceptions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  control_id uuid REFERENCES compliance_controls(id) ON DELETE CASCADE,
  requirement_id uuid REFERENCES compliance_requirements(id) ON DELETE CASCADE,
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  approved_by_id uuid REFERENCES users(id),
  approved_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  revoked_by_id uuid REFERENCES users(id),
  CHECK ((control_id IS NULL) <> (requirement_id IS NULL))
);
CREATE INDEX compliance_exceptions_tenant ON compliance_exceptions (tenant_id, approved_at DESC, id DESC);
CREATE INDEX compliance_exceptions_control ON compliance_exceptions (control_id) WHERE revoked_at IS NULL;
CREATE INDEX compliance_exceptions_requirement ON compliance_exceptions (requirement_id) WHERE revoked_at IS NULL;

CREATE TABLE compliance_score_snapshots (
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  framework_id uuid NOT NULL REFERENCES compliance_frameworks(id) ON DELETE CASCADE,
  day date NOT NULL,
  score numeric(5,2),
  met_count int NOT NULL,
  applicable_count int NOT NULL,
  PRIMARY KEY (framework_id, day)
);

CREATE TABLE compliance_records (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('aml','kyc','ofac','custom')),
  custom_kind text CHECK (length(custom_kind) BETWEEN 1 AND 60),
  subject_kind text NOT NULL CHECK (subject_kind IN ('agent','vendor_model','person','organisation')),
  subject_name text NOT NULL CHECK (length(subject_name) BETWEEN 1 AND 200),
  agent_id uuid REFERENCES agents(id) ON DELETE SET NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','approved','rejected','flagged')),
  risk_score int NOT NULL CHECK (risk_score BETWEEN 1 AND 100),
  data jsonb NOT NULL DEFAULT '{}',
  created_by_id uuid REFERENCES users(id),
  reviewed_by_id uuid REFERENCES users(id),
  reviewed_at timestamptz,
  review_note text CHECK (length(review_note) <= 2000),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'custom') = (custom_kind IS NOT NULL)),
  CHECK (reviewed_by_id IS NULL OR reviewed_by_id IS DISTINCT FROM created_by_id)
);
CREATE INDEX compliance_records_tenant_created ON compliance_records (tenant_id, created_at DESC, id DESC);

CREATE TABLE compliance_exports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  framework_id uuid REFERENCES compliance_frameworks(id) ON DELETE SET NULL,
  framework_name text NOT NULL,
  period_start date NOT NULL,
  period_end date NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','running','ready','failed')),
  progress int NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  content bytea,
  size_bytes bigint,
  sha256 text,
  error text,
  requested_by_id uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  CHECK (period_start <= period_end)
);
CREATE INDEX compliance_exports_tenant_created ON compliance_exports (tenant_id, created_at DESC, id DESC);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['compliance_frameworks','compliance_requirements','compliance_controls','compliance_control_requirements',
    'compliance_control_policies','compliance_evidence','compliance_evidence_files','compliance_evidence_events','compliance_exceptions',
    'compliance_score_snapshots','compliance_records','compliance_exports'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = steward.current_tenant())', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO steward_app', t);
  END LOOP;
END $$;

-- Alerts raised by compliance (evidence about to expire, flagged records), beside the budgets' own.
DO $$
DECLARE def text;
BEGIN
  SELECT pg_get_constraintdef(oid) INTO def FROM pg_constraint WHERE conrelid = 'alerts'::regclass AND conname = 'alerts_source_check';
  IF def IS NOT NULL AND position('compliance' IN def) = 0 THEN
    ALTER TABLE alerts DROP CONSTRAINT alerts_source_check;
    EXECUTE 'ALTER TABLE alerts ADD CONSTRAINT alerts_source_check CHECK (source = ''compliance'' OR ' || substr(def, 7) || ')';
  END IF;
END $$;

/*
 * Readiness of one tenant, recomputed: control status, then requirement status bottom-up, then each
 * framework's score. Runs as its caller (row-level security holds). Definitions (docs: README compliance):
 * - an automated control's checks pass while, for each linked policy, no violation is open and the latest
 *   decision per agent (not archived) and rule passed, or its violation is under an active waiver;
 * - a control passes when its checks pass and (no evidence is required or some evidence is approved and
 *   not past its renewal date); an active exception makes it exempted (counted as passing);
 * - a requirement in scope is met when exempted, or when it has controls or children in scope, every
 *   control passes, every child in scope is met, and (when it requires evidence) a control has approved evidence;
 * - a framework's score is the weighted share of met leaves among the leaves in scope.
 */
CREATE FUNCTION steward.compliance_refresh(tenant uuid) RETURNS void LANGUAGE plpgsql AS $f$
DECLARE d int;
BEGIN
  -- One refresh per tenant at a time: they update the same rows, and would otherwise deadlock.
  PERFORM pg_advisory_xact_lock(hashtext('steward.compliance_refresh'), hashtext(tenant::text));
  WITH latest AS (
    SELECT DISTINCT ON (dd.policy_id, dd.agent_id, dd.rule_name) dd.policy_id, dd.agent_id, dd.rule_name, dd.result, dd.action_taken
    FROM policy_decisions dd
    JOIN compliance_control_policies cp ON cp.tenant_id = tenant AND cp.policy_id = dd.policy_id
    JOIN agents a ON a.id = dd.agent_id AND a.status <> 'archived'
    WHERE dd.tenant_id = tenant
    ORDER BY dd.policy_id, dd.agent_id, dd.rule_name, dd.decided_at DESC, dd.id DESC),
  failing_policies AS (
    SELECT l.policy_id FROM latest l
    WHERE l.result = 'violation' AND l.action_taken <> 'waived'
      AND NOT EXISTS (SELECT 1 FROM policy_violations w WHERE w.tenant_id = tenant AND w.policy_id = l.policy_id AND w.agent_id = l.agent_id
                        AND w.rule_name = l.rule_name AND w.status = 'waived')
    UNION
    SELECT v.policy_id FROM policy_violations v JOIN compliance_control_policies cp ON cp.tenant_id = tenant AND cp.policy_id = v.policy_id
    WHERE v.tenant_id = tenant AND v.status = 'open'),
  computed AS (
    SELECT c.id,
      CASE WHEN NOT EXISTS (SELECT 1 FROM compliance_control_policies cp WHERE cp.control_id = c.id) THEN NULL
           ELSE NOT EXISTS (SELECT 1 FROM compliance_control_policies cp JOIN failing_policies f ON f.policy_id = cp.policy_id WHERE cp.control_id = c.id) END AS automated,
      EXISTS (SELECT 1 FROM compliance_evidence e WHERE e.control_id = c.id AND e.status = 'approved' AND (e.renewal_due IS NULL OR e.renewal_due >= current_date)) AS evidence,
      EXISTS (SELECT 1 FROM compliance_exceptions x WHERE x.control_id = c.id AND x.revoked_at IS NULL AND x.expires_at > now()) AS exempted
    FROM compliance_controls c WHERE c.tenant_id = tenant)
  UPDATE compliance_controls c SET automated_passing = k.automated, evidence_passing = k.evidence, status_computed_at = now(),
    status = CASE WHEN k.exempted THEN 'exempted'
                  WHEN coalesce(k.automated, true) AND (k.evidence OR NOT c.evidence_required) THEN 'passing'
                  ELSE 'failing' END
  FROM computed k WHERE c.id = k.id
    AND (c.automated_passing IS DISTINCT FROM k.automated OR c.evidence_passing IS DISTINCT FROM k.evidence OR c.status_computed_at IS NULL
         OR c.status IS DISTINCT FROM CASE WHEN k.exempted THEN 'exempted' WHEN coalesce(k.automated, true) AND (k.evidence OR NOT c.evidence_required) THEN 'passing' ELSE 'failing' END);

  WITH RECURSIVE scoped AS (
    SELECT r.id, r.applicable AS in_scope FROM compliance_requirements r WHERE r.tenant_id = tenant AND r.parent_id IS NULL
    UNION ALL
    SELECT r.id, s.in_scope AND r.applicable FROM compliance_requirements r JOIN scoped s ON r.parent_id = s.id WHERE r.tenant_id = tenant)
  UPDATE compliance_requirements r SET in_scope = s.in_scope FROM scoped s WHERE r.id = s.id AND r.in_scope IS DISTINCT FROM s.in_scope;

  FOR d IN SELECT DISTINCT depth FROM compliance_requirements WHERE tenant_id = tenant ORDER BY depth DESC LOOP
    UPDATE compliance_requirements r SET status = n.status FROM (
      SELECT q.id, CASE
        WHEN NOT q.in_scope THEN 'not_applicable'
        WHEN EXISTS (SELECT 1 FROM compliance_exceptions x WHERE x.requirement_id = q.id AND x.revoked_at IS NULL AND x.expires_at > now()) THEN 'exempted'
        WHEN (EXISTS (SELECT 1 FROM compliance_control_requirements m WHERE m.requirement_id = q.id)
              OR EXISTS (SELECT 1 FROM compliance_requirements ch WHERE ch.parent_id = q.id AND ch.in_scope))
         AND NOT EXISTS (SELECT 1 FROM compliance_control_requirements m JOIN compliance_controls c ON c.id = m.control_id
                         WHERE m.requirement_id = q.id AND c.status = 'failing')
         AND NOT EXISTS (SELECT 1 FROM compliance_requirements ch WHERE ch.parent_id = q.id AND ch.in_scope AND ch.status = 'not_met')
         AND (NOT q.evidence_required OR EXISTS (SELECT 1 FROM compliance_control_requirements m JOIN compliance_controls c ON c.id = m.control_id
                                                  WHERE m.requirement_id = q.id AND c.evidence_passing))
        THEN 'met' ELSE 'not_met' END AS status
      FROM compliance_requirements q WHERE q.tenant_id = tenant AND q.depth = d) n
    WHERE r.id = n.id AND r.status <> n.status;
  END LOOP;

  WITH leaves AS (
    SELECT r.framework_id, r.weight, r.status FROM compliance_requirements r
    WHERE r.tenant_id = tenant AND r.in_scope AND NOT EXISTS (SELECT 1 FROM compliance_requirements ch WHERE ch.parent_id = r.id AND ch.in_scope)),
  totals AS (
    SELECT f.id, count(l.*)::int AS applicable, count(l.*) FILTER (WHERE l.status IN ('met','exempted'))::int AS met,
      round(100 * sum(l.weight) FILTER (WHERE l.status IN ('met','exempted')) / nullif(sum(l.weight), 0), 2) AS score,
      (SELECT count(*)::int FROM compliance_requirements a WHERE a.framework_id = f.id) AS total
    FROM compliance_frameworks f LEFT JOIN leaves l ON l.framework_id = f.id WHERE f.tenant_id = tenant GROUP BY f.id)
  UPDATE compliance_frameworks f SET applicable_count = t.applicable, met_count = t.met, requirement_count = t.total,
    score = CASE WHEN t.applicable = 0 THEN NULL ELSE coalesce(t.score, 0) END, last_assessed_at = now()
  FROM totals t WHERE f.id = t.id;
END $f$;
REVOKE ALL ON FUNCTION steward.compliance_refresh(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION steward.compliance_refresh(uuid) TO steward_app;

-- What a policy decides moves the controls linked to it: a (deduplicated) job recomputes the tenant's readiness right
-- after the deciding transaction commits, so agent changes never wait on compliance.
CREATE FUNCTION steward.compliance_after_violations() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, steward AS $f$
DECLARE tenant uuid := steward.current_tenant();
BEGIN
  IF tenant IS NOT NULL AND EXISTS (SELECT 1 FROM compliance_control_policies WHERE tenant_id = tenant) THEN
    PERFORM graphile_worker.add_job('${JOB.complianceRefresh}', json_build_object('tenantId', tenant),
      job_key := '${JOB.complianceRefresh}:' || tenant, job_key_mode := 'preserve_run_at', max_attempts := 5);
  END IF;
  RETURN NULL;
END $f$;
REVOKE ALL ON FUNCTION steward.compliance_after_violations() FROM PUBLIC;
CREATE TRIGGER compliance_readiness AFTER INSERT OR UPDATE ON policy_violations FOR EACH STATEMENT EXECUTE FUNCTION steward.compliance_after_violations();
CREATE TRIGGER compliance_readiness AFTER INSERT ON policy_decisions FOR EACH STATEMENT EXECUTE FUNCTION steward.compliance_after_violations();
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP TRIGGER IF EXISTS compliance_readiness ON policy_violations;
DROP TRIGGER IF EXISTS compliance_readiness ON policy_decisions;
DROP FUNCTION IF EXISTS steward.compliance_after_violations();
DROP FUNCTION IF EXISTS steward.compliance_refresh(uuid);
DROP TABLE IF EXISTS compliance_exports, compliance_records, compliance_score_snapshots, compliance_exceptions, compliance_evidence_events,
  compliance_evidence_files, compliance_evidence, compliance_control_policies, compliance_control_requirements, compliance_controls,
  compliance_requirements, compliance_frameworks CASCADE;`);
  }
}
