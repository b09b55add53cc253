import { apiKeyManagers, trailReaders } from '../../auth/role-groups';
import { PermissionMap } from '../../auth/rules';

export const apiKeyPermissions: PermissionMap = {
  Query: { apiKeys: trailReaders },
  ApiKey: { '*': trailReaders },
  ApiKeyOperation: { '*': trailReaders },
  ApiKeyConnection: { '*': trailReaders },
  ApiKeyEdge: { '*': trailReaders },
  Mutation: { apiKeyCreate: apiKeyManagers, apiKeyRevoke: apiKeyManagers },
  ApiKeyCreatePayload: { '*': apiKeyManagers },
  ApiKeyRevokePayload: { '*': apiKeyManagers },
};
