import { hasRole, PermissionMap } from '../../auth/rules';
import { Role } from '../../auth/roles';

const admins = hasRole(Role.admin);
const readers = hasRole(Role.admin, Role.auditor);

export const apiKeyPermissions: PermissionMap = {
  Query: { apiKeys: readers },
  ApiKey: { '*': readers },
  ApiKeyConnection: { '*': readers },
  ApiKeyEdge: { '*': readers },
  Mutation: { apiKeyCreate: admins, apiKeyRevoke: admins },
  ApiKeyCreatePayload: { '*': admins },
  ApiKeyRevokePayload: { '*': admins },
};
