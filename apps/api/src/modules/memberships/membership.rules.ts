import { memberManagers } from '../../auth/role-groups';
import { anyMember, anyOf, ownedBy, PermissionMap, signedIn } from '../../auth/rules';
import type { Membership } from './membership.entity';

const own = ownedBy('own', (m, ctx) => (m as Membership).userId === ctx.caller.userId);

export const membershipPermissions: PermissionMap = {
  Query: { members: anyMember },
  Membership: { '*': anyOf(anyMember, own) },
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
