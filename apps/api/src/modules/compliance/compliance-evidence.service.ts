import { createHash, randomUUID } from 'node:crypto';
import type { TenantScope } from '../../scope';
import { Connection, ConnectionArgs, OrderDirection } from '../../graphql/connection';
import { InputChecks, StewardError, UserInputProblem } from '../../graphql/errors';
import { expectGlobalId } from '../../graphql/global-id';
import { loader } from '../../graphql/loader';
import { readPage, ReadModel, Selection, SqlParams } from '../../graphql/read-model';
import { ComplianceEvidence, ComplianceEvidenceKind, ComplianceEvidenceStatus } from './compliance-evidence.entity';
import {
  ComplianceEvidenceApproveInput,
  ComplianceEvidenceCreateInput,
  ComplianceEvidenceFilter,
  ComplianceEvidenceRejectInput,
} from './compliance-evidence.inputs';
import { controlById, evidenceByControl, evidenceById } from './compliance.loaders';
import { refreshReadiness } from './compliance-readiness';

export const evidenceReads = new ReadModel(ComplianceEvidence, {
  table: 'compliance_evidence',
  always: ['uuid'],
  needs: {
    control: ['controlId'],
    uploadedBy: ['uploadedById'],
    reviewedBy: ['reviewedById'],
    file: ['fileName', 'contentType', 'sizeBytes', 'sha256'],
  },
});

/** Largest evidence file accepted, in bytes. */
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

/** Media types accepted for evidence files: documents, images, data and archives auditors open. */
export const EVIDENCE_CONTENT_TYPES = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'text/plain',
  'text/csv',
  'application/json',
  'application/zip',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
]);

export function listEvidence(ctx: TenantScope, page: ConnectionArgs, filter: ComplianceEvidenceFilter | null, selection: Selection) {
  const params = new SqlParams();
  const where = [`e.tenant_id = ${params.add(ctx.caller.tenantId)}`];
  if (filter?.statuses?.length) where.push(`e.status = ANY(${params.add(filter.statuses)}::text[])`);
  if (filter?.controlId) where.push(`e.control_id = ${params.add(expectGlobalId(filter.controlId, 'ComplianceControl', 'filter.controlId'))}`);
  if (filter?.renewalDueBefore) where.push(`e.status = 'approved' AND e.renewal_due <= ${params.add(filter.renewalDueBefore)}::date`);
  return readPage(ctx, evidenceReads, selection, { alias: 'e', where, params }, page, {
    column: 'e.created_at',
    id: 'e.id',
    direction: OrderDirection.DESC,
    cast: 'timestamptz',
  }) as Promise<Connection<ComplianceEvidence>>;
}

export async function findEvidence(ctx: TenantScope, id: string): Promise<ComplianceEvidence> {
  const evidence = await loader(ctx, evidenceById).load(id);
  if (!evidence) throw StewardError.notFound('ComplianceEvidence');
  return evidence;
}

async function event(ctx: TenantScope, evidenceId: string, action: string, comment: string | null = null): Promise<void> {
  await ctx.tx.manager.query(`INSERT INTO compliance_evidence_events (tenant_id, evidence_id, action, actor_user_id, comment) VALUES ($1, $2, $3, $4, $5)`, [
    ctx.caller.tenantId,
    evidenceId,
    action,
    ctx.caller.userId,
    comment,
  ]);
}

async function reload(ctx: TenantScope, id: string): Promise<ComplianceEvidence> {
  const evidence = await ctx.tx.manager.findOneByOrFail(ComplianceEvidence, { uuid: id });
  loader(ctx, evidenceById).clear(id).prime(id, evidence);
  loader(ctx, evidenceByControl).clear(evidence.controlId);
  return evidence;
}

function snapshot(e: ComplianceEvidence): Record<string, unknown> {
  return { kind: e.kind, title: e.title, status: e.status, sha256: e.sha256, renewalDue: e.renewalDue, reviewedById: e.reviewedById };
}

export async function createEvidence(ctx: TenantScope, input: ComplianceEvidenceCreateInput, id: string = randomUUID()): Promise<ComplianceEvidence> {
  const checks = new InputChecks();
  const controlId = expectGlobalId(input.controlId, 'ComplianceControl', 'input.controlId');
  if (!(await loader(ctx, controlById).load(controlId))) checks.add('controlId', 'No such control in this tenant');
  const url = input.url?.trim() || null;
  const note = input.note?.trim() || null;
  if (input.kind === ComplianceEvidenceKind.LINK) {
    if (!url || !/^https?:\/\/\S+$/i.test(url)) checks.add('url', 'Link evidence needs an http(s) URL');
  } else if (url) checks.add('url', 'url is only for link evidence');
  if (input.kind === ComplianceEvidenceKind.NOTE) {
    if (!note) checks.add('note', 'Note evidence needs the note');
  } else if (note) checks.add('note', 'note is only for note evidence');
  checks.refuseIfAny();
  const [row]: { id: string }[] = await ctx.tx.manager.query(
    `INSERT INTO compliance_evidence (id, tenant_id, control_id, kind, title, description, url, note, uploaded_by_id) VALUES ($9, $1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [ctx.caller.tenantId, controlId, input.kind, input.title.trim(), input.description, url, note, ctx.caller.userId, id],
  );
  await event(ctx, row.id, 'created');
  const evidence = await reload(ctx, row.id);
  await ctx.audit.record({
    action: 'compliance_evidence.create',
    entityType: 'ComplianceEvidence',
    entityId: row.id,
    entityName: evidence.title,
    after: snapshot(evidence),
  });
  return evidence;
}

function refuseUnlessIn(evidence: ComplianceEvidence, allowed: ComplianceEvidenceStatus[], what: string): void {
  if (!allowed.includes(evidence.status))
    throw new UserInputProblem('evidenceId', `Only ${allowed.join(' or ')} evidence can be ${what}; this is ${evidence.status}`, 'CONFLICT');
}

export async function submitEvidence(ctx: TenantScope, id: string): Promise<ComplianceEvidence> {
  const current = await findEvidence(ctx, id);
  refuseUnlessIn(current, [ComplianceEvidenceStatus.DRAFT, ComplianceEvidenceStatus.REJECTED], 'submitted');
  if (current.kind === ComplianceEvidenceKind.FILE && !current.sha256)
    throw new UserInputProblem('evidenceId', 'Upload the file before submitting', 'CONFLICT');
  await ctx.tx.manager.query(
    `UPDATE compliance_evidence SET status = 'in_review', submitted_at = now(), reviewed_by_id = NULL, reviewed_at = NULL, review_comment = NULL, updated_at = now() WHERE id = $1`,
    [id],
  );
  await event(ctx, id, 'submitted');
  const evidence = await reload(ctx, id);
  await ctx.audit.record({
    action: 'compliance_evidence.submit',
    entityType: 'ComplianceEvidence',
    entityId: id,
    entityName: evidence.title,
    before: snapshot(current),
    after: snapshot(evidence),
  });
  return evidence;
}

const THREE_YEARS_DAYS = 3 * 366;

/** Approve or reject: four eyes, never the uploader's own. */
export async function reviewEvidence(
  ctx: TenantScope,
  id: string,
  decision: 'approved' | 'rejected',
  input: ComplianceEvidenceApproveInput | ComplianceEvidenceRejectInput,
): Promise<ComplianceEvidence> {
  const current = await findEvidence(ctx, id);
  const checks = new InputChecks();
  if (current.status !== ComplianceEvidenceStatus.IN_REVIEW)
    checks.add('evidenceId', `Only evidence in review can be ${decision}; this is ${current.status}`, 'CONFLICT');
  if (!ctx.caller.userId) checks.add('evidenceId', 'Evidence is reviewed by a person, not an API key', 'CONFLICT');
  else if (current.uploadedById === ctx.caller.userId)
    checks.add('evidenceId', 'Four eyes: evidence is reviewed by someone other than its uploader', 'FOUR_EYES');
  let renewalDue: string | null = null;
  if (decision === 'approved') {
    renewalDue = (input as ComplianceEvidenceApproveInput).renewalDue;
    const days = (Date.parse(renewalDue) - Date.parse(new Date().toISOString().slice(0, 10))) / 86400_000;
    if (!(days >= 1 && days <= THREE_YEARS_DAYS)) checks.add('renewalDue', 'renewalDue must be after today and at most three years ahead');
  }
  checks.refuseIfAny();
  const comment = input.comment?.trim() || null;
  await ctx.tx.manager.query(
    `UPDATE compliance_evidence SET status = $2, reviewed_by_id = $3, reviewed_at = now(), review_comment = $4, renewal_due = coalesce($5::date, renewal_due),
       expiry_alerted_at = NULL, updated_at = now() WHERE id = $1`,
    [id, decision, ctx.caller.userId, comment, renewalDue],
  );
  await event(ctx, id, decision, comment);
  await refreshReadiness(ctx);
  const evidence = await reload(ctx, id);
  await ctx.audit.record({
    action: decision === 'approved' ? 'compliance_evidence.approve' : 'compliance_evidence.reject',
    entityType: 'ComplianceEvidence',
    entityId: id,
    entityName: evidence.title,
    before: snapshot(current),
    after: snapshot(evidence),
  });
  return evidence;
}

export async function deleteEvidence(ctx: TenantScope, id: string): Promise<string> {
  const current = await findEvidence(ctx, id);
  refuseUnlessIn(current, [ComplianceEvidenceStatus.DRAFT, ComplianceEvidenceStatus.REJECTED], 'deleted');
  await ctx.tx.manager.query(`DELETE FROM compliance_evidence WHERE id = $1 AND tenant_id = $2`, [id, ctx.caller.tenantId]);
  loader(ctx, evidenceByControl).clear(current.controlId);
  await ctx.audit.record({
    action: 'compliance_evidence.delete',
    entityType: 'ComplianceEvidence',
    entityId: id,
    entityName: current.title,
    before: snapshot(current),
  });
  return current.id;
}

/** Stores an uploaded file on draft or rejected file evidence: content, size, type and SHA-256. */
export async function storeEvidenceFile(
  ctx: TenantScope,
  id: string,
  file: { name: string; contentType: string; content: Buffer },
): Promise<ComplianceEvidence> {
  const current = await findEvidence(ctx, id);
  if (current.kind !== ComplianceEvidenceKind.FILE) throw new UserInputProblem('evidenceId', 'Only file evidence takes a file', 'CONFLICT');
  refuseUnlessIn(current, [ComplianceEvidenceStatus.DRAFT, ComplianceEvidenceStatus.REJECTED], 'given a file');
  const sha256 = createHash('sha256').update(file.content).digest('hex');
  await ctx.tx.manager.query(
    `INSERT INTO compliance_evidence_files (evidence_id, tenant_id, content) VALUES ($1, $2, $3) ON CONFLICT (evidence_id) DO UPDATE SET content = EXCLUDED.content`,
    [id, ctx.caller.tenantId, file.content],
  );
  await ctx.tx.manager.query(
    `UPDATE compliance_evidence SET file_name = $2, content_type = $3, size_bytes = $4, sha256 = $5, updated_at = now() WHERE id = $1`,
    [id, file.name, file.contentType, file.content.length, sha256],
  );
  await event(ctx, id, 'file_uploaded');
  const evidence = await reload(ctx, id);
  await ctx.audit.record({
    action: 'compliance_evidence.upload',
    entityType: 'ComplianceEvidence',
    entityId: id,
    entityName: evidence.title,
    after: { fileName: file.name, contentType: file.contentType, sizeBytes: file.content.length, sha256 },
  });
  return evidence;
}

export async function evidenceFileContent(ctx: TenantScope, id: string): Promise<{ evidence: ComplianceEvidence; content: Buffer } | null> {
  const evidence = await loader(ctx, evidenceById).load(id);
  if (!evidence?.sha256) return null;
  const [row]: { content: Buffer }[] = await ctx.tx.manager.query(`SELECT content FROM compliance_evidence_files WHERE evidence_id = $1 AND tenant_id = $2`, [
    id,
    ctx.caller.tenantId,
  ]);
  return row ? { evidence, content: row.content } : null;
}

/** Days ahead of its renewal date that approved evidence raises an alert. */
export const EXPIRY_WARNING_DAYS = 14;

/**
 * The daily evidence sweep of one tenant: approved evidence past its renewal date expires; evidence
 * within EXPIRY_WARNING_DAYS of it raises one alert (once per approval). Readiness follows.
 */
export async function sweepEvidence(ctx: TenantScope, today: string): Promise<{ expired: number; warned: number }> {
  // An UPDATE answers [rows, count] through TypeORM.
  const [expired]: [{ id: string; title: string }[], number] = await ctx.tx.manager.query(
    `UPDATE compliance_evidence SET status = 'expired', updated_at = now() WHERE tenant_id = $1 AND status = 'approved' AND renewal_due < $2::date RETURNING id, title`,
    [ctx.caller.tenantId, today],
  );
  for (const e of expired) {
    await event(ctx, e.id, 'expired');
    await ctx.audit.record({
      action: 'compliance_evidence.expire',
      entityType: 'ComplianceEvidence',
      entityId: e.id,
      entityName: e.title,
      after: { status: 'expired' },
    });
  }
  const warned: { id: string; title: string; renewal_due: string; control_name: string }[] = await ctx.tx.manager.query(
    `WITH due AS (
       UPDATE compliance_evidence e SET expiry_alerted_at = now() FROM compliance_controls c
       WHERE e.tenant_id = $1 AND e.status = 'approved' AND e.expiry_alerted_at IS NULL AND e.renewal_due <= $2::date + $3::int AND c.id = e.control_id
       RETURNING e.id, e.title, e.renewal_due, c.name AS control_name),
     alerted AS (
       INSERT INTO alerts (tenant_id, source, severity, message)
       SELECT $1, 'compliance', 'warning', left(format('Evidence "%s" for control "%s" expires after %s; renew it', title, control_name, to_char(renewal_due, 'FMDD FMMonth YYYY')), 500) FROM due
       RETURNING id)
     SELECT id, title, renewal_due::text, control_name FROM due`,
    [ctx.caller.tenantId, today, EXPIRY_WARNING_DAYS],
  );
  // Setting expiry_alerted_at writes evidence.expiring to the domain event outbox (EVENT workflows start from there).
  if (expired.length) await refreshReadiness(ctx);
  return { expired: expired.length, warned: warned.length };
}
