import type { StewardModule } from '../module';
import { loader } from '../../graphql/loader';
import { CustomRole } from './role.entity';
import { customRoleById } from './role.loaders';
import { CustomRoleResolver } from './role.resolver';
import { rolePermissions } from './role.rules';

export { CustomRole } from './role.entity';
export { customRoleById } from './role.loaders';
export { findCustomRole, refuseBeyondCaller, roleToGive } from './role.service';

export const rolesModule: StewardModule = {
  name: 'roles',
  entities: [CustomRole],
  resolvers: [CustomRoleResolver],
  permissions: rolePermissions,
  nodes: { CustomRole: (ctx, id) => loader(ctx, customRoleById).load(id) },
};
