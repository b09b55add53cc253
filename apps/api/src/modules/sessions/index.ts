import type { StewardModule } from '../module';
import { OwnSessionResolver } from './session-list.resolver';
import { SessionResolver } from './session.resolver';
import { sessionPermissions } from './session.rules';

export { deliverSession } from './session.resolver';
export { SessionPayload } from './session.payloads';
export { issueSession, registerPasswordSignInGuard } from './session.service';
export type { IssuedSession, PasswordSignInGuard } from './session.service';

export const sessionsModule: StewardModule = {
  name: 'sessions',
  entities: [],
  resolvers: [SessionResolver, OwnSessionResolver],
  permissions: sessionPermissions,
};
