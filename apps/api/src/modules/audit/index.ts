import type { StewardModule } from '../module';
import { AuditEntry } from './audit-entry.entity';
import { AuditEntryResolver } from './audit.resolver';
import { auditPermissions } from './audit.rules';

export const auditModule: StewardModule = {
  name: 'audit',
  entities: [AuditEntry],
  resolvers: [AuditEntryResolver],
  permissions: auditPermissions,
  nodes: {
    AuditEntry: (ctx, id) => ctx.tx.manager.findOneBy(AuditEntry, { uuid: id }),
  },
};
