import { hasRole, PermissionMap } from '../../auth/rules';
import { Role } from '../../auth/roles';

const auditReaders = hasRole(Role.admin, Role.auditor);

export const auditPermissions: PermissionMap = {
  Query: { auditEntries: auditReaders, auditEntriesCsv: auditReaders, auditFacets: auditReaders, auditChainVerification: auditReaders },
  AuditFacets: { '*': auditReaders },
  AuditEntry: { '*': auditReaders },
  AuditEntryConnection: { '*': auditReaders },
  AuditEntryEdge: { '*': auditReaders },
  AuditChainVerification: { '*': auditReaders },
};
