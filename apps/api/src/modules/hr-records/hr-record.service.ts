import { randomUUID } from 'node:crypto';
import DataLoader from 'dataloader';
import { In } from 'typeorm';
import type { TenantScope } from '../../scope';
import { Connection, ConnectionArgs, OrderDirection } from '../../graphql/connection';
import { InputChecks, StewardError } from '../../graphql/errors';
import { checkJsonSize } from '../../graphql/json-input';
import { byKey, loader } from '../../graphql/loader';
import { readPage, ReadModel, Selection, SqlParams } from '../../graphql/read-model';
import { HrRecord, HrRecordKind, HrRecordStatus, HrSettings } from './hr-record.entity';
import { HrRecordCreateInput, HrRecordFilter, HrRecordInsightsSetInput, HrRecordUpdateInput, HrSettingsUpdateInput } from './hr-record.inputs';
import { openPersonal, personalAccess, personalReads, PersonalValues, sealPersonal } from './hr-record.personal';
import { dataProblems } from './hr-record.schemas';
import { subjectIndex } from './hr-record.index';
import { recordIdsAbout } from './hr-record.subjects';

export const hrRecordReads = new ReadModel(HrRecord, {
  table: 'hr_records',
  always: ['uuid'],
  needs: {
    subjectName: ['subjectNameSealed'],
    subjectEmail: ['subjectEmailSealed'],
    data: ['dataSealed'],
    createdBy: ['createdById'],
  },
});

export const hrRecordById = (ctx: TenantScope) =>
  new DataLoader<string, HrRecord | null>(async (ids) =>
    byKey(ids, await ctx.tx.manager.findBy(HrRecord, { uuid: In([...ids]), tenantId: ctx.caller.tenantId! }), (r) => r.uuid),
  );

export async function listHrRecords(ctx: TenantScope, page: ConnectionArgs, filter: HrRecordFilter | null, selection: Selection) {
  const params = new SqlParams();
  const where = [`r.tenant_id = ${params.add(ctx.caller.tenantId)}`];
  if (filter?.kinds?.length) where.push(`r.kind = ANY(${params.add(filter.kinds)}::text[])`);
  if (filter?.statuses?.length) where.push(`r.status = ANY(${params.add(filter.statuses)}::text[])`);
  if (filter?.subject?.trim()) where.push(`r.id = ANY(${params.add(await recordsAboutSubject(ctx, filter.subject.trim()))}::uuid[])`);
  return readPage(ctx, hrRecordReads, selection, { alias: 'r', where, params }, page, {
    column: 'r.created_at',
    id: 'r.id',
    direction: OrderDirection.DESC,
    cast: 'timestamptz',
  }) as Promise<Connection<HrRecord>>;
}

/**
 * Ids of the records whose subject's email, full name or a word of the name is `text` (ignoring case and extra spaces):
 * one lookup of the blind index, no record opened (hr-record.subjects.ts). Refused to those who may not read personal fields, whom a
 * match would tell what the fields hold. The matches' fields count as read.
 */
async function recordsAboutSubject(ctx: TenantScope, text: string): Promise<string[]> {
  if (!(await loader(ctx, personalAccess).load('caller')))
    throw StewardError.badInput('filter.subject', "Filtering by subject needs access to HR records' personal fields (HR managers)");
  const ids = await recordIdsAbout(ctx, ['email', 'name'], text);
  await Promise.all(ids.flatMap((id) => ['subjectName', 'subjectEmail'].map((field) => loader(ctx, personalReads).load(`${id}|${field}`))));
  return ids;
}

async function findRecord(ctx: TenantScope, id: string): Promise<HrRecord> {
  const record = await loader(ctx, hrRecordById).load(id);
  if (!record) throw StewardError.notFound('HrRecord');
  return record;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function checkPersonal(checks: InputChecks, kind: HrRecordKind, values: Partial<PersonalValues>): void {
  if (values.subjectName !== undefined && (!values.subjectName || values.subjectName.length > 200))
    checks.add('subjectName', 'subjectName must be 1 to 200 characters');
  if (values.subjectEmail !== undefined && (!EMAIL.test(values.subjectEmail) || values.subjectEmail.length > 320))
    checks.add('subjectEmail', 'subjectEmail must be an email address such as name@example.com');
  if (values.data !== undefined) {
    const sized = checks.check(() => {
      checkJsonSize('data', values.data);
      return true;
    });
    if (sized) for (const problem of dataProblems(kind, values.data)) checks.add('data', `${problem} (schema of ${kind.toUpperCase()} records)`);
  }
}

/** What the audit log keeps of a record: never its personal fields, only its kind and state. */
function snapshot(r: HrRecord): Record<string, unknown> {
  return { kind: r.kind, status: r.status, aiInsights: r.aiInsights !== null };
}

const entityName = (r: HrRecord) => `${r.kind} record`;

export async function createHrRecord(ctx: TenantScope, input: HrRecordCreateInput, id: string = randomUUID()): Promise<HrRecord> {
  const checks = new InputChecks();
  const values: PersonalValues = { subjectName: input.subjectName.trim(), subjectEmail: input.subjectEmail.trim().toLowerCase(), data: input.data };
  checkPersonal(checks, input.kind, values);
  checks.refuseIfAny();
  const sealed = sealPersonal(ctx.app.config.dataKeys, id, values);
  const index = subjectIndex(ctx.app.config.dataKeys, ctx.caller.tenantId!, values);
  await ctx.tx.manager.query(
    `INSERT INTO hr_records (id, tenant_id, kind, status, subject_name_sealed, subject_email_sealed, data_sealed, created_by_id, created_by_api_key_id,
                             subject_email_index, subject_name_index)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      id,
      ctx.caller.tenantId,
      input.kind,
      input.status ?? HrRecordStatus.PENDING,
      sealed.subjectName,
      sealed.subjectEmail,
      sealed.data,
      ctx.caller.userId,
      ctx.caller.apiKeyId,
      index.email,
      index.name,
    ],
  );
  const record = await ctx.tx.manager.findOneByOrFail(HrRecord, { uuid: id });
  await ctx.audit.record({ action: 'hr_record.create', entityType: 'HrRecord', entityId: id, entityName: entityName(record), after: snapshot(record) });
  return record;
}

export async function updateHrRecord(ctx: TenantScope, id: string, input: HrRecordUpdateInput): Promise<HrRecord> {
  const current = await findRecord(ctx, id);
  const keys = ctx.app.config.dataKeys;
  const checks = new InputChecks();
  const changed: Partial<PersonalValues> = {};
  if (input.subjectName != null) changed.subjectName = input.subjectName.trim();
  if (input.subjectEmail != null) changed.subjectEmail = input.subjectEmail.trim().toLowerCase();
  if (input.data != null) changed.data = input.data;
  checkPersonal(checks, current.kind, changed);
  checks.refuseIfAny();
  const values: PersonalValues = {
    subjectName: changed.subjectName ?? (openPersonal(keys, current, 'subjectName') as string),
    subjectEmail: changed.subjectEmail ?? (openPersonal(keys, current, 'subjectEmail') as string),
    data: changed.data ?? (openPersonal(keys, current, 'data') as Record<string, unknown>),
  };
  const sealed = sealPersonal(keys, id, values);
  const index = subjectIndex(keys, ctx.caller.tenantId!, values);
  await ctx.tx.manager.query(
    `UPDATE hr_records SET subject_name_sealed = $2, subject_email_sealed = $3, data_sealed = $4, subject_email_index = $5, subject_name_index = $6, updated_at = now()
     WHERE id = $1`,
    [id, sealed.subjectName, sealed.subjectEmail, sealed.data, index.email, index.name],
  );
  const record = await ctx.tx.manager.findOneByOrFail(HrRecord, { uuid: id });
  loader(ctx, hrRecordById).clear(id).prime(id, record);
  await ctx.audit.record({
    action: 'hr_record.update',
    entityType: 'HrRecord',
    entityId: id,
    entityName: entityName(record),
    before: snapshot(current),
    after: { ...snapshot(record), personalFieldsChanged: Object.keys(changed).sort() },
  });
  return record;
}

/** A record goes ACTIVE or INACTIVE from any other state (a PENDING record becomes ACTIVE or INACTIVE; none goes back to PENDING). */
export async function changeHrRecordStatus(ctx: TenantScope, id: string, status: HrRecordStatus.ACTIVE | HrRecordStatus.INACTIVE): Promise<HrRecord> {
  const current = await findRecord(ctx, id);
  const checks = new InputChecks();
  if (current.status === status) checks.add('recordId', `The record is already ${status}`, 'CONFLICT');
  checks.refuseIfAny();
  await ctx.tx.manager.query(`UPDATE hr_records SET status = $2, updated_at = now() WHERE id = $1`, [id, status]);
  const record = await ctx.tx.manager.findOneByOrFail(HrRecord, { uuid: id });
  loader(ctx, hrRecordById).clear(id).prime(id, record);
  await ctx.audit.record({
    action: status === HrRecordStatus.ACTIVE ? 'hr_record.activate' : 'hr_record.deactivate',
    entityType: 'HrRecord',
    entityId: id,
    entityName: entityName(record),
    before: snapshot(current),
    after: snapshot(record),
  });
  return record;
}

/** Partner apps (API keys) write what their AI concluded; people do not. */
export async function setHrRecordInsights(ctx: TenantScope, id: string, input: HrRecordInsightsSetInput): Promise<HrRecord> {
  const checks = new InputChecks();
  if (!ctx.caller.apiKeyId) checks.add('recordId', 'AI insights are written by partner apps with an API key, not by people', 'CONFLICT');
  checks.check(() => checkJsonSize('insights', input.insights));
  checks.refuseIfAny();
  const current = await findRecord(ctx, id);
  await ctx.tx.manager.query(`UPDATE hr_records SET ai_insights = $2, ai_insights_at = now(), updated_at = now() WHERE id = $1`, [id, input.insights]);
  const record = await ctx.tx.manager.findOneByOrFail(HrRecord, { uuid: id });
  loader(ctx, hrRecordById).clear(id).prime(id, record);
  await ctx.audit.record({
    action: 'hr_record.insights_set',
    entityType: 'HrRecord',
    entityId: id,
    entityName: entityName(record),
    before: snapshot(current),
    after: snapshot(record),
  });
  return record;
}

export async function readHrSettings(ctx: TenantScope): Promise<HrSettings> {
  const [row] = await ctx.tx.manager.query(`SELECT admins_read_personal FROM hr_settings WHERE tenant_id = $1`, [ctx.caller.tenantId]);
  return { adminsReadPersonal: row?.admins_read_personal === true };
}

export async function updateHrSettings(ctx: TenantScope, input: HrSettingsUpdateInput): Promise<HrSettings> {
  const before = await readHrSettings(ctx);
  await ctx.tx.manager.query(
    `INSERT INTO hr_settings (tenant_id, admins_read_personal, updated_by_id) VALUES ($1, $2, $3)
     ON CONFLICT (tenant_id) DO UPDATE SET admins_read_personal = EXCLUDED.admins_read_personal, updated_by_id = EXCLUDED.updated_by_id, updated_at = now()`,
    [ctx.caller.tenantId, input.adminsReadPersonal, ctx.caller.userId],
  );
  loader(ctx, personalAccess).clearAll();
  const after = { adminsReadPersonal: input.adminsReadPersonal };
  await ctx.audit.record({ action: 'hr_settings.update', entityType: 'Tenant', entityId: ctx.caller.tenantId, before: { ...before }, after });
  return after;
}
