import type { TenantScope } from '../../scope';
import { Connection, ConnectionArgs, OrderDirection, paginate } from '../../graphql/connection';
import { DateRange } from './cost-dates';
import { costWhere } from './cost-filter.sql';
import { CostFilter } from './cost.inputs';
import { CostEntry } from './cost-entry.entity';

/** The ledger's lines, newest day first: for drilling down from a bucket to what it is made of. */
export function listCostEntries(ctx: TenantScope, page: ConnectionArgs, range: DateRange, filter: CostFilter | null): Promise<Connection<CostEntry>> {
  const values: Record<string, unknown> = {};
  const where = costWhere(ctx.caller.tenantId!, range, filter, (value) => {
    const name = `f${Object.keys(values).length}`;
    values[name] = value;
    return `:${name}`;
  });
  const qb = ctx.tx.manager.createQueryBuilder(CostEntry, 'e').where(where, values);
  return paginate(ctx.tx.manager, qb, page, { column: 'e.incurred_on', id: 'e.id', direction: OrderDirection.DESC, idOf: (e) => e.uuid, cast: 'date' });
}
