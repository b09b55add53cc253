import { memberManagers } from '../../auth/role-groups';
import { everyone, PermissionMap } from '../../auth/rules';

export const invitationPermissions: PermissionMap = {
  Query: { invitations: memberManagers, invitationPreview: everyone },
  InvitationPreview: { '*': everyone },
  Invitation: { '*': memberManagers },
  InvitationConnection: { '*': memberManagers },
  InvitationEdge: { '*': memberManagers },
  Mutation: { invitationCreate: memberManagers, invitationRevoke: memberManagers, invitationAccept: everyone },
  InvitationCreatePayload: { '*': memberManagers },
  InvitationRevokePayload: { '*': memberManagers },
  InvitationAcceptPayload: { '*': everyone },
};
