import type { TenantScope } from '../../scope';

/**
 * What governance reads of an agent's recent metrics, as `agent.metrics.<key>` (all doubles; 0 when
 * there were no points): windows of 5 minutes and 1 hour from raw points, 24 hours from hourly rollups.
 */
export const AGENT_METRIC_KEYS = [
  'requests5m',
  'errors5m',
  'errorRate5m',
  'latencyAvgMs5m',
  'latencyP95Ms5m',
  'requests1h',
  'errors1h',
  'errorRate1h',
  'latencyP95Ms1h',
  'tokens1h',
  'uptime24h',
] as const;

export type AgentMetrics = Record<(typeof AGENT_METRIC_KEYS)[number], number>;

export const NO_METRICS: AgentMetrics = Object.fromEntries(AGENT_METRIC_KEYS.map((k) => [k, 0])) as AgentMetrics;

interface Row {
  agent_id: string;
  requests5m: number | null;
  errors5m: number | null;
  latency_sum5m: number | null;
  latency_count5m: number | null;
  latency_p95_5m: number | null;
  requests1h: number | null;
  errors1h: number | null;
  latency_p95_1h: number | null;
  tokens1h: number | null;
  uptime24h: number | null;
}

const rate = (errors: number, requests: number) => (requests > 0 ? errors / requests : 0);

/** Recent metrics of the given agents at `now`, in one statement whatever their number; agents without points get zeros. */
export async function recentAgentMetrics(ctx: TenantScope, agentIds: string[], now = new Date()): Promise<Map<string, AgentMetrics>> {
  const result = new Map<string, AgentMetrics>(agentIds.map((id) => [id, { ...NO_METRICS }]));
  if (!agentIds.length) return result;
  const rows: Row[] = await ctx.tx.manager.query(
    `WITH raw AS (
       SELECT p.agent_id,
         sum(p.value) FILTER (WHERE p.name = 'agent.requests' AND p.at > $3::timestamptz - interval '5 minutes') AS requests5m,
         sum(p.value) FILTER (WHERE p.name = 'agent.errors' AND p.at > $3::timestamptz - interval '5 minutes') AS errors5m,
         sum(p.value) FILTER (WHERE p.name = 'agent.response_time' AND p.at > $3::timestamptz - interval '5 minutes') AS latency_sum5m,
         count(*) FILTER (WHERE p.name = 'agent.response_time' AND p.at > $3::timestamptz - interval '5 minutes') AS latency_count5m,
         percentile_cont(0.95) WITHIN GROUP (ORDER BY p.value) FILTER (WHERE p.name = 'agent.response_time' AND p.at > $3::timestamptz - interval '5 minutes') AS latency_p95_5m,
         sum(p.value) FILTER (WHERE p.name = 'agent.requests') AS requests1h,
         sum(p.value) FILTER (WHERE p.name = 'agent.errors') AS errors1h,
         percentile_cont(0.95) WITHIN GROUP (ORDER BY p.value) FILTER (WHERE p.name = 'agent.response_time') AS latency_p95_1h,
         sum(p.value) FILTER (WHERE p.name IN ('agent.tokens.prompt', 'agent.tokens.completion')) AS tokens1h
       FROM metric_points p
       WHERE p.tenant_id = $1 AND p.name IN ('agent.requests', 'agent.errors', 'agent.response_time', 'agent.tokens.prompt', 'agent.tokens.completion')
         AND p.agent_id = ANY($2::uuid[]) AND p.at > $3::timestamptz - interval '1 hour' AND p.at <= $3
       GROUP BY p.agent_id),
     uptime AS (
       SELECT r.agent_id, sum(r.sum) / nullif(sum(r.count), 0) AS uptime24h FROM metric_rollups_hour r
       WHERE r.tenant_id = $1 AND r.name = 'agent.uptime' AND r.agent_id = ANY($2::uuid[]) AND r.bucket > $3::timestamptz - interval '24 hours' AND r.bucket <= $3::timestamptz
       GROUP BY r.agent_id)
     SELECT coalesce(raw.agent_id, uptime.agent_id) AS agent_id, raw.*, uptime.uptime24h FROM raw FULL JOIN uptime ON uptime.agent_id = raw.agent_id`,
    [ctx.caller.tenantId, agentIds, now],
  );
  for (const r of rows) {
    const n = (v: number | string | null) => Number(v ?? 0);
    result.set(r.agent_id, {
      requests5m: n(r.requests5m),
      errors5m: n(r.errors5m),
      errorRate5m: rate(n(r.errors5m), n(r.requests5m)),
      latencyAvgMs5m: n(r.latency_count5m) ? n(r.latency_sum5m) / n(r.latency_count5m) : 0,
      latencyP95Ms5m: n(r.latency_p95_5m),
      requests1h: n(r.requests1h),
      errors1h: n(r.errors1h),
      errorRate1h: rate(n(r.errors1h), n(r.requests1h)),
      latencyP95Ms1h: n(r.latency_p95_1h),
      tokens1h: n(r.tokens1h),
      uptime24h: n(r.uptime24h),
    });
  }
  return result;
}
