import DataLoader from 'dataloader';
import type { TenantScope } from '../../scope';
import { DateRange } from './cost-dates';

/**
 * $1 tenant, $2 agent ids, $3..$4 the days, $5 currency. A correlated sum per agent keeps each one an
 * index-only scan whatever the page size; its plan is pinned by cost-plan.test.ts.
 */
export const AGENT_SPEND_SQL = `SELECT a.id, coalesce((SELECT sum(e.amount) FROM cost_entries e
  WHERE e.tenant_id = $1 AND e.agent_id = a.id AND e.incurred_on BETWEEN $3::date AND $4::date AND e.currency = $5), 0)::text AS amount
FROM unnest($2::uuid[]) AS a(id)`;

type SpendLoaders = Map<DateRange, Map<string, DataLoader<string, string>>>;

/**
 * Each agent's spend over `range` in `currency`, by agent id: one loader, so one statement, per
 * window and currency in the request (a page of agents asks for one), each agent's sum an index-only
 * scan of cost_entries_tenant_agent_day. Windows are told apart by the range object itself, which
 * lastDays() shares between every agent asking for the same days: no key is built per agent.
 */
export function agentSpend(ctx: TenantScope, range: DateRange, currency: string): DataLoader<string, string> {
  let windows = ctx.loaders.get(agentSpend) as SpendLoaders | undefined;
  if (!windows) ctx.loaders.set(agentSpend, (windows = new Map()));
  let byCurrency = windows.get(range);
  if (!byCurrency) windows.set(range, (byCurrency = new Map()));
  let spend = byCurrency.get(currency);
  if (!spend) {
    spend = new DataLoader<string, string>(async (agentIds) => {
      const rows: { id: string; amount: string }[] = await ctx.tx.manager.query(AGENT_SPEND_SQL, [
        ctx.caller.tenantId,
        agentIds,
        range.from,
        range.to,
        currency,
      ]);
      const amounts = new Map(rows.map((row) => [row.id, row.amount]));
      return agentIds.map((id) => amounts.get(id) ?? '0');
    });
    byCurrency.set(currency, spend);
  }
  return spend;
}
