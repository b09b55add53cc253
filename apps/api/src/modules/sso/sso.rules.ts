import { admins } from '../../auth/role-groups';
import { everyone, PermissionMap } from '../../auth/rules';

/** The connection (issuer, client, domains, SSO-only) is for admins; starting and completing a sign-in is for anyone. */
export const ssoPermissions: PermissionMap = {
  Query: { ssoConnection: admins },
  SsoConnection: { '*': admins },
  Mutation: { ssoConnectionSave: admins, ssoConnectionDelete: admins, ssoSignInStart: everyone, ssoSignInComplete: everyone },
  SsoConnectionPayload: { '*': admins },
  SsoSignInStartPayload: { '*': everyone },
};
