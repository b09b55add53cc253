import type { TenantScope } from '../../scope';
import { Selection } from '../../graphql/read-model';
import { Agent, agentReads } from '../agents';
import { UserInputProblem } from '../../graphql/errors';
import { labelProblem, unitOf } from './metric.definitions';
import { MAX_SERIES_AGENTS, MetricSeriesInput } from './metric.inputs';
import { RetentionDays, retentionGuess, retentionRead, SETTINGS_SQL, SettingsRow, tenantRetention } from './metric-settings';
import { MetricResolution, MetricSeries, MetricSeriesResult } from './metric.types';
import { agentUuidOf } from './metric-ingestion.service';

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;
const MAX_BUCKETS = 2000;
const TARGET_BUCKETS = 120;
const NICE_STEPS = [60, 300, 600, 900, 1800, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 7 * DAY];

interface Tier {
  resolution: MetricResolution;
  seconds: number;
  table: string;
  retention: (r: RetentionDays) => number;
}

/** Coarsest first: a query takes the first tier whose bucket divides its step and whose retention covers its range. */
const TIERS: Tier[] = [
  { resolution: MetricResolution.DAY, seconds: DAY, table: 'metric_rollups_day', retention: (r) => r.dayDays },
  { resolution: MetricResolution.HOUR, seconds: HOUR, table: 'metric_rollups_hour', retention: (r) => r.hourDays },
  { resolution: MetricResolution.MINUTE, seconds: MINUTE, table: 'metric_rollups_minute', retention: (r) => r.minuteDays },
  { resolution: MetricResolution.RAW, seconds: 1, table: 'metric_points', retention: (r) => r.rawDays },
];

export interface SeriesPlan {
  tier: Tier;
  step: number;
  from: Date;
  to: Date;
}

/**
 * Picks the store and step for a range: the requested step (or about 120 buckets) rounded to a
 * tier's bucket, the coarsest tier fitting it; when that tier's retention does not reach back to
 * `from`, a coarser tier (and step) that does. Label filters need raw points.
 */
export function planSeries(fromIn: Date, toIn: Date, stepIn: number | null | undefined, retention: RetentionDays, byLabels: boolean, now: number): SeriesPlan {
  const to = toIn;
  const rangeSeconds = Math.max(1, (to.getTime() - fromIn.getTime()) / 1000);
  let step = stepIn ?? NICE_STEPS.find((s) => rangeSeconds / s <= TARGET_BUCKETS) ?? 7 * DAY;
  if (!Number.isInteger(step) || step < 1) throw new UserInputProblem('stepSeconds', 'stepSeconds must be a whole number of seconds, at least 1');
  const age = (now - fromIn.getTime()) / 86_400_000;
  const candidates = byLabels ? TIERS.slice(3) : TIERS;
  let tier = candidates.find((t) => step >= t.seconds && step % t.seconds === 0 && t.retention(retention) >= age);
  if (!tier) {
    // Nothing fine enough reaches back that far: the finest tier that does, at its own bucket size or more.
    tier = [...candidates].reverse().find((t) => t.retention(retention) >= age) ?? candidates[0];
    step = Math.max(tier.seconds, Math.ceil(step / tier.seconds) * tier.seconds);
  }
  const keptSince = now - tier.retention(retention) * 86_400_000;
  const from = new Date(Math.floor(Math.max(fromIn.getTime(), keptSince) / 1000 / step) * step * 1000);
  if ((to.getTime() - from.getTime()) / 1000 / step > MAX_BUCKETS)
    throw new UserInputProblem('stepSeconds', `The range holds more than ${MAX_BUCKETS} buckets of ${step} s; choose a larger step or a shorter range`);
  return { tier, step, from, to };
}

/** One agent's buckets as parallel JSON arrays, built by PostgreSQL: one row per agent, parsed by JSON.parse, not a row per bucket. */
interface SeriesRow {
  agent_id: string;
  /** Bucket starts in epoch milliseconds. */
  at: number[];
  avg?: number[];
  sum?: number[];
  min?: number[];
  max?: number[];
  count?: number[];
  p95?: number[];
  [agentColumn: string]: unknown;
}

const LISTS = ['avg', 'sum', 'min', 'max', 'count', 'p95'] as const;
export type List = (typeof LISTS)[number];
/** Each list of a series as PostgreSQL aggregates it from `buckets`, in time order. */
export const LIST_SQL: Record<List, string> = {
  avg: 'json_agg(CASE WHEN count > 0 THEN sum / count::float8 ELSE 0 END ORDER BY at) AS avg',
  sum: 'json_agg(sum ORDER BY at) AS sum',
  min: 'json_agg(min ORDER BY at) AS min',
  max: 'json_agg(max ORDER BY at) AS max',
  count: 'json_agg(count ORDER BY at) AS count',
  p95: 'json_agg(p95 ORDER BY at) AS p95',
};

/** What a query reads of each series: which bucket lists, and the agent's fields when it selects the agent. */
export interface SeriesReads {
  lists: readonly List[];
  agent?: Selection;
}

/** Every list, no agent: what a caller without a GraphQL selection gets. */
export const ALL_SERIES_READS: SeriesReads = { lists: LISTS };

/**
 * What a `metricSeries` selection reads (`selection` on MetricSeriesResult): the bucket lists it selects (all of
 * them for `points`, which reads every list), and the agent's selection when `agent` is selected.
 */
export function seriesReadsOf(selection: Selection): SeriesReads {
  const series = selection.child('series');
  const buckets = series.child('buckets');
  const lists = series.has('points') ? LISTS : LISTS.filter((l) => buckets.has(l));
  return { lists, agent: series.has('agent') ? series.child('agent') : undefined };
}

/** A series query's range, agents and label filter, or the problem with its input. */
export function seriesRequest(input: MetricSeriesInput, nowMs: number): { from: Date; to: Date; ids: (string | null)[]; byLabels: boolean } {
  const to = input.to ?? new Date(nowMs);
  const from = input.from ?? new Date(to.getTime() - DAY * 1000);
  if (from >= to) throw new UserInputProblem('from', 'from must be before to');
  const ids = (input.agentIds ?? []).map((id) => agentUuidOf(id));
  if (ids.length > MAX_SERIES_AGENTS) throw new UserInputProblem('agentIds', `At most ${MAX_SERIES_AGENTS} agents`);
  if (ids.some((id) => id === null)) throw new UserInputProblem('agentIds', 'agentIds holds an id that is not an Agent id');
  const labelIssue = labelProblem(input.labels);
  if (labelIssue) throw new UserInputProblem('labels', labelIssue);
  const byLabels = !!input.labels && Object.keys(input.labels).length > 0;
  return { from, to, ids, byLabels };
}

/** The parameters of {@link bucketsSql}, $1 to $8, in order. */
export function seriesParams(ctx: TenantScope, input: MetricSeriesInput, ids: (string | null)[], plan: SeriesPlan): unknown[] {
  return [ctx.caller.tenantId, input.name.trim(), plan.from, plan.to, JSON.stringify(input.labels ?? {}), plan.step, ids, input.tags ?? []];
}

/**
 * The chosen agents (ids, tags or all, at most 50) and their buckets of `plan` (CTEs `chosen` and `buckets`: agent_id,
 * at, count, sum, min, max, p95), over the parameters of {@link seriesParams}.
 */
export function bucketsSql(plan: SeriesPlan): string {
  const raw = plan.tier.resolution === MetricResolution.RAW;
  const aggregates = raw
    ? `count(*) AS count, sum(p.value) AS sum, min(p.value) AS min, max(p.value) AS max, percentile_cont(0.95) WITHIN GROUP (ORDER BY p.value) AS p95`
    : `sum(p.count) AS count, sum(p.sum) AS sum, min(p.min) AS min, max(p.max) AS max, max(p.p95) AS p95`;
  const time = raw ? 'p.at' : 'p.bucket';
  return `chosen AS (
       SELECT a.id FROM agents a
       WHERE a.tenant_id = $1
         AND (cardinality($7::uuid[]) = 0 OR a.id = ANY($7::uuid[]))
         AND (cardinality($8::text[]) = 0 OR a.tags && $8::text[])
       ORDER BY a.name, a.id LIMIT ${MAX_SERIES_AGENTS}),
     buckets AS (
       SELECT p.agent_id, date_bin(make_interval(secs => $6::int), ${time}, timestamptz '1970-01-01T00:00:00Z') AS at, ${aggregates}
       FROM ${plan.tier.table} p
       WHERE p.tenant_id = $1 AND p.name = $2 AND p.agent_id IN (SELECT id FROM chosen)
         AND ${time} >= $3 AND ${time} < $4 ${raw ? 'AND p.labels @> $5::jsonb' : 'AND $5::jsonb IS NOT NULL'}
       GROUP BY 1, 2)`;
}

/**
 * One series per agent with points, in one SQL statement whatever the number of agents: the agents
 * are chosen (ids, tags or all, at most 50), bucketed and gathered into one row per agent in the same
 * statement (a 30-day hourly chart of 20 agents is 20 rows, not 14,400).
 */
export async function metricSeries(
  ctx: TenantScope,
  input: MetricSeriesInput,
  nowMs = Date.now(),
  reads: SeriesReads = ALL_SERIES_READS,
): Promise<MetricSeriesResult> {
  const { from, to, ids, byLabels } = seriesRequest(input, nowMs);
  // Planned with the retention last read for the tenant, which the series' statement reads again (one statement
  // for the whole answer); planned anew and read again when it has changed since. First read: a statement of its own.
  const guess = retentionGuess(ctx);
  const guessed = guess && plannable(() => planSeries(from, to, input.stepSeconds, guess, byLabels, nowMs));
  if (guessed) {
    const answer = await readSeries(ctx, input, ids, guessed, reads);
    const actual = retentionRead(ctx, answer.settings);
    const plan = planSeries(from, to, input.stepSeconds, actual, byLabels, nowMs);
    if (samePlan(plan, guessed)) return answer.result;
  }
  const plan = planSeries(from, to, input.stepSeconds, await tenantRetention(ctx), byLabels, nowMs);
  return (await readSeries(ctx, input, ids, plan, reads)).result;
}

/** A plan, or undefined when planning refuses the input (then it is planned with the tenant's settings read anew, and refused or not by those). */
export function plannable(plan: () => SeriesPlan): SeriesPlan | undefined {
  try {
    return plan();
  } catch {
    return undefined;
  }
}

export function samePlan(a: SeriesPlan, b: SeriesPlan): boolean {
  return a.tier === b.tier && a.step === b.step && a.from.getTime() === b.from.getTime() && a.to.getTime() === b.to.getTime();
}

/** The series of `plan` in one statement, with the tenant's metric settings read in the same statement. */
async function readSeries(
  ctx: TenantScope,
  input: MetricSeriesInput,
  ids: (string | null)[],
  plan: SeriesPlan,
  reads: SeriesReads,
): Promise<{ result: MetricSeriesResult; settings: SettingsRow }> {
  // The agents' selected fields in the same statement (the read path: an Agent per series, no statement of its own).
  const agent = reads.agent ? agentReads.plan(ctx.app.dataSource, 'a', reads.agent) : null;
  const rows: SeriesRow[] = await ctx.tx.manager.query(
    `WITH ${bucketsSql(plan)},
     series AS (
       SELECT agent_id, json_agg((extract(epoch FROM at) * 1000)::float8 ORDER BY at) AS at${reads.lists.map((l) => `, ${LIST_SQL[l]}`).join('')}
       FROM buckets GROUP BY agent_id),
     settings AS (${SETTINGS_SQL} WHERE t.id = $1)
     SELECT st.plan, st.plan_raw_days, st.plan_hour_days, st.plan_day_days, st.raw_days, st.hour_days, st.day_days, st.silence_minutes,
       s.*${agent ? `, ${agent.select}` : ''}
     FROM settings st LEFT JOIN ${agent ? `(series s JOIN agents a ON a.id = s.agent_id${agent.joins})` : 'series s'} ON true ORDER BY s.agent_id`,
    seriesParams(ctx, input, ids, plan),
  );
  const name = input.name.trim();
  const unit = unitOf(name);
  // One Date per bucket start for the whole answer: a chart's agents share their bucket starts.
  const dates = new Map<number, Date>();
  const dateOf = (ms: number) => {
    let date = dates.get(ms);
    if (!date) dates.set(ms, (date = new Date(ms)));
    return date;
  };
  // Always one row at least: the tenant's settings, with no series when none has points.
  const [settings] = rows as unknown as SettingsRow[];
  if (!settings) throw new Error(`tenant ${ctx.caller.tenantId} has no plan`);
  const series: MetricSeries[] = rows
    .filter((r) => r.agent_id != null)
    .map((r) => {
      const one = Object.create(MetricSeries.prototype) as MetricSeries;
      one.agentUuid = r.agent_id;
      one.name = name;
      one.unit = unit;
      // Lists the query does not select are not read (the statement leaves them out): empty, never null.
      one.buckets = {
        at: r.at.map(dateOf),
        avg: r.avg ?? [],
        sum: r.sum ?? [],
        min: r.min ?? [],
        max: r.max ?? [],
        count: r.count ?? [],
        p95: r.p95 ?? [],
      };
      if (agent) one.joinedAgent = agent.map(r) as Agent;
      return one;
    });
  return { result: { resolution: plan.tier.resolution, step: plan.step, from: plan.from, to: plan.to, series }, settings };
}
