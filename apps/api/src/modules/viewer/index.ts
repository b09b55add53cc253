import type { StewardModule } from '../module';
import { ViewerResolver } from './viewer.resolver';
import { viewerPermissions } from './viewer.rules';

export const viewerModule: StewardModule = {
  name: 'viewer',
  entities: [],
  resolvers: [ViewerResolver],
  permissions: viewerPermissions,
};
