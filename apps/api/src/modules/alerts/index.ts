import type { StewardModule } from '../module';
import { loader } from '../../graphql/loader';
import { Alert } from './alert.entity';
import { alertById } from './alert.loaders';
import { AlertResolver } from './alert.resolver';
import { alertPermissions } from './alert.rules';

export { AlertSeverity } from './alert.entity';
export { resolveEndedAlerts } from './alert.service';

export const alertsModule: StewardModule = {
  name: 'alerts',
  entities: [Alert],
  resolvers: [AlertResolver],
  permissions: alertPermissions,
  nodes: { Alert: (ctx, id) => loader(ctx, alertById).load(id) },
};
