import { ReadModel } from '../../graphql/read-model';
import { CostEntry } from './cost-entry.entity';

export const costEntryReads = new ReadModel(CostEntry, { table: 'cost_entries', always: ['uuid'], needs: { linkedArchitecture: ['architectureId'] } });
