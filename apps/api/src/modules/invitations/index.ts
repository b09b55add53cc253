import type { StewardModule } from '../module';
import { Invitation } from './invitation.entity';
import { InvitationResolver } from './invitation.resolver';
import { invitationPermissions } from './invitation.rules';

export { Invitation } from './invitation.entity';
export { createInvitation } from './invitation.service';

export const invitationsModule: StewardModule = {
  name: 'invitations',
  entities: [Invitation],
  resolvers: [InvitationResolver],
  permissions: invitationPermissions,
  nodes: { Invitation: (ctx, id) => ctx.tx.manager.findOneBy(Invitation, { uuid: id }) },
};
