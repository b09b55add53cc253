import type { StewardModule } from '../module';
import { readById } from '../../graphql/read-model';
import { costEntryReads } from './cost-entry.reads';
import { agentReads } from '../agents';
import { agentCostTotal } from './cost.reads';
import { CostEntry } from './cost-entry.entity';
import { AgentCostResolver, CostResolver } from './cost.resolver';
import { costPermissions } from './cost.rules';

export { todayUtc } from './cost-dates';
export { CostCategory, CostEntry, CostProvider } from './cost-entry.entity';
export { recordCostEntries } from './cost-ingestion.service';
export { CostEntryOutcomeStatus } from './cost.payloads';

agentReads.compute('costTotal', agentCostTotal);

export const costsModule: StewardModule = {
  name: 'costs',
  entities: [CostEntry],
  resolvers: [CostResolver, AgentCostResolver],
  permissions: costPermissions,
  nodes: { CostEntry: (ctx, id, selection) => readById(ctx, costEntryReads, selection).load(id) },
};
