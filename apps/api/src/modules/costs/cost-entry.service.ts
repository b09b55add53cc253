import type { TenantScope } from '../../scope';
import { Connection, ConnectionArgs, OrderDirection } from '../../graphql/connection';
import { readPage, Selection, SqlParams } from '../../graphql/read-model';
import { DateRange } from './cost-dates';
import { costWhere } from './cost-filter.sql';
import { CostFilter } from './cost.inputs';
import { CostEntry } from './cost-entry.entity';
import { costEntryReads } from './cost-entry.reads';

/** The ledger's lines, newest day first: for drilling down from a bucket to what it is made of. */
export function listCostEntries(
  ctx: TenantScope,
  page: ConnectionArgs,
  range: DateRange,
  filter: CostFilter | null,
  selection: Selection,
): Promise<Connection<CostEntry>> {
  const params = new SqlParams();
  const where = costWhere(ctx.caller.tenantId!, range, filter, (value) => params.add(value));
  return readPage(ctx, costEntryReads, selection, { alias: 'e', where: [where], params }, page, {
    column: 'e.incurred_on',
    id: 'e.id',
    direction: OrderDirection.DESC,
    cast: 'date',
  });
}
