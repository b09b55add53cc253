import type { TenantScope } from '../../scope';
import { HrRecord } from './hr-record.entity';
import { openPersonal, sealPersonal } from './hr-record.personal';

/** Erases the tenant's HR records about the person with `email`: pseudonyms in place of who they are, no data, no AI insights. */
export async function eraseHrRecordsAbout(scope: TenantScope, email: string, pseudonym: { name: string; email: string }): Promise<number> {
  const keys = scope.app.config.dataKeys;
  const records = await scope.tx.manager.findBy(HrRecord, { tenantId: scope.caller.tenantId! });
  const about = records.filter((r) => (openPersonal(keys, r, 'subjectEmail') as string).toLowerCase() === email.toLowerCase());
  for (const r of about) {
    const sealed = sealPersonal(keys, r.uuid, { subjectName: pseudonym.name, subjectEmail: pseudonym.email, data: {} });
    await scope.tx.manager.query(
      `UPDATE hr_records SET subject_name_sealed = $2, subject_email_sealed = $3, data_sealed = $4, ai_insights = NULL, ai_insights_at = NULL, updated_at = now()
       WHERE id = $1`,
      [r.uuid, sealed.subjectName, sealed.subjectEmail, sealed.data],
    );
  }
  return about.length;
}
