import DataLoader from 'dataloader';
import type { StewardContext } from '../../context';
import { DateRange } from './cost-dates';

export interface AgentSpendKey extends DateRange {
  agentId: string;
  currency: string;
}

/**
 * Each agent's spend over a range: one statement per distinct range and currency in the request (a
 * page of agents asks for one), each agent's sum an index-only scan of cost_entries_tenant_agent_day.
 */
export const agentSpend = (ctx: StewardContext) =>
  new DataLoader<AgentSpendKey, string, string>(async (keys) => {
    const groups = new Map<string, AgentSpendKey[]>();
    for (const key of keys) {
      const range = `${key.from}|${key.to}|${key.currency}`;
      groups.set(range, [...(groups.get(range) ?? []), key]);
    }
    const amounts = new Map<string, string>();
    for (const [range, members] of groups) {
      const { from, to, currency } = members[0];
      const ids = [...new Set(members.map((k) => k.agentId))];
      const rows: { id: string; amount: string }[] = await ctx.tx.manager.query(
        `SELECT a.id, coalesce((SELECT sum(e.amount) FROM cost_entries e
                  WHERE e.tenant_id = $1 AND e.agent_id = a.id AND e.incurred_on BETWEEN $3::date AND $4::date AND e.currency = $5), 0)::text AS amount
         FROM unnest($2::uuid[]) AS a(id)`,
        [ctx.caller.tenantId, ids, from, to, currency]);
      for (const row of rows) amounts.set(`${row.id}|${range}`, row.amount);
    }
    return keys.map((k) => amounts.get(`${k.agentId}|${k.from}|${k.to}|${k.currency}`) ?? '0');
  }, { cacheKeyFn: (k) => `${k.agentId}|${k.from}|${k.to}|${k.currency}` });
