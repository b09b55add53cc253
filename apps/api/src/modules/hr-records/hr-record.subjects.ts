import { In } from 'typeorm';
import type { EncryptionKeys } from '../../auth/encryption';
import type { TenantScope } from '../../scope';
import { HrRecord } from './hr-record.entity';
import { SubjectField, subjectLookup, subjectMatches } from './hr-record.index';
import { openPersonal } from './hr-record.personal';

const PERSONAL_FIELD = { email: 'subjectEmail', name: 'subjectName' } as const;

interface Candidate {
  id: string;
  email_sealed: string | null;
  name_sealed: string | null;
}

/**
 * The lookup: records whose email hash or one of whose name hashes is among those asked for, plus those not indexed
 * yet (both index columns are always written together, so a NULL email hash marks them), which come back sealed.
 * Every arm is served by an index: (tenant_id, subject_email_index) for `=` and `IS NULL`, the GIN index for `&&`.
 */
export const SUBJECT_LOOKUP_SQL = `SELECT id,
       CASE WHEN subject_email_index IS NULL THEN subject_email_sealed END AS email_sealed,
       CASE WHEN subject_email_index IS NULL THEN subject_name_sealed END AS name_sealed
  FROM hr_records
 WHERE tenant_id = $1 AND (subject_email_index = ANY($2::text[]) OR subject_name_index && $3::text[] OR subject_email_index IS NULL)`;

/** The lookup's parameters: the value's hashes under every data key, for the fields asked for. */
export function subjectLookupParams(keys: EncryptionKeys, tenantId: string, fields: SubjectField[], value: string): [string, string[], string[]] {
  const hashes = (field: SubjectField) => (fields.includes(field) ? subjectLookup(keys, tenantId, field, value) : []);
  return [tenantId, hashes('email'), hashes('name')];
}

/**
 * Ids of the tenant's HR records whose subject's email (or, with 'name' among `fields`, full name or a word of it) is
 * `value`, ignoring case: one statement comparing the blind index (hr-record.index.ts); indexed rows are never opened.
 * Rows not indexed yet (written before migration 17697400000000 and not yet indexed at startup, or by an older API
 * version running beside this one) are opened and compared here, so the answer is right meanwhile.
 */
export async function recordIdsAbout(scope: TenantScope, fields: SubjectField[], value: string): Promise<string[]> {
  const keys = scope.app.config.dataKeys;
  const rows: Candidate[] = await scope.tx.manager.query(SUBJECT_LOOKUP_SQL, subjectLookupParams(keys, scope.caller.tenantId!, fields, value));
  return rows
    .filter((row) => {
      if (row.email_sealed === null) return true;
      const sealed = { uuid: row.id, subjectEmailSealed: row.email_sealed, subjectNameSealed: row.name_sealed } as HrRecord;
      return fields.some((field) => subjectMatches(field, openPersonal(keys, sealed, PERSONAL_FIELD[field]) as string, value));
    })
    .map((row) => row.id);
}

/** The tenant's HR records about the person with `email`, opened (for their personal data export). */
export async function hrRecordsAbout(scope: TenantScope, email: string): Promise<Record<string, unknown>[]> {
  const keys = scope.app.config.dataKeys;
  const ids = await recordIdsAbout(scope, ['email'], email);
  if (!ids.length) return [];
  const records = await scope.tx.manager.find(HrRecord, {
    where: { uuid: In(ids), tenantId: scope.caller.tenantId! },
    order: { createdAt: 'ASC', uuid: 'ASC' },
  });
  return records.map((r) => ({
    id: r.uuid,
    kind: r.kind,
    status: r.status,
    subjectName: openPersonal(keys, r, 'subjectName'),
    subjectEmail: openPersonal(keys, r, 'subjectEmail'),
    data: openPersonal(keys, r, 'data'),
    aiInsights: r.aiInsights,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  }));
}
