import type { StewardModule } from '../module';
import { readById } from '../../graphql/read-model';
import { membershipReads } from './membership.reads';
import { Membership } from './membership.entity';
import { MembershipAccountResolver } from './membership-account.resolver';
import { MembershipResolver } from './membership.resolver';
import { membershipPermissions } from './membership.rules';

export { Membership } from './membership.entity';
export { viewerMemberships } from './membership.loaders';
export { membershipReads } from './membership.reads';

export const membershipsModule: StewardModule = {
  name: 'memberships',
  entities: [Membership],
  resolvers: [MembershipResolver, MembershipAccountResolver],
  permissions: membershipPermissions,
  nodes: { Membership: (ctx, id, selection) => readById(ctx, membershipReads, selection).load(id) },
};
