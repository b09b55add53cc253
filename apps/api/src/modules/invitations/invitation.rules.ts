import { admins } from '../../auth/role-groups';
import { everyone, PermissionMap } from '../../auth/rules';

export const invitationPermissions: PermissionMap = {
  Query: { invitations: admins },
  Invitation: { '*': admins },
  InvitationConnection: { '*': admins },
  InvitationEdge: { '*': admins },
  Mutation: { invitationCreate: admins, invitationRevoke: admins, invitationAccept: everyone },
  InvitationCreatePayload: { '*': admins },
  InvitationRevokePayload: { '*': admins },
  InvitationAcceptPayload: { '*': everyone },
};
