import type { TenantScope } from '../../scope';
import { subjectIndex } from './hr-record.index';
import { sealPersonal } from './hr-record.personal';
import { recordIdsAbout } from './hr-record.subjects';

/**
 * Erases the tenant's HR records about the person with `email`: pseudonyms in place of who they are, no data, no AI
 * insights. The blind index follows the pseudonym, so the person's hashes are gone with the rest.
 */
export async function eraseHrRecordsAbout(scope: TenantScope, email: string, pseudonym: { name: string; email: string }): Promise<number> {
  const keys = scope.app.config.dataKeys;
  const ids = await recordIdsAbout(scope, ['email'], email);
  const index = subjectIndex(keys, scope.caller.tenantId!, { subjectName: pseudonym.name, subjectEmail: pseudonym.email });
  const sealed = ids.map((id) => sealPersonal(keys, id, { subjectName: pseudonym.name, subjectEmail: pseudonym.email, data: {} }));
  if (ids.length)
    await scope.tx.manager.query(
      `UPDATE hr_records r SET subject_name_sealed = v.name, subject_email_sealed = v.email, data_sealed = v.data, subject_email_index = $5, subject_name_index = $6,
            ai_insights = NULL, ai_insights_at = NULL, updated_at = now()
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS v(id, name, email, data)
      WHERE r.id = v.id`,
      [ids, sealed.map((s) => s.subjectName), sealed.map((s) => s.subjectEmail), sealed.map((s) => s.data), index.email, index.name],
    );
  return ids.length;
}
