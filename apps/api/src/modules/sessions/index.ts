import type { StewardModule } from '../module';
import { SessionResolver } from './session.resolver';
import { sessionPermissions } from './session.rules';

export const sessionsModule: StewardModule = {
  name: 'sessions',
  entities: [],
  resolvers: [SessionResolver],
  permissions: sessionPermissions,
};
