import type { TenantScope } from '../../scope';
import { StewardError } from '../../graphql/errors';
import { todayUtc } from '../costs';
import { BudgetBurndown } from './budget.payloads';
import { periodOf } from './budget-period';
import { findBudget } from './budget.service';

/** A period of a budget day by day (up to today for the current one), and when each threshold was reached: one statement. */
export async function budgetBurndown(ctx: TenantScope, budgetId: string, day: string | null): Promise<BudgetBurndown> {
  const budget = await findBudget(ctx, budgetId);
  const today = todayUtc();
  if (day && day > today) throw StewardError.badInput('period', 'The period must have started');
  const { start, end } = periodOf(budget.period, day ?? today);
  const last = end < today ? end : today;
  const [row]: { days: BudgetBurndown['days']; thresholds: BudgetBurndown['thresholds']; spent: string; remaining: string }[] = await ctx.tx.manager.query(
    `WITH b AS (SELECT * FROM budgets WHERE tenant_id = $1 AND id = $2),
     daily AS (
       SELECT e.incurred_on AS day, sum(e.amount) AS amount FROM cost_entries e, b
       WHERE e.tenant_id = $1 AND e.currency = b.currency AND e.incurred_on BETWEEN $3::date AND $4::date
         AND CASE b.scope WHEN 'agent' THEN e.agent_id = b.agent_id WHEN 'tag' THEN e.tags @> ARRAY[b.tag]
                          WHEN 'category' THEN e.category = b.category ELSE true END
       GROUP BY 1),
     series AS (
       SELECT d::date AS day, coalesce(daily.amount, 0) AS amount, sum(coalesce(daily.amount, 0)) OVER (ORDER BY d) AS cumulative
       FROM generate_series($3::date, $4::date, interval '1 day') d LEFT JOIN daily ON daily.day = d::date)
     SELECT (SELECT json_agg(json_build_object('date', day::text, 'amount', amount::text, 'cumulative', cumulative::text) ORDER BY day) FROM series) AS days,
            (SELECT json_agg(json_build_object('percent', t, 'amount', round(b.amount * t / 100, 6)::text,
                      'reachedOn', (SELECT min(day)::text FROM series WHERE cumulative >= b.amount * t / 100)) ORDER BY t)
             FROM b, unnest(b.thresholds) t) AS thresholds,
            s.spent::text, (b.amount - s.spent)::text AS remaining
     FROM b, (SELECT coalesce(sum(amount), 0) AS spent FROM daily) s`,
    [ctx.caller.tenantId, budget.uuid, start, last],
  );
  return {
    budget,
    periodStart: start,
    periodEnd: end,
    amount: budget.amount,
    spent: row.spent,
    remaining: row.remaining,
    days: row.days ?? [],
    thresholds: row.thresholds ?? [],
  };
}
