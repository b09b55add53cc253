import type { TenantScope } from '../../scope';
import { HrRecord } from './hr-record.entity';
import { openPersonal } from './hr-record.personal';

/**
 * The tenant's HR records about the person with `email`, opened: the email is sealed, so each record's is opened and
 * compared (a tenant's HR records number in the thousands at most).
 */
export async function hrRecordsAbout(scope: TenantScope, email: string): Promise<Record<string, unknown>[]> {
  const keys = scope.app.config.dataKeys;
  const records = await scope.tx.manager.findBy(HrRecord, { tenantId: scope.caller.tenantId! });
  return records
    .filter((r) => (openPersonal(keys, r, 'subjectEmail') as string).toLowerCase() === email.toLowerCase())
    .map((r) => ({
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
