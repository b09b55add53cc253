import type { StewardModule } from '../module';
import { registerSecondFactor } from '../sessions';
import { MfaResolver } from './mfa.resolver';
import { mfaPermissions } from './mfa.rules';
import { challengeFor, mustEnrol } from './mfa.service';

export { resealMfaSecrets } from './mfa.secrets';

// A password sign-in asks for the second factor (or its enrolment) before any session.
registerSecondFactor({ challenge: challengeFor, mustEnrol });

export const mfaModule: StewardModule = {
  name: 'mfa',
  entities: [],
  resolvers: [MfaResolver],
  permissions: mfaPermissions,
};
