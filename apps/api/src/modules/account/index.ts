import type { StewardModule } from '../module';
import { AccountResolver } from './account.resolver';
import { accountPermissions } from './account.rules';

/** The account lifecycle by mailed single-use links: password reset and email verification. */
export const accountModule: StewardModule = {
  name: 'account',
  entities: [],
  resolvers: [AccountResolver],
  permissions: accountPermissions,
};
