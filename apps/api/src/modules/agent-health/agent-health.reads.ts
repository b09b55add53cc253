import DataLoader from 'dataloader';
import type { TenantScope } from '../../scope';
import { StewardError } from '../../graphql/errors';
import { groupedByKey } from '../../graphql/loader';
import { AgentHealthReport } from './agent-health.types';

export const MAX_HISTORY = 1000;

function range(from: Date | null | undefined, to: Date | null | undefined, now: number): { from: Date; to: Date } {
  const end = to ?? new Date(now);
  const start = from ?? new Date(end.getTime() - 86_400_000);
  if (start >= end) throw StewardError.badInput('from', 'from must be before to');
  return { from: start, to: end };
}

/** One loader per distinct set of arguments in a request, so a page of agents asking the same costs one statement. */
function keyed<V>(ctx: TenantScope, key: string, make: () => DataLoader<string, V>): DataLoader<string, V> {
  let existing = ctx.loaders.get(key) as DataLoader<string, V> | undefined;
  if (!existing) {
    existing = make();
    ctx.loaders.set(key, existing);
  }
  return existing;
}

/** Agents' health history over a range (default the last 24 hours), newest first, at most `limit` each. */
export function healthHistory(ctx: TenantScope, agentId: string, from: Date | null, to: Date | null, limit: number): Promise<AgentHealthReport[]> {
  if (limit < 1 || limit > MAX_HISTORY) throw StewardError.badInput('limit', `limit must be between 1 and ${MAX_HISTORY}`);
  const r = range(from, to, Date.now());
  const key = `agent-health:history:${from?.toISOString()}:${to?.toISOString()}:${limit}`;
  return keyed(
    ctx,
    key,
    () =>
      new DataLoader<string, AgentHealthReport[]>(async (ids) => {
        const rows: (AgentHealthReport & { agent_id: string })[] = await ctx.tx.manager.query(
          `SELECT a.id AS agent_id, r.* FROM unnest($2::uuid[]) AS a(id) CROSS JOIN LATERAL (
             SELECT at, status, cpu_percent AS "cpuPercent", memory_mb AS "memoryMb", restarts, message, source
             FROM agent_health_reports WHERE tenant_id = $1 AND agent_id = a.id AND at >= $3 AND at < $4 ORDER BY at DESC LIMIT $5) r`,
          [ctx.caller.tenantId, ids, r.from, r.to, limit],
        );
        return groupedByKey(ids, rows, (row) => row.agent_id).map((list) => list.map(({ agent_id: _, ...report }) => report));
      }),
  ).load(agentId);
}

/**
 * Percent of the range each agent was up (HEALTHY or DEGRADED), time-weighted: each report's status
 * holds until the next one; the last status before the range carries into it. Null when nothing is known.
 */
export function uptimePercent(ctx: TenantScope, agentId: string, from: Date | null, to: Date | null): Promise<number | null> {
  const r = range(from, to, Date.now());
  const key = `agent-health:uptime:${from?.toISOString()}:${to?.toISOString()}`;
  return keyed(
    ctx,
    key,
    () =>
      new DataLoader<string, number | null>(async (ids) => {
        const rows: { agent_id: string; up: number | null }[] = await ctx.tx.manager.query(
          `WITH before AS (
             SELECT a.id AS agent_id, $3::timestamptz AS at, b.status FROM unnest($2::uuid[]) AS a(id) CROSS JOIN LATERAL (
               SELECT status FROM agent_health_reports WHERE tenant_id = $1 AND agent_id = a.id AND at < $3 AND at >= $3::timestamptz - interval '31 days'
               ORDER BY at DESC LIMIT 1) b),
           inside AS (SELECT agent_id, at, status FROM agent_health_reports WHERE tenant_id = $1 AND agent_id = ANY($2::uuid[]) AND at >= $3 AND at < $4),
           spans AS (
             SELECT agent_id, status, extract(epoch FROM coalesce(lead(at) OVER (PARTITION BY agent_id ORDER BY at), $4::timestamptz) - at) AS seconds
             FROM (SELECT * FROM before UNION ALL SELECT * FROM inside) s)
           SELECT agent_id, 100.0 * sum(seconds) FILTER (WHERE status <> 'unhealthy') / nullif(sum(seconds), 0) AS up FROM spans GROUP BY agent_id`,
          [ctx.caller.tenantId, ids, r.from, r.to],
        );
        const byAgent = new Map(rows.map((row) => [row.agent_id, row.up === null ? null : Number(row.up)]));
        return ids.map((id) => byAgent.get(id) ?? null);
      }),
  ).load(agentId);
}
