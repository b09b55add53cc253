import DataLoader from 'dataloader';
import { In } from 'typeorm';
import type { TenantScope } from '../../scope';
import { byKey } from '../../graphql/loader';
import { todayUtc } from '../costs';
import { Budget } from './budget.entity';
import { periodSql, spendSql } from './budget-period';

export const budgetById = (ctx: TenantScope) =>
  new DataLoader<string, Budget | null>(async (ids) => byKey(ids, await ctx.tx.manager.findBy(Budget, { uuid: In([...ids]) }), (b) => b.uuid));

/** What each budget has spent in its current period, for a page of budgets in one statement. */
export const budgetCurrentSpend = (ctx: TenantScope) =>
  new DataLoader<string, string>(async (ids) => {
    const period = periodSql('b', '$3::date');
    const rows: { id: string; spent: string }[] = await ctx.tx.manager.query(
      `SELECT b.id, ${spendSql('b', period.start, period.end)}::text AS spent FROM budgets b WHERE b.tenant_id = $1 AND b.id = ANY($2::uuid[])`,
      [ctx.caller.tenantId, [...ids], todayUtc()],
    );
    const spent = new Map(rows.map((r) => [r.id, r.spent]));
    return ids.map((id) => spent.get(id) ?? '0');
  });
