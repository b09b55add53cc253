import type { ComputedField } from '../../graphql/read-model';
import { lastDays, MAX_RANGE_DAYS } from './cost-dates';

const CURRENCY = /^[A-Z]{3}$/;

/** Identifies an agent's spend window, as the costTotal resolver looks it up: the days up to the day the page was read. */
export function spendKey(days: number, currency: string): string {
  return `${days}|${currency}`;
}

/**
 * An agent's costTotal computed in the agent page's own statement: the same sum as the agentSpend
 * loader (AGENT_SPEND_SQL), an index-only scan per agent. Days and currency are inlined once validated (the day
 * moves, so the statement text changes daily); anything else is left to the resolver.
 */
export const agentCostTotal: ComputedField = {
  key: (args) => spendKey(args.days as number, args.currency as string),
  sql(args, alias) {
    const { days, currency } = args;
    if (!Number.isInteger(days) || (days as number) < 1 || (days as number) > MAX_RANGE_DAYS) return null;
    if (typeof currency !== 'string' || !CURRENCY.test(currency)) return null;
    const { from, to } = lastDays(days as number);
    return (
      `coalesce((SELECT sum(e.amount) FROM cost_entries e WHERE e.tenant_id = ${alias}.tenant_id AND e.agent_id = ${alias}.id` +
      ` AND e.incurred_on BETWEEN '${from}'::date AND '${to}'::date AND e.currency = '${currency}'), 0)::text`
    );
  },
};
