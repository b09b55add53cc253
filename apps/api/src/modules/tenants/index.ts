import type { StewardModule } from '../module';
import { loader } from '../../graphql/loader';
import { Tenant } from './tenant.entity';
import { tenantById } from './tenant.loaders';
import { TenantResolver } from './tenant.resolver';
import { tenantPermissions } from './tenant.rules';

export { Tenant } from './tenant.entity';
export { tenantById } from './tenant.loaders';

export const tenantsModule: StewardModule = {
  name: 'tenants',
  entities: [Tenant],
  resolvers: [TenantResolver],
  permissions: tenantPermissions,
  nodes: { Tenant: (ctx, id) => loader(ctx, tenantById).load(id) },
};
