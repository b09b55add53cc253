import { everyone, PermissionMap, signedIn } from '../../auth/rules';

export const sessionPermissions: PermissionMap = {
  Query: { sessions: signedIn },
  Mutation: {
    sessionCreate: everyone,
    sessionRefresh: everyone,
    sessionRevoke: everyone,
    sessionTenantSwitch: signedIn,
    sessionEnd: signedIn,
    sessionEndOthers: signedIn,
  },
  Session: { '*': signedIn },
  SessionPayload: { '*': everyone },
  SessionRevokePayload: { '*': everyone },
  SessionEndPayload: { '*': signedIn },
  SessionEndOthersPayload: { '*': signedIn },
};
