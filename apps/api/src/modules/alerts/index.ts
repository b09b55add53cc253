import type { StewardModule } from '../module';
import { readById } from '../../graphql/read-model';
import { alertReads } from './alert.reads';
import { Alert } from './alert.entity';
import { AlertResolver } from './alert.resolver';
import { alertPermissions } from './alert.rules';

export { Alert, AlertSeverity } from './alert.entity';
export { alertById } from './alert.loaders';
export { resolveEndedAlerts } from './alert.service';

export const alertsModule: StewardModule = {
  name: 'alerts',
  entities: [Alert],
  resolvers: [AlertResolver],
  permissions: alertPermissions,
  nodes: { Alert: (ctx, id, selection) => readById(ctx, alertReads, selection).load(id) },
};
