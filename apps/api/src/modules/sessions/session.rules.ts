import { everyone, PermissionMap, signedIn } from '../../auth/rules';

export const sessionPermissions: PermissionMap = {
  Mutation: { sessionCreate: everyone, sessionRefresh: everyone, sessionRevoke: everyone, sessionTenantSwitch: signedIn },
  SessionPayload: { '*': everyone },
  SessionRevokePayload: { '*': everyone },
};
