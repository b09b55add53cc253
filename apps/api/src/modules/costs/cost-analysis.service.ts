import type { TenantScope } from '../../scope';
import { StewardError } from '../../graphql/errors';
import { toGlobalId } from '../../graphql/global-id';
import { readById, type Selection } from '../../graphql/read-model';
import { agentReads } from '../agents';
import { addDays, daysBetween, DateRange, todayUtc } from './cost-dates';
import { costWhere, positional } from './cost-filter.sql';
import { CostDimension, CostFilter, CostInterval, TOP_AGENTS_MAX } from './cost.inputs';
import { AgentSpend, CostBucket, CostForecast, CostSummary } from './cost.types';

export const MAX_BUCKETS = 5000;

const periodSql: Record<CostInterval, string> = {
  [CostInterval.DAY]: 'e.incurred_on',
  [CostInterval.WEEK]: `date_trunc('week', e.incurred_on::timestamp)::date`,
  [CostInterval.MONTH]: `date_trunc('month', e.incurred_on::timestamp)::date`,
};

/** The grouping key (as text; providers and categories as their GraphQL enum values) and its label; agents are labelled by name, missing keys as "Unallocated". */
const dimensionSql: Record<CostDimension, { key: string; label: string; join?: string }> = {
  [CostDimension.AGENT]: { key: 'e.agent_id::text', label: `coalesce(a.name, 'Unallocated')`, join: 'LEFT JOIN agents a ON a.id = e.agent_id' },
  [CostDimension.PROVIDER]: { key: 'upper(e.provider)', label: 'e.provider' },
  [CostDimension.SERVICE]: { key: 'e.service', label: 'e.service' },
  [CostDimension.CATEGORY]: { key: 'upper(e.category)', label: 'e.category' },
  [CostDimension.TAG]: {
    key: 'tag',
    label: `coalesce(tag, 'Untagged')`,
    join: `CROSS JOIN LATERAL unnest(CASE WHEN cardinality(e.tags) = 0 THEN '{NULL}'::text[] ELSE e.tags END) AS tag`,
  },
  [CostDimension.REGION]: { key: 'e.region', label: `coalesce(e.region, 'No region')` },
  // By the architecture the entry is linked to (its id and current name), never by the free-text name reported.
  [CostDimension.ARCHITECTURE]: {
    key: 'e.architecture_id::text',
    label: `coalesce(r.name, 'Unallocated')`,
    join: 'LEFT JOIN architectures r ON r.tenant_id = e.tenant_id AND r.id = e.architecture_id',
  },
};

/** Totals per period and group, in one statement; refuses answers of more than MAX_BUCKETS buckets. */
export async function costRollup(
  ctx: TenantScope,
  range: DateRange,
  filter: CostFilter | null,
  groupBy: CostDimension | null,
  interval: CostInterval | null,
): Promise<CostBucket[]> {
  const params: unknown[] = [];
  const where = costWhere(ctx.caller.tenantId!, range, filter, positional(params));
  const period = interval ? periodSql[interval] : `${positional(params)(range.from)}::date`;
  const dimension = groupBy ? dimensionSql[groupBy] : { key: 'NULL::text', label: `'Total'` };
  const rows: { period: string; key: string | null; label: string; amount: string; quantity: string; entries: number }[] = await ctx.tx.manager.query(
    `SELECT ${period}::text AS period, ${dimension.key} AS key, ${dimension.label} AS label,
            sum(e.amount)::text AS amount, sum(e.quantity)::text AS quantity, count(*)::int AS entries
     FROM cost_entries e ${dimension.join ?? ''}
     WHERE ${where}
     GROUP BY 1, 2, 3
     ORDER BY 1, sum(e.amount) DESC, 2 NULLS LAST
     LIMIT ${MAX_BUCKETS + 1}`,
    params,
  );
  if (rows.length > MAX_BUCKETS)
    throw StewardError.badInput('interval', `The answer would have over ${MAX_BUCKETS} buckets: use a shorter range, a longer interval or a coarser grouping`);
  const globalType = groupBy === CostDimension.AGENT ? 'Agent' : groupBy === CostDimension.ARCHITECTURE ? 'Architecture' : null;
  return rows.map((r) => ({ ...r, key: globalType && r.key ? toGlobalId(globalType, r.key) : r.key }));
}

/** `agents` is what the query selects under each item's agent: the agents are read with those columns only. */
export async function costTopAgents(ctx: TenantScope, range: DateRange, limit: number, filter: CostFilter | null, agents: Selection): Promise<AgentSpend[]> {
  if (limit < 1 || limit > TOP_AGENTS_MAX) throw StewardError.badInput('limit', `limit must be between 1 and ${TOP_AGENTS_MAX}`);
  const params: unknown[] = [];
  const where = costWhere(ctx.caller.tenantId!, range, filter, positional(params));
  const rows: { agent_id: string; amount: string; entries: number }[] = await ctx.tx.manager.query(
    `SELECT e.agent_id, sum(e.amount)::text AS amount, count(*)::int AS entries
     FROM cost_entries e WHERE ${where} AND e.agent_id IS NOT NULL
     GROUP BY e.agent_id ORDER BY sum(e.amount) DESC, e.agent_id LIMIT ${limit}`,
    params,
  );
  const found = await readById(ctx, agentReads, agents).loadMany(rows.map((r) => r.agent_id));
  return rows.map((r, i) => ({ agent: found[i] instanceof Error ? null : found[i], amount: r.amount, entries: r.entries }) as AgentSpend);
}

/** The range against the same number of days just before it, in one statement. */
export async function costSummary(ctx: TenantScope, range: DateRange, filter: CostFilter | null): Promise<CostSummary> {
  const days = daysBetween(range.from, range.to) + 1;
  const previous = { from: addDays(range.from, -days), to: addDays(range.from, -1) };
  const params: unknown[] = [];
  const where = costWhere(ctx.caller.tenantId!, { from: previous.from, to: range.to }, filter, positional(params));
  params.push(range.from);
  const current = `$${params.length}::date`;
  const [row]: { total: string; previous: string; change: string; percent: string | null; entries: number }[] = await ctx.tx.manager.query(
    `SELECT t.total::text, t.previous::text, (t.total - t.previous)::text AS change,
            round((t.total - t.previous) * 100 / nullif(t.previous, 0), 2)::text AS percent, t.entries
     FROM (SELECT coalesce(sum(e.amount) FILTER (WHERE e.incurred_on >= ${current}), 0) AS total,
                  coalesce(sum(e.amount) FILTER (WHERE e.incurred_on < ${current}), 0) AS previous,
                  count(*) FILTER (WHERE e.incurred_on >= ${current})::int AS entries
           FROM cost_entries e WHERE ${where}) t`,
    params,
  );
  return {
    from: range.from,
    to: range.to,
    previousFrom: previous.from,
    previousTo: previous.to,
    currency: filter?.currency ?? 'USD',
    total: row.total,
    previousTotal: row.previous,
    change: row.change,
    changePercent: row.percent,
    entries: row.entries,
  };
}

/** Month-to-date up to `asOf`, the daily run rate so far, and the month's end at that rate. */
export async function costForecast(ctx: TenantScope, asOf: string | null, filter: CostFilter | null): Promise<CostForecast> {
  const day = asOf ?? todayUtc();
  if (day > todayUtc()) throw StewardError.badInput('asOf', 'asOf must not be in the future');
  const monthStart = `${day.slice(0, 8)}01`;
  const nextMonth = new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)), 1)).toISOString().slice(0, 10);
  const daysElapsed = daysBetween(monthStart, day) + 1;
  const daysInMonth = daysBetween(monthStart, nextMonth);
  const params: unknown[] = [];
  const where = costWhere(ctx.caller.tenantId!, { from: monthStart, to: day }, filter, positional(params));
  const [row]: { mtd: string; rate: string; projected: string }[] = await ctx.tx.manager.query(
    `SELECT t.mtd::text, round(t.mtd / ${daysElapsed}, 6)::text AS rate, round(t.mtd + t.mtd / ${daysElapsed} * ${daysInMonth - daysElapsed}, 6)::text AS projected
     FROM (SELECT coalesce(sum(e.amount), 0) AS mtd FROM cost_entries e WHERE ${where}) t`,
    params,
  );
  return {
    monthStart,
    asOf: day,
    daysElapsed,
    daysInMonth,
    currency: filter?.currency ?? 'USD',
    monthToDate: row.mtd,
    dailyRunRate: row.rate,
    projectedMonthEnd: row.projected,
  };
}
