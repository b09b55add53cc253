import { admins, trailReaders } from '../../auth/role-groups';
import { PermissionMap } from '../../auth/rules';

export const apiKeyPermissions: PermissionMap = {
  Query: { apiKeys: trailReaders },
  ApiKey: { '*': trailReaders },
  ApiKeyConnection: { '*': trailReaders },
  ApiKeyEdge: { '*': trailReaders },
  Mutation: { apiKeyCreate: admins, apiKeyRevoke: admins },
  ApiKeyCreatePayload: { '*': admins },
  ApiKeyRevokePayload: { '*': admins },
};
