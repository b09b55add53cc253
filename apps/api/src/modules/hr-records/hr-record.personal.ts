import DataLoader from 'dataloader';
import { readAudit } from '../../audit-trail/read-audit';
import type { EncryptionKeys } from '../../auth/encryption';
import { grantedPermissions, PermissionName } from '../../auth/permissions';
import { loader } from '../../graphql/loader';
import type { TenantScope } from '../../scope';
import type { HrRecord } from './hr-record.entity';

/** The personal fields of an HR record: stored sealed, read only with access, every read audited. */
export type PersonalField = 'subjectName' | 'subjectEmail' | 'data';

export const SEALED_COLUMN: Record<PersonalField, 'subjectNameSealed' | 'subjectEmailSealed' | 'dataSealed'> = {
  subjectName: 'subjectNameSealed',
  subjectEmail: 'subjectEmailSealed',
  data: 'dataSealed',
};

/** Authenticated with the value, so a sealed value copied to another record or field does not open there. */
export const sealContext = (recordId: string, field: PersonalField) => `hr_records:${recordId}:${field}`;

export interface PersonalValues {
  subjectName: string;
  subjectEmail: string;
  data: Record<string, unknown>;
}

export function sealPersonal(keys: EncryptionKeys, recordId: string, values: PersonalValues): Record<PersonalField, string> {
  return {
    subjectName: keys.seal(sealContext(recordId, 'subjectName'), values.subjectName),
    subjectEmail: keys.seal(sealContext(recordId, 'subjectEmail'), values.subjectEmail),
    data: keys.seal(sealContext(recordId, 'data'), JSON.stringify(values.data)),
  };
}

export function openPersonal(keys: EncryptionKeys, record: HrRecord, field: PersonalField): unknown {
  const plain = keys.open(sealContext(record.uuid, field), record[SEALED_COLUMN[field]]);
  return field === 'data' ? JSON.parse(plain) : plain;
}

/**
 * Whether the caller reads personal fields: holding hr.read_pii (HR managers, custom roles with it), or running the
 * tenant (admins) when its HR settings allow. Asked once per request.
 */
export const personalAccess = (ctx: TenantScope) =>
  new DataLoader<'caller', boolean>(async (keys) => {
    const held = grantedPermissions(ctx.caller);
    let allowed = held?.has(PermissionName.HR_READ_PII) === true;
    if (!allowed && held?.has(PermissionName.TENANT_MANAGE)) {
      const [row] = await ctx.tx.manager.query(`SELECT admins_read_personal FROM hr_settings WHERE tenant_id = $1`, [ctx.caller.tenantId]);
      allowed = row?.admins_read_personal === true;
    }
    return keys.map(() => allowed);
  });

export const personalReads = readAudit('hr_record.read_personal', 'HrRecord', 'HR record');

/** The field's value for a caller with access (its read audited with the page's others), else null. */
export async function readPersonal(ctx: TenantScope, record: HrRecord, field: PersonalField): Promise<unknown> {
  if (!(await loader(ctx, personalAccess).load('caller'))) return null;
  await loader(ctx, personalReads).load(`${record.uuid}|${field}`);
  return openPersonal(ctx.app.config.dataKeys, record, field);
}
