import { memberManagers } from '../../auth/role-groups';
import { anyMember, anyOf, ownedBy, PermissionMap, signedIn } from '../../auth/rules';
import type { Membership } from './membership.entity';

const own = ownedBy('own', (m, ctx) => (m as Membership).userId === ctx.caller.userId);

export const membershipPermissions: PermissionMap = {
  Query: { members: anyMember },
  // Whether a member has a second factor is for those who may reset it (membershipMfaReset).
  Membership: { '*': anyOf(anyMember, own), mfaEnabled: memberManagers },
  MembershipConnection: { '*': anyMember },
  MembershipEdge: { '*': anyMember },
  Mutation: {
    membershipRoleChange: memberManagers,
    membershipRemove: memberManagers,
    membershipSessionsEnd: memberManagers,
    membershipAccountDeactivate: memberManagers,
    membershipAccountReactivate: memberManagers,
  },
  MembershipRoleChangePayload: { '*': signedIn },
  MembershipRemovePayload: { '*': signedIn },
  MembershipAccountPayload: { '*': signedIn },
  MembershipSessionsEndPayload: { '*': signedIn },
};
