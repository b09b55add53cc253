import type { StewardModule } from '../module';
import { OwnSessionResolver } from './session-list.resolver';
import { SessionResolver } from './session.resolver';
import { sessionPermissions } from './session.rules';

export { deliverSession } from './session.resolver';
export { MfaStep, SessionPayload } from './session.payloads';
export { issueSession, registerPasswordSignInGuard, registerSecondFactor } from './session.service';
export type { IssuedSession, MfaChallenge, PasswordSignInGuard, SecondFactor } from './session.service';

export const sessionsModule: StewardModule = {
  name: 'sessions',
  entities: [],
  resolvers: [SessionResolver, OwnSessionResolver],
  permissions: sessionPermissions,
};
