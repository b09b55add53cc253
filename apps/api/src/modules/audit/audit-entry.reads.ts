import { ReadModel } from '../../graphql/read-model';
import { AuditEntry } from './audit-entry.entity';

export const auditEntryReads = new ReadModel(AuditEntry, {
  table: 'audit_entries',
  always: ['uuid'],
  needs: { entityGlobalId: ['entityType', 'entityId'], actorUser: ['actorUserId'], actorApiKey: ['actorApiKeyId'] },
});
