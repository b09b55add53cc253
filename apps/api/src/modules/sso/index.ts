import type { StewardModule } from '../module';
import { registerPasswordSignInGuard } from '../sessions';
import { SsoConnection } from './sso.entity';
import { SsoResolver } from './sso.resolver';
import { ssoPermissions } from './sso.rules';
import { passwordRefusal } from './sso.service';

export { resealSsoSecrets } from './sso.secrets';
export { passwordRefusal, secretContext } from './sso.service';

// A tenant set to "SSO only" refuses its members' passwords.
registerPasswordSignInGuard(passwordRefusal);

export const ssoModule: StewardModule = {
  name: 'sso',
  entities: [SsoConnection],
  resolvers: [SsoResolver],
  permissions: ssoPermissions,
};
