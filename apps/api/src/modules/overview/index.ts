import type { StewardModule } from '../module';
import { TenantOverviewResolver } from './overview.resolver';
import { overviewPermissions } from './overview.rules';

export const overviewModule: StewardModule = {
  name: 'overview',
  entities: [],
  resolvers: [TenantOverviewResolver],
  permissions: overviewPermissions,
};
