import { memberManagers, trailReaders } from '../../auth/role-groups';
import { anyOf, ownedBy, platformAdmin, PermissionMap, signedIn } from '../../auth/rules';
import type { User } from './user.entity';

const self = ownedBy('self', (user, ctx) => (user as User).uuid === ctx.caller.userId);

export const userPermissions: PermissionMap = {
  User: {
    '*': signedIn,
    email: anyOf(self, memberManagers, platformAdmin),
    lastLoginAt: anyOf(trailReaders, platformAdmin),
  },
  Mutation: { userProfileUpdate: signedIn },
  UserProfileUpdatePayload: { '*': signedIn },
};
