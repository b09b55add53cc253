import { createHash } from 'node:crypto';
import type { BenchSubject, Workload } from './workloads';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Days of hourly rollups seeded before the dataset's build day: the 30-day window still fits a reused database for a few days. */
const SEEDED_DAYS = 35;
/** Agents 1..SEEDED_AGENTS of every tenant have an hourly latency series. */
const SEEDED_AGENTS = 50;

function md5Uuid(text: string): string {
  const hex = createHash('md5').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The 30 whole UTC days before today: both Steward's variables and the baseline's parameters, so they agree within a day. */
function window(): { from: Date; to: Date } {
  const to = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS);
  return { from: new Date(to.getTime() - 30 * DAY_MS), to };
}

const agentUuids = (count: number) => Array.from({ length: count }, (_, i) => md5Uuid(`agent:1:${i + 1}`));

const QUERY = (name: string) => `query ${name}($input: MetricSeriesInput!) {
  metricSeries(input: $input) { resolution step series { agent { name } buckets { at avg max p95 } } }
}`;

/**
 * The same chart from one statement: the agents' hourly rollups of agent.response_time over the window,
 * one series per agent in agent id order (as Steward answers), each with its buckets as parallel lists in
 * time order (MetricSeries.buckets, what the web app's charts read), times as GraphQL's DateTime spells them.
 */
const BASELINE_SQL = `
SELECT json_build_object('metricSeries', json_build_object('resolution', 'HOUR', 'step', 3600, 'series', (
  SELECT coalesce(json_agg(json_build_object('agent', json_build_object('name', a.name), 'buckets', s.buckets) ORDER BY a.id), '[]')
  FROM agents a
  JOIN LATERAL (
    SELECT json_build_object('at', json_agg(to_char(r.bucket AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') ORDER BY r.bucket),
                             'avg', json_agg(r.sum / r.count ORDER BY r.bucket), 'max', json_agg(r.max ORDER BY r.bucket),
                             'p95', json_agg(r.p95 ORDER BY r.bucket)) AS buckets, count(*) AS n
    FROM metric_rollups_hour r
    WHERE r.tenant_id = $1 AND r.name = 'agent.response_time' AND r.agent_id = a.id AND r.bucket >= $3 AND r.bucket < $4
  ) s ON s.n > 0
  WHERE a.tenant_id = $1 AND a.id = ANY($2::uuid[]))))`;

/**
 * Hourly latency rollups of agents 1..50 of every tenant over the 35 days before the build: 60-89 requests
 * an hour with a whole-number mean, so the mean Steward computes (sum / count) and the baseline's agree to the bit.
 */
async function seedRollups(manager: Parameters<NonNullable<Workload['seed']>>[0], scale: { tenants: number }): Promise<void> {
  await manager.query(
    `INSERT INTO metric_rollups_hour (tenant_id, agent_id, name, bucket, count, sum, min, max, p95)
     SELECT md5('tenant:' || t)::uuid, md5('agent:' || t || ':' || n)::uuid, 'agent.response_time', b.bucket,
            60 + (h + n) % 30, (200 + (h * 7 + n * 13) % 400) * (60 + (h + n) % 30), 40 + (h + n) % 50,
            900 + (h * 11 + n) % 700, 500 + (h * 7 + n * 13) % 400
     FROM generate_series(1, $1) t, generate_series(1, $2) n, generate_series(1, $3) h,
          LATERAL (SELECT date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - make_interval(hours => h) AS bucket) b`,
    [scale.tenants, SEEDED_AGENTS, SEEDED_DAYS * 24],
  );
}

function chart(name: string, agents: number, seed?: Workload['seed']): Workload {
  const ids = agentUuids(agents);
  return {
    name,
    title: `30-day latency chart, ${agents} agents, hourly`,
    query: QUERY(name),
    variables: () => {
      const { from, to } = window();
      const agentIds = ids.map((id) => Buffer.from(`Agent:${id}`).toString('base64url'));
      return { input: { name: 'agent.response_time', agentIds, from: from.toISOString(), to: to.toISOString(), stepSeconds: 3600 } };
    },
    baselineSql: BASELINE_SQL,
    baselineParams: (subject: BenchSubject) => {
      const { from, to } = window();
      return [subject.tenantId, ids, from, to];
    },
    seed,
    seedVersion: seed ? 1 : undefined,
  };
}

/** M1: issue 16's chart, 30 days of 20 agents at an hourly step (720 buckets each). */
export const M1 = chart('M1', 20, seedRollups);
/** M2: the same chart for 50 agents (the most one query takes): Steward's statements per request must not change. */
export const M2 = chart('M2', 50);
