import type { StewardModule } from '../module';
import { AuditEntry } from './audit-entry.entity';
import { AuditEntryResolver } from './audit.resolver';
import { auditPermissions } from './audit.rules';

export { recordAudit, recordFailures, recordSystemAudit } from './audit.service';
export type { AuditDraft } from './audit.service';

export const auditModule: StewardModule = {
  name: 'audit',
  entities: [AuditEntry],
  resolvers: [AuditEntryResolver],
  permissions: auditPermissions,
  nodes: {
    AuditEntry: (ctx, id) => ctx.tx.manager.findOneBy(AuditEntry, { uuid: id }),
  },
};
