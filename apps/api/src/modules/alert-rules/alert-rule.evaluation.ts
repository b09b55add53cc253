import type { TenantScope } from '../../scope';
import type { CelProgram } from '../policies';
import { Aggregate, alertRuleLanguage, windowValues } from './alert-rule.language';

export interface RuleToEvaluate {
  uuid: string;
  name: string;
  condition: string;
  windowMinutes: number;
  forMinutes: number;
  severity: string;
  agentTags: string[];
}

export interface AgentFacts {
  id: string;
  name: string;
  tags: string[];
  status: string;
  role: string;
  runtimeState: string;
  modelTier: string;
}

/** The deployed agents rules judge (alert rules watch agents in service), one statement. */
export function deployedAgents(ctx: TenantScope): Promise<AgentFacts[]> {
  return ctx.tx.manager.query(
    `SELECT id, name, tags, status, role, runtime_state AS "runtimeState", model_tier AS "modelTier"
     FROM agents WHERE tenant_id = $1 AND status = 'deployed' ORDER BY name, id`,
    [ctx.caller.tenantId],
  );
}

export function inScope(rule: Pick<RuleToEvaluate, 'agentTags'>, agent: AgentFacts): boolean {
  return !rule.agentTags.length || agent.tags.some((t) => rule.agentTags.includes(t));
}

type AggregateRow = Aggregate & { w: number; agent_id: string; name: string };

/**
 * Every metric of every deployed agent aggregated over each of the given windows ending at `at`,
 * from raw points (exact and fresh), in one statement whatever the number of agents and rules.
 */
export async function windowAggregates(ctx: TenantScope, windows: number[], at: Date): Promise<Map<string, Map<string, Aggregate>>> {
  const rows: AggregateRow[] = await ctx.tx.manager.query(
    `SELECT w.minutes AS w, p.agent_id, p.name, count(*)::float8 AS count, sum(p.value) AS sum, min(p.value) AS min, max(p.value) AS max,
            percentile_cont(0.95) WITHIN GROUP (ORDER BY p.value) AS p95
     FROM unnest($2::int[]) AS w(minutes)
     JOIN metric_points p ON p.tenant_id = $1 AND p.at > $3::timestamptz - make_interval(mins => w.minutes) AND p.at <= $3::timestamptz
     GROUP BY 1, 2, 3`,
    [ctx.caller.tenantId, [...new Set(windows)], at],
  );
  return groupAggregates(rows.map((r) => ({ ...r, key: `${r.w}|${r.agent_id}` })));
}

export function groupAggregates(rows: (Aggregate & { key: string; name: string })[]): Map<string, Map<string, Aggregate>> {
  const result = new Map<string, Map<string, Aggregate>>();
  for (const r of rows) {
    let byName = result.get(r.key);
    if (!byName) result.set(r.key, (byName = new Map()));
    byName.set(r.name, { count: Number(r.count), sum: Number(r.sum), min: Number(r.min), max: Number(r.max), p95: Number(r.p95) });
  }
  return result;
}

export interface Verdict {
  firing: boolean;
  error: string | null;
  errorRate: number;
  summary: string;
}

/** Judges one agent against one rule's compiled condition, given its aggregates over the rule's window. */
export function judge(program: CelProgram, agent: AgentFacts, byName: Map<string, Aggregate> | undefined, windowMinutes: number): Verdict {
  const { window, metrics } = windowValues(byName ?? new Map());
  const agentValues = {
    name: agent.name,
    tags: agent.tags,
    status: agent.status,
    role: agent.role,
    runtimeState: agent.runtimeState,
    modelTier: agent.modelTier,
  };
  const result = alertRuleLanguage.evaluate(program, { agent: agentValues, window, metrics });
  const summary =
    `error rate ${(window.errorRate * 100).toFixed(1)}%, p95 ${Math.round(window.latencyP95Ms)} ms, ` +
    `${Math.round(window.requests)} requests over ${windowMinutes} min`;
  return result.ok
    ? { firing: result.value, error: null, errorRate: window.errorRate, summary }
    : { firing: false, error: result.message, errorRate: window.errorRate, summary };
}
