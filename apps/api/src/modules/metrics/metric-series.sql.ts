import type { StewardContext } from '../../context';
import { one, sqlRoot, value, type SqlField } from '../../graphql/sql-compiler';
import { unitOf } from './metric.definitions';
import type { MetricSeriesInput } from './metric.inputs';
import { bucketsSql, LIST_SQL, List, plannable, planSeries, samePlan, seriesParams, seriesRequest } from './metric-series.service';
import { retentionGuess, retentionRead, SETTINGS_SQL, SettingsRow } from './metric-settings';

const SETTINGS_COLUMNS = ['plan', 'plan_raw_days', 'plan_hour_days', 'plan_day_days', 'raw_days', 'hour_days', 'day_days', 'silence_minutes'];
const json = (sql: (alias: string) => string): SqlField => ({ kind: 'json', sql });

/**
 * metricSeries as the SQL compiler answers it (graphql/sql-compiler): the chart's JSON built by PostgreSQL in one
 * statement (bucket starts as ISO text, the lists the query selects, each series' agent), planned as the resolver
 * plans it, with the retention last read for the tenant; the statement reads the settings again and, when they
 * changed since, the executor answers instead (as the resolver would plan again). A first chart of a tenant in this
 * process, a refused input, or a selection of `points` are the executor's.
 */
sqlRoot('metricSeries', (args, build) => {
  const input = args.input as MetricSeriesInput;
  const ctx = build.ctx as StewardContext;
  const now = Date.now();
  let request: ReturnType<typeof seriesRequest>;
  try {
    request = seriesRequest(input, now);
  } catch {
    return null;
  }
  const guess = retentionGuess(ctx);
  const plan = guess && plannable(() => planSeries(request.from, request.to, input.stepSeconds, guess, request.byLabels, now));
  if (!plan) return null;
  // $1-$8: the buckets' parameters (bucketsSql).
  for (const param of seriesParams(ctx, input, request.ids, plan)) build.params.add(param);
  const name = input.name.trim();
  const unit = unitOf(name);
  const lists = new Set<List>();
  const list = (l: List) => json((s) => (lists.add(l), `${s}.${l}`));
  const object = build.object('MetricSeriesResult', 'r', {
    MetricSeriesResult: {
      resolution: value(() => build.params.add(plan.tier.resolution)),
      step: value(() => build.params.add(plan.step)),
      from: value(() => `${build.params.add(plan.from)}::timestamptz`),
      to: value(() => `${build.params.add(plan.to)}::timestamptz`),
      series: { kind: 'many', from: (_r, s) => `series ${s}`, orderBy: (s) => `${s}.agent_id` },
    },
    MetricSeries: {
      agent: one((s, a) => `agents ${a} WHERE ${a}.id = ${s}.agent_id`),
      name: value(() => build.params.add(name)),
      unit: value(() => (unit == null ? 'NULL::text' : build.params.add(unit))),
      buckets: { kind: 'embedded' },
    },
    MetricBuckets: {
      at: json((s) => `${s}.at`),
      avg: list('avg'),
      sum: list('sum'),
      min: list('min'),
      max: list('max'),
      count: list('count'),
      p95: list('p95'),
    },
  });
  const series = `series AS (
       SELECT agent_id, json_agg(to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') ORDER BY at) AS at${[...lists].map((l) => `, ${LIST_SQL[l]}`).join('')}
       FROM buckets GROUP BY agent_id)`;
  return {
    sql: `WITH ${bucketsSql(plan)}, ${series}, settings AS (${SETTINGS_SQL} WHERE t.id = $1)
     SELECT st.*, (SELECT ${object}) AS value FROM settings st`,
    verify: {
      columns: SETTINGS_COLUMNS,
      holds: (row) => {
        const actual = retentionRead(ctx, row as unknown as SettingsRow);
        const again = plannable(() => planSeries(request.from, request.to, input.stepSeconds, actual, request.byLabels, now));
        return !!again && samePlan(again, plan);
      },
    },
  };
});
