import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { BudgetPeriod } from './budget.entity';

@ObjectType({ description: 'A budget period: first and last day, inclusive' })
export class BudgetPeriodRange {
  @Field(() => GraphQLLocalDate, { description: 'First day of the period (UTC calendar date)' }) start: string;
  @Field(() => GraphQLLocalDate, { description: 'Last day of the period, inclusive (UTC calendar date)' }) end: string;
}

/** The calendar month or quarter (UTC) holding `day`. */
export function periodOf(period: BudgetPeriod, day: string): BudgetPeriodRange {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7)) - 1;
  const first = period === BudgetPeriod.MONTHLY ? month : month - (month % 3);
  const length = period === BudgetPeriod.MONTHLY ? 1 : 3;
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  return { start: iso(new Date(Date.UTC(year, first, 1))), end: iso(new Date(Date.UTC(year, first + length, 0))) };
}

/** SQL for the first and last day of budget `b`'s period holding the date expression `day`. */
export function periodSql(b: string, day: string): { start: string; end: string } {
  const unit = `CASE ${b}.period WHEN 'monthly' THEN 'month' ELSE 'quarter' END`;
  const start = `date_trunc(${unit}, ${day}::timestamp)`;
  return {
    start: `${start}::date`,
    end: `(${start} + CASE ${b}.period WHEN 'monthly' THEN interval '1 month' ELSE interval '3 months' END)::date - 1`,
  };
}

/**
 * SQL for what budget `b` has spent between two date expressions. One branch runs per budget, each
 * with its own index: agent budgets scan cost_entries_tenant_agent_day only.
 */
export function spendSql(b: string, from: string, to: string): string {
  const base = `FROM cost_entries e WHERE e.tenant_id = ${b}.tenant_id AND e.currency = ${b}.currency AND e.incurred_on BETWEEN ${from} AND ${to}`;
  return `coalesce(CASE ${b}.scope
    WHEN 'agent' THEN (SELECT sum(e.amount) ${base} AND e.agent_id = ${b}.agent_id)
    WHEN 'tag' THEN (SELECT sum(e.amount) ${base} AND e.tags @> ARRAY[${b}.tag])
    WHEN 'category' THEN (SELECT sum(e.amount) ${base} AND e.category = ${b}.category)
    ELSE (SELECT sum(e.amount) ${base}) END, 0)`;
}
