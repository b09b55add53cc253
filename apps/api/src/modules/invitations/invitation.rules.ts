import { everyone, hasRole, PermissionMap } from '../../auth/rules';
import { Role } from '../../auth/roles';

const admins = hasRole(Role.admin);

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
