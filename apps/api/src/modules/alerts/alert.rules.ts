import { budgetReaders, moneyReaders } from '../../auth/role-groups';
import { PermissionMap } from '../../auth/rules';

/** Those who answer for spend act on alerts; compliance officers and auditors follow them. */
export const alertPermissions: PermissionMap = {
  Query: { alerts: budgetReaders },
  Subscription: { alertChanged: budgetReaders },
  Alert: { '*': budgetReaders, spend: moneyReaders },
  AlertConnection: { '*': budgetReaders },
  AlertEdge: { '*': budgetReaders },
  Mutation: { alertAcknowledge: moneyReaders, alertResolve: moneyReaders },
  AlertPayload: { '*': moneyReaders },
};
