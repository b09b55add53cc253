import { costExporters, moneyReaders } from '../../auth/role-groups';
import { PermissionMap } from '../../auth/rules';

/**
 * Money is for admins, developers and analysts. Compliance officers and auditors see budgets and
 * alerts (governance) but no amounts; viewers see neither. Partner apps report costs with a
 * developer or analyst key (e.g. a billing feed). Exports are for admins and analysts.
 */
export const costPermissions: PermissionMap = {
  Query: {
    costEntries: moneyReaders,
    costRollup: moneyReaders,
    costRollupCsv: costExporters,
    costTopAgents: moneyReaders,
    costSummary: moneyReaders,
    costForecast: moneyReaders,
  },
  CostEntry: { '*': moneyReaders },
  CostEntryConnection: { '*': moneyReaders },
  CostEntryEdge: { '*': moneyReaders },
  CostBucket: { '*': moneyReaders },
  AgentSpend: { '*': moneyReaders },
  CostSummary: { '*': moneyReaders },
  CostForecast: { '*': moneyReaders },
  Agent: { costTotal: moneyReaders },
  Mutation: { costEntriesRecord: moneyReaders },
  CostEntriesRecordPayload: { '*': moneyReaders },
  CostEntryOutcome: { '*': moneyReaders },
};
