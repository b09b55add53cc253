import { trailReaders } from '../../auth/role-groups';
import { PermissionMap } from '../../auth/rules';

export const auditPermissions: PermissionMap = {
  Query: { auditEntries: trailReaders, auditEntriesCsv: trailReaders, auditFacets: trailReaders, auditChainVerification: trailReaders },
  AuditFacets: { '*': trailReaders },
  AuditEntry: { '*': trailReaders },
  AuditEntryConnection: { '*': trailReaders },
  AuditEntryEdge: { '*': trailReaders },
  AuditChainVerification: { '*': trailReaders },
};
