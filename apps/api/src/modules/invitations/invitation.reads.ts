import { ReadModel } from '../../graphql/read-model';
import { Invitation } from './invitation.entity';

/** Invitations as their list reads them; the token's hash is never selectable (select: false). */
export const invitationReads = new ReadModel(Invitation, {
  table: 'invitations',
  always: ['uuid'],
  needs: { effectiveStatus: ['status', 'expiresAt'], invitedBy: ['invitedById'], customRole: ['customRoleId'] },
});
