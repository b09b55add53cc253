import { PlanFeature, requireFeature } from '../tenants';
import { createHash, randomUUID } from 'node:crypto';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { inScope, type AppServices, type TenantScope } from '../../scope';
import { Connection, ConnectionArgs, OrderDirection } from '../../graphql/connection';
import { csvDocument } from '../../graphql/csv';
import { InputChecks } from '../../graphql/errors';
import { expectGlobalId } from '../../graphql/global-id';
import { readPage, ReadModel, Selection, SqlParams } from '../../graphql/read-model';
import { ComplianceExport } from './compliance-export.entity';
import { findFramework } from './compliance-framework.service';

export const exportReads = new ReadModel(ComplianceExport, {
  table: 'compliance_exports',
  always: ['uuid'],
  needs: { framework: ['frameworkId'], requestedBy: ['requestedById'], size: ['sizeBytes'], downloadPath: ['status'] },
});

export function listExports(ctx: TenantScope, page: ConnectionArgs, selection: Selection) {
  const params = new SqlParams();
  const where = [`x.tenant_id = ${params.add(ctx.caller.tenantId)}`];
  return readPage(ctx, exportReads, selection, { alias: 'x', where, params }, page, {
    column: 'x.created_at',
    id: 'x.id',
    direction: OrderDirection.DESC,
    cast: 'timestamptz',
  }) as Promise<Connection<ComplianceExport>>;
}

const MAX_PERIOD_DAYS = 3 * 366;

/** Queues the build of an export package; the job fills it in, with progress. */
export async function startExport(ctx: TenantScope, input: { frameworkId: string; periodStart: string; periodEnd: string }): Promise<ComplianceExport> {
  await requireFeature(ctx, PlanFeature.EXPORTS);
  const framework = await findFramework(ctx, expectGlobalId(input.frameworkId, 'ComplianceFramework', 'input.frameworkId'));
  const checks = new InputChecks();
  const days = (Date.parse(input.periodEnd) - Date.parse(input.periodStart)) / 86400_000;
  if (!(days >= 0)) checks.add('periodEnd', 'periodEnd must not be before periodStart');
  else if (days > MAX_PERIOD_DAYS) checks.add('periodEnd', 'The period is at most three years');
  checks.refuseIfAny();
  const id = randomUUID();
  await ctx.tx.manager.query(
    `INSERT INTO compliance_exports (id, tenant_id, framework_id, framework_name, period_start, period_end, requested_by_id) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [id, ctx.caller.tenantId, framework.uuid, framework.name, input.periodStart, input.periodEnd, ctx.caller.userId],
  );
  await ctx.tx.manager.query(`SELECT steward.enqueue_compliance_export($1)`, [id]);
  const created = await ctx.tx.manager.findOneByOrFail(ComplianceExport, { uuid: id });
  await ctx.audit.record({
    action: 'compliance_export.start',
    entityType: 'ComplianceExport',
    entityId: id,
    entityName: framework.name,
    after: { frameworkId: framework.uuid, periodStart: input.periodStart, periodEnd: input.periodEnd },
  });
  return created;
}

export async function exportContent(ctx: TenantScope, id: string): Promise<{ name: string; content: Buffer } | null> {
  const [row]: { framework_name: string; period_start: string; period_end: string; content: Buffer | null }[] = await ctx.tx.manager.query(
    `SELECT framework_name, period_start::text, period_end::text, content FROM compliance_exports WHERE id = $1 AND tenant_id = $2 AND status = 'ready'`,
    [id, ctx.caller.tenantId],
  );
  if (!row?.content) return null;
  const slug = row.framework_name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return { name: `compliance-export-${slug}-${row.period_start}-${row.period_end}.zip`, content: row.content };
}

type Row = Record<string, unknown>;

const csvOf = (rows: Row[], columns: string[]) =>
  csvDocument(
    columns,
    rows.map((r) => columns.map((c) => (r[c] == null ? null : typeof r[c] === 'object' ? JSON.stringify(r[c]) : String(r[c])))),
  );

/** What the package holds, read in the tenant's scope: requirements, mappings, controls, evidence (with files and trails), decisions, audit entries. */
async function gather(scope: TenantScope, exportId: string, progress: (n: number) => Promise<void>): Promise<{ files: Zippable; framework: string }> {
  const q = (sql: string, params: unknown[]) => scope.tx.manager.query(sql, params) as Promise<Row[]>;
  const [job] = await q(`SELECT framework_id, framework_name, period_start::text, period_end::text FROM compliance_exports WHERE id = $1`, [exportId]);
  const frameworkId = job.framework_id as string;
  const period = [job.period_start, job.period_end];
  const [framework] = await q(
    `SELECT id, name, version, description, template_key, certified_on::text, expires_on::text, auditor, score, met_count, applicable_count, last_assessed_at
     FROM compliance_frameworks WHERE id = $1`,
    [frameworkId],
  );
  if (!framework) throw new Error('the framework was deleted before the export was built');
  const requirements = await q(
    `SELECT r.id, r.code, r.title, p.code AS parent_code, r.depth, r.weight, r.evidence_required, r.applicable, r.not_applicable_reason, r.status
     FROM compliance_requirements r LEFT JOIN compliance_requirements p ON p.id = r.parent_id WHERE r.framework_id = $1 ORDER BY r.path`,
    [frameworkId],
  );
  const mappings = await q(
    `SELECT r.code AS requirement_code, c.id AS control_id, c.name AS control_name FROM compliance_control_requirements m
     JOIN compliance_requirements r ON r.id = m.requirement_id JOIN compliance_controls c ON c.id = m.control_id WHERE r.framework_id = $1 ORDER BY r.path, c.name`,
    [frameworkId],
  );
  await progress(30);
  const controlIds = [...new Set(mappings.map((m) => m.control_id as string))];
  const controls = await q(
    `SELECT c.id, c.name, c.description, u.full_name AS owner, c.review_frequency, c.evidence_required, c.last_reviewed_at, c.status, c.automated_passing,
       c.evidence_passing, c.status_computed_at,
       (SELECT array_agg(p.name ORDER BY p.name) FROM compliance_control_policies cp JOIN policies p ON p.id = cp.policy_id WHERE cp.control_id = c.id) AS policies
     FROM compliance_controls c LEFT JOIN users u ON u.id = c.owner_id WHERE c.id = ANY($1::uuid[]) ORDER BY c.name`,
    [controlIds],
  );
  const evidence = await q(
    `SELECT e.id, c.name AS control_name, e.kind, e.title, e.description, e.url, e.note, e.status, e.file_name, e.content_type, e.size_bytes, e.sha256,
       up.full_name AS uploaded_by, e.submitted_at, rv.full_name AS reviewed_by, e.reviewed_at, e.review_comment, e.renewal_due::text, e.created_at,
       (SELECT json_agg(json_build_object('action', ev.action, 'actor', au.full_name, 'at', ev.at, 'comment', ev.comment) ORDER BY ev.at)
        FROM compliance_evidence_events ev LEFT JOIN users au ON au.id = ev.actor_user_id WHERE ev.evidence_id = e.id) AS trail
     FROM compliance_evidence e JOIN compliance_controls c ON c.id = e.control_id LEFT JOIN users up ON up.id = e.uploaded_by_id LEFT JOIN users rv ON rv.id = e.reviewed_by_id
     WHERE e.control_id = ANY($1::uuid[]) AND e.created_at < $2::date + 1 ORDER BY c.name, e.created_at`,
    [controlIds, period[1]],
  );
  await progress(50);
  const decisions = await q(
    `SELECT d.id, p.name AS policy, d.policy_version, d.rule_name, d.agent_name, d.trigger, d.result, d.action_taken, d.input_digest, d.decided_at
     FROM compliance_control_policies cp JOIN policy_decisions d ON d.tenant_id = cp.tenant_id AND d.policy_id = cp.policy_id JOIN policies p ON p.id = d.policy_id
     WHERE cp.control_id = ANY($1::uuid[]) AND d.decided_at >= $2::date AND d.decided_at < $3::date + 1 ORDER BY d.decided_at, d.id`,
    [controlIds, period[0], period[1]],
  );
  const entityIds = [frameworkId, ...requirements.map((r) => r.id), ...controlIds, ...evidence.map((e) => e.id)];
  const audit = await q(
    `SELECT a.seq, a.created_at, a.actor_type, coalesce(u.full_name, a.actor_label) AS actor, a.action, a.entity_type, a.entity_id, a.entity_name, a.outcome,
       a.before, a.after, a.hash
     FROM audit_entries a LEFT JOIN users u ON u.id = a.actor_user_id
     WHERE a.tenant_id = $1 AND a.entity_id = ANY($2::uuid[]) AND a.created_at >= $3::date AND a.created_at < $4::date + 1 ORDER BY a.seq`,
    [scope.caller.tenantId, entityIds, period[0], period[1]],
  );
  await progress(70);
  const files: Zippable = {};
  const withFiles = evidence.filter((e) => e.sha256);
  if (withFiles.length) {
    const contents = await q(`SELECT evidence_id, content FROM compliance_evidence_files WHERE evidence_id = ANY($1::uuid[])`, [withFiles.map((e) => e.id)]);
    for (const file of contents) {
      const e = withFiles.find((w) => w.id === file.evidence_id)!;
      files[`evidence/${e.id}-${String(e.file_name).replace(/[\\/]/g, '_')}`] = new Uint8Array(file.content as Buffer);
    }
  }
  const manifest = {
    framework,
    period: { start: period[0], end: period[1] },
    generatedAt: new Date().toISOString(),
    counts: {
      requirements: requirements.length,
      controls: controls.length,
      evidence: evidence.length,
      decisions: decisions.length,
      auditEntries: audit.length,
    },
    note: 'Evidence files are under evidence/, named by evidence id; their SHA-256 is in evidence.csv and export.json.',
  };
  files['export.json'] = strToU8(JSON.stringify({ ...manifest, requirements, mappings, controls, evidence, decisions, auditEntries: audit }, null, 2));
  files['requirements.csv'] = strToU8(
    csvOf(requirements, ['code', 'title', 'parent_code', 'depth', 'weight', 'evidence_required', 'applicable', 'not_applicable_reason', 'status']),
  );
  files['mappings.csv'] = strToU8(csvOf(mappings, ['requirement_code', 'control_id', 'control_name']));
  files['controls.csv'] = strToU8(
    csvOf(controls, ['id', 'name', 'owner', 'review_frequency', 'evidence_required', 'status', 'automated_passing', 'evidence_passing', 'policies']),
  );
  files['evidence.csv'] = strToU8(
    csvOf(evidence, [
      'id',
      'control_name',
      'kind',
      'title',
      'status',
      'file_name',
      'sha256',
      'uploaded_by',
      'reviewed_by',
      'reviewed_at',
      'renewal_due',
      'trail',
    ]),
  );
  files['decisions.csv'] = strToU8(
    csvOf(decisions, ['id', 'policy', 'policy_version', 'rule_name', 'agent_name', 'trigger', 'result', 'action_taken', 'input_digest', 'decided_at']),
  );
  files['audit.csv'] = strToU8(
    csvOf(audit, ['seq', 'created_at', 'actor_type', 'actor', 'action', 'entity_type', 'entity_id', 'entity_name', 'outcome', 'hash']),
  );
  return { files, framework: String(framework.name) };
}

/**
 * The job: marks the export running, gathers and zips it (progress committed along the way, so a
 * caller polling sees it move), stores the zip with its SHA-256, records it in the audit log.
 */
export async function buildExport(services: AppServices, tenantId: string, exportId: string): Promise<void> {
  const actor = { kind: 'system' as const, tenantId, name: 'job compliance:export' };
  const progress = (n: number, status = 'running') =>
    inScope(services, { actor }, (scope) =>
      scope.tx.manager.query(`UPDATE compliance_exports SET status = $2, progress = $3 WHERE id = $1 AND status IN ('queued','running')`, [
        exportId,
        status,
        n,
      ]),
    );
  await progress(5);
  try {
    await inScope(services, { actor }, async (scope) => {
      const { files, framework } = await gather(scope, exportId, (n) => progress(n).then(() => undefined));
      const zip = Buffer.from(zipSync(files, { level: 6 }));
      const sha256 = createHash('sha256').update(zip).digest('hex');
      await scope.tx.manager.query(
        `UPDATE compliance_exports SET status = 'ready', progress = 100, content = $2, size_bytes = $3, sha256 = $4, finished_at = now() WHERE id = $1`,
        [exportId, zip, zip.length, sha256],
      );
      await scope.audit.record({
        action: 'compliance_export.ready',
        entityType: 'ComplianceExport',
        entityId: exportId,
        entityName: framework,
        after: { sizeBytes: zip.length, sha256, files: Object.keys(files).length },
      });
    });
  } catch (error) {
    await inScope(services, { actor }, (scope) =>
      scope.tx.manager.query(`UPDATE compliance_exports SET status = 'failed', error = left($2, 500), finished_at = now() WHERE id = $1`, [
        exportId,
        (error as Error).message,
      ]),
    );
    throw error;
  }
}
