import type { StewardModule } from '../module';
import { readById } from '../../graphql/read-model';
import { auditEntryReads } from './audit-entry.reads';
import { AuditEntry } from './audit-entry.entity';
import { AuditEntryResolver } from './audit.resolver';
import { auditPermissions } from './audit.rules';

export { AuditActorType } from './audit-entry.entity';

export const auditModule: StewardModule = {
  name: 'audit',
  entities: [AuditEntry],
  resolvers: [AuditEntryResolver],
  permissions: auditPermissions,
  nodes: {
    AuditEntry: (ctx, id, selection) => readById(ctx, auditEntryReads, selection).load(id),
  },
};
