import type { StewardModule } from '../module';
import { loader } from '../../graphql/loader';
import { Membership } from './membership.entity';
import { membershipById } from './membership.loaders';
import { MembershipResolver } from './membership.resolver';
import { membershipPermissions } from './membership.rules';

export { Membership } from './membership.entity';
export { membershipsOfUser, viewerMemberships } from './membership.loaders';

export const membershipsModule: StewardModule = {
  name: 'memberships',
  entities: [Membership],
  resolvers: [MembershipResolver],
  permissions: membershipPermissions,
  nodes: { Membership: (ctx, id) => loader(ctx, membershipById).load(id) },
};
