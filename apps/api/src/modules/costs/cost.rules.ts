import { hasRole, PermissionMap } from '../../auth/rules';
import { Role } from '../../auth/roles';

/**
 * Money is for admins, developers and analysts. Compliance officers and auditors see budgets and
 * alerts (governance) but no amounts; viewers see neither. Partner apps report costs with a
 * developer or analyst key (e.g. a billing feed). Exports are for admins and analysts.
 */
export const moneyReaders = hasRole(Role.admin, Role.developer, Role.analyst);
const reporters = hasRole(Role.admin, Role.developer, Role.analyst);
const exporters = hasRole(Role.admin, Role.analyst);

export const costPermissions: PermissionMap = {
  Query: {
    costEntries: moneyReaders, costRollup: moneyReaders, costRollupCsv: exporters, costTopAgents: moneyReaders,
    costSummary: moneyReaders, costForecast: moneyReaders,
  },
  CostEntry: { '*': moneyReaders },
  CostEntryConnection: { '*': moneyReaders },
  CostEntryEdge: { '*': moneyReaders },
  CostBucket: { '*': moneyReaders },
  AgentSpend: { '*': moneyReaders },
  CostSummary: { '*': moneyReaders },
  CostForecast: { '*': moneyReaders },
  Agent: { costTotal: moneyReaders },
  Mutation: { costEntriesRecord: reporters },
  CostEntriesRecordPayload: { '*': reporters },
  CostEntryOutcome: { '*': reporters },
};
