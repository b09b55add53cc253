import { randomUUID } from 'node:crypto';
import DataLoader from 'dataloader';
import { In } from 'typeorm';
import type { TenantScope } from '../../scope';
import { Connection, ConnectionArgs, OrderDirection } from '../../graphql/connection';
import { InputChecks, StewardError } from '../../graphql/errors';
import { expectGlobalId } from '../../graphql/global-id';
import { checkJsonSize } from '../../graphql/json-input';
import { byKey, loader } from '../../graphql/loader';
import { readPage, ReadModel, Selection, SqlParams } from '../../graphql/read-model';
import { agentById } from '../agents';
import { ComplianceRecord, ComplianceRecordKind, ComplianceRecordStatus, ComplianceRecordSubjectKind } from './compliance-record.entity';
import { ComplianceRecordCreateInput, ComplianceRecordFilter, ComplianceRecordReviewInput } from './compliance-record.inputs';

export const recordReads = new ReadModel(ComplianceRecord, {
  table: 'compliance_records',
  always: ['uuid'],
  needs: { agent: ['agentId'], createdBy: ['createdById'], reviewedBy: ['reviewedById'], data: ['data'], riskScore: ['riskScore'] },
});

export const recordById = (ctx: TenantScope) =>
  new DataLoader<string, ComplianceRecord | null>(async (ids) =>
    byKey(ids, await ctx.tx.manager.findBy(ComplianceRecord, { uuid: In([...ids]), tenantId: ctx.caller.tenantId! }), (r) => r.uuid),
  );

export function listRecords(ctx: TenantScope, page: ConnectionArgs, filter: ComplianceRecordFilter | null, selection: Selection) {
  const params = new SqlParams();
  const where = [`r.tenant_id = ${params.add(ctx.caller.tenantId)}`];
  if (filter?.kinds?.length) where.push(`r.kind = ANY(${params.add(filter.kinds)}::text[])`);
  if (filter?.statuses?.length) where.push(`r.status = ANY(${params.add(filter.statuses)}::text[])`);
  return readPage(ctx, recordReads, selection, { alias: 'r', where, params }, page, {
    column: 'r.created_at',
    id: 'r.id',
    direction: OrderDirection.DESC,
    cast: 'timestamptz',
  }) as Promise<Connection<ComplianceRecord>>;
}

async function findRecord(ctx: TenantScope, id: string): Promise<ComplianceRecord> {
  const record = await loader(ctx, recordById).load(id);
  if (!record) throw StewardError.notFound('ComplianceRecord');
  return record;
}

/** What the audit log keeps of a record: never its data, only that it changed and the risk band. */
function snapshot(r: ComplianceRecord): Record<string, unknown> {
  return { kind: r.kind, customKind: r.customKind, subjectKind: r.subjectKind, subjectName: r.subjectName, status: r.status, reviewedById: r.reviewedById };
}

export async function createRecord(ctx: TenantScope, input: ComplianceRecordCreateInput, id: string = randomUUID()): Promise<ComplianceRecord> {
  const checks = new InputChecks();
  if (!Number.isInteger(input.riskScore) || input.riskScore < 1 || input.riskScore > 100)
    checks.add('riskScore', 'riskScore must be a whole number from 1 to 100');
  const customKind = input.customKind?.trim() || null;
  if (input.kind === ComplianceRecordKind.CUSTOM && !customKind) checks.add('customKind', 'A custom check needs its name in customKind');
  if (input.kind !== ComplianceRecordKind.CUSTOM && customKind) checks.add('customKind', 'customKind is only for custom checks');
  checks.check(() => checkJsonSize('data', input.data));
  let agentId: string | null = null;
  let subjectName = input.subjectName.trim();
  if (input.subjectKind === ComplianceRecordSubjectKind.AGENT) {
    if (!input.agentId) checks.add('agentId', 'An agent record needs agentId');
    else {
      agentId = expectGlobalId(input.agentId, 'Agent', 'input.agentId');
      const agent = await loader(ctx, agentById).load(agentId);
      if (!agent) checks.add('agentId', 'No such agent in this tenant');
      else subjectName ||= agent.name;
    }
  } else if (input.agentId) checks.add('agentId', 'agentId is only for agent records');
  if (!subjectName) checks.add('subjectName', 'subjectName must not be blank');
  checks.refuseIfAny();
  await ctx.tx.manager.query(
    `INSERT INTO compliance_records (id, tenant_id, kind, custom_kind, subject_kind, subject_name, agent_id, risk_score, data, created_by_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [id, ctx.caller.tenantId, input.kind, customKind, input.subjectKind, subjectName, agentId, input.riskScore, input.data ?? {}, ctx.caller.userId],
  );
  const record = await ctx.tx.manager.findOneByOrFail(ComplianceRecord, { uuid: id });
  await ctx.audit.record({
    action: 'compliance_record.create',
    entityType: 'ComplianceRecord',
    entityId: id,
    entityName: `${record.kind.toUpperCase()} ${record.subjectName}`,
    after: snapshot(record),
  });
  return record;
}

/** Four eyes: a pending record is approved, rejected or flagged by someone other than its creator; a flag raises an alert. */
export async function reviewRecord(
  ctx: TenantScope,
  id: string,
  decision: ComplianceRecordStatus,
  input: ComplianceRecordReviewInput,
): Promise<ComplianceRecord> {
  const current = await findRecord(ctx, id);
  const checks = new InputChecks();
  const note = input.note?.trim() || null;
  if (current.status !== ComplianceRecordStatus.PENDING)
    checks.add('recordId', `Only a pending record can be reviewed; this one is ${current.status}`, 'CONFLICT');
  if (!ctx.caller.userId) checks.add('recordId', 'Records are reviewed by a person, not an API key', 'CONFLICT');
  else if (current.createdById === ctx.caller.userId) checks.add('recordId', 'Four eyes: a record is reviewed by someone other than its creator', 'FOUR_EYES');
  if (decision !== ComplianceRecordStatus.APPROVED && !note) checks.add('note', 'Say why in note');
  checks.refuseIfAny();
  await ctx.tx.manager.query(
    `UPDATE compliance_records SET status = $2, reviewed_by_id = $3, reviewed_at = now(), review_note = $4, updated_at = now() WHERE id = $1`,
    [id, decision, ctx.caller.userId, note],
  );
  if (decision === ComplianceRecordStatus.FLAGGED) {
    await ctx.tx.manager.query(`INSERT INTO alerts (tenant_id, source, severity, message) VALUES ($1, 'compliance', 'critical', left($2, 500))`, [
      ctx.caller.tenantId,
      `${current.kind.toUpperCase()} check on "${current.subjectName}" was flagged: ${note}`,
    ]);
  }
  const record = await ctx.tx.manager.findOneByOrFail(ComplianceRecord, { uuid: id });
  loader(ctx, recordById).clear(id).prime(id, record);
  await ctx.audit.record({
    action: `compliance_record.${decision === ComplianceRecordStatus.APPROVED ? 'approve' : decision === ComplianceRecordStatus.REJECTED ? 'reject' : 'flag'}`,
    entityType: 'ComplianceRecord',
    entityId: id,
    entityName: `${record.kind.toUpperCase()} ${record.subjectName}`,
    before: snapshot(current),
    after: snapshot(record),
  });
  return record;
}
