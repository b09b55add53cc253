import { anyOf, hasRole, ownedBy, platformAdmin, PermissionMap, signedIn } from '../../auth/rules';
import { Role } from '../../auth/roles';
import type { User } from './user.entity';

const self = ownedBy('self', (user, ctx) => (user as User).uuid === ctx.caller.userId);

export const userPermissions: PermissionMap = {
  User: {
    '*': signedIn,
    email: anyOf(self, hasRole(Role.admin), platformAdmin),
    lastLoginAt: anyOf(hasRole(Role.admin, Role.auditor), platformAdmin),
  },
  Mutation: { userProfileUpdate: signedIn },
  UserProfileUpdatePayload: { '*': signedIn },
};
