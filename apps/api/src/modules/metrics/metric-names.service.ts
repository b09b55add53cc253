import type { TenantScope } from '../../scope';
import { WELL_KNOWN_METRICS } from './metric.definitions';

const order = new Map(WELL_KNOWN_METRICS.map((m, i) => [m.name, i]));

/** Names with data in the last 30 days (from the daily rollups: one small index scan), well-known first. */
export async function metricNames(ctx: TenantScope): Promise<string[]> {
  const rows: { name: string }[] = await ctx.tx.manager.query(
    `SELECT DISTINCT name FROM metric_rollups_day WHERE tenant_id = $1 AND bucket >= now() - interval '30 days' ORDER BY name LIMIT 200`,
    [ctx.caller.tenantId],
  );
  return rows.map((r) => r.name).sort((a, b) => (order.get(a) ?? 99) - (order.get(b) ?? 99) || (a < b ? -1 : 1));
}
