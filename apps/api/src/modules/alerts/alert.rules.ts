import { hasRole, PermissionMap } from '../../auth/rules';
import { Role } from '../../auth/roles';
import { governanceReaders } from '../budgets';
import { moneyReaders } from '../costs';

/** Those who answer for spend act on alerts; compliance officers and auditors follow them. */
const responders = hasRole(Role.admin, Role.developer, Role.analyst);

export const alertPermissions: PermissionMap = {
  Query: { alerts: governanceReaders },
  Alert: { '*': governanceReaders, spend: moneyReaders },
  AlertConnection: { '*': governanceReaders },
  AlertEdge: { '*': governanceReaders },
  Mutation: { alertAcknowledge: responders, alertResolve: responders },
  AlertPayload: { '*': responders },
};
