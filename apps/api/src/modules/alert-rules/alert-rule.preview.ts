import type { TenantScope } from '../../scope';
import { Aggregate } from './alert-rule.language';
import { deployedAgents, groupAggregates, inScope, judge } from './alert-rule.evaluation';
import { alertRuleLanguage } from './alert-rule.language';
import { AlertRulePreviewInput } from './alert-rule.inputs';
import { AlertRulePreview, AlertRulePreviewEpisode } from './alert-rule.payloads';

const STEP_MINUTES = 5;
const MAX_EPISODES = 200;

/**
 * What a draft rule would have fired over the last hours: evaluated every 5 minutes for every
 * deployed agent in scope, with the same condition language, for-duration and episode logic as the
 * minute job, from minute rollups (one statement for every instant and agent; the window is rounded
 * up to whole 5 minutes, and a merged p95 is the largest minute p95 in it). Condition problems come back as userErrors.
 */
export async function previewAlertRule(ctx: TenantScope, input: AlertRulePreviewInput, now = new Date()): Promise<AlertRulePreview> {
  const problems: { field: string[]; message: string; code: string }[] = [];
  const compiled = alertRuleLanguage.compile(input.condition);
  if (!compiled.ok) problems.push({ field: ['input', 'condition'], message: compiled.message, code: 'BAD_USER_INPUT' });
  if (!Number.isInteger(input.windowMinutes) || input.windowMinutes < 1 || input.windowMinutes > 1440)
    problems.push({ field: ['input', 'windowMinutes'], message: 'windowMinutes must be between 1 and 1440', code: 'BAD_USER_INPUT' });
  if (!Number.isInteger(input.forMinutes) || input.forMinutes < 0 || input.forMinutes > 1440)
    problems.push({ field: ['input', 'forMinutes'], message: 'forMinutes must be between 0 and 1440', code: 'BAD_USER_INPUT' });
  if (!Number.isInteger(input.hours) || input.hours < 1 || input.hours > 24)
    problems.push({ field: ['input', 'hours'], message: 'hours must be between 1 and 24', code: 'BAD_USER_INPUT' });
  if (problems.length || !compiled.ok) return { userErrors: problems as AlertRulePreview['userErrors'], evaluations: 0, episodes: [] };
  const tags = input.agentTags ?? [];
  const agents = (await deployedAgents(ctx)).filter((a) => inScope({ agentTags: tags }, a));
  const step = STEP_MINUTES * 60_000;
  const end = new Date(Math.floor(now.getTime() / step) * step);
  const start = new Date(end.getTime() - input.hours * 3600_000);
  const buckets = Math.ceil(input.windowMinutes / STEP_MINUTES);
  // Minute rollups summed into 5-minute buckets (each labelled by its end), laid on a full grid of instants
  // per agent and metric, then summed over the last `buckets` buckets: one statement, rows in instants × series.
  const rows: (Aggregate & { at: Date; agent_id: string; name: string })[] = agents.length
    ? await ctx.tx.manager.query(
        `WITH b AS (
           SELECT agent_id, name, date_bin(interval '${STEP_MINUTES} minutes', bucket, timestamptz '1970-01-01T00:00:00Z') + interval '${STEP_MINUTES} minutes' AS at,
                  sum(count) AS c, sum(sum) AS s, min(min) AS mn, max(max) AS mx, max(p95) AS p
           FROM metric_rollups_minute
           WHERE tenant_id = $1 AND agent_id = ANY($4::uuid[]) AND bucket >= $2::timestamptz - make_interval(mins => ${buckets * STEP_MINUTES}) AND bucket < $3
           GROUP BY 1, 2, 3),
         series AS (SELECT DISTINCT agent_id, name FROM b),
         grid AS (
           SELECT s.agent_id, s.name, g.at FROM series s
           CROSS JOIN generate_series($2::timestamptz - make_interval(mins => ${buckets * STEP_MINUTES}), $3::timestamptz, interval '${STEP_MINUTES} minutes') AS g(at)),
         w AS (
           SELECT grid.agent_id, grid.name, grid.at,
                  sum(b.c) OVER win AS count, sum(b.s) OVER win AS sum, min(b.mn) OVER win AS min, max(b.mx) OVER win AS max, max(b.p) OVER win AS p95
           FROM grid LEFT JOIN b ON b.agent_id = grid.agent_id AND b.name = grid.name AND b.at = grid.at
           WINDOW win AS (PARTITION BY grid.agent_id, grid.name ORDER BY grid.at ROWS BETWEEN ${buckets - 1} PRECEDING AND CURRENT ROW))
         SELECT agent_id, name, at, count::float8 AS count, sum, min, max, p95 FROM w WHERE at >= $2 AND count > 0`,
        [ctx.caller.tenantId, start, end, agents.map((a) => a.id)],
      )
    : [];
  const aggregates = groupAggregates(rows.map((r) => ({ ...r, key: `${new Date(r.at).getTime()}|${r.agent_id}` })));
  const episodes: AlertRulePreviewEpisode[] = [];
  let evaluations = 0;
  for (const agent of agents) {
    let pendingSince: number | null = null;
    let open: AlertRulePreviewEpisode | null = null;
    for (let t = start.getTime(); t <= end.getTime(); t += step) {
      evaluations++;
      const verdict = judge(compiled.program, agent, aggregates.get(`${t}|${agent.id}`), input.windowMinutes);
      if (verdict.firing) {
        pendingSince ??= t;
        if (!open && t - pendingSince >= input.forMinutes * 60_000) {
          open = { agentUuid: agent.id, firedAt: new Date(t), resolvedAt: null, peakErrorRate: verdict.errorRate };
          episodes.push(open);
        }
        if (open) open.peakErrorRate = Math.max(open.peakErrorRate ?? 0, verdict.errorRate);
      } else {
        pendingSince = null;
        if (open) open.resolvedAt = new Date(t);
        open = null;
      }
    }
  }
  episodes.sort((a, b) => b.firedAt.getTime() - a.firedAt.getTime());
  return { userErrors: [], evaluations, episodes: episodes.slice(0, MAX_EPISODES) };
}
