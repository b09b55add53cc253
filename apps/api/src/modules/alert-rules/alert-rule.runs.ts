import type { TenantScope } from '../../scope';
import type { CelProgram } from '../policies';
import { deployedAgents, inScope, judge, RuleToEvaluate, windowAggregates } from './alert-rule.evaluation';
import { alertRuleLanguage } from './alert-rule.language';

interface StateRow {
  rule_id: string;
  agent_id: string;
  pending_since: Date | null;
  firing_since: Date | null;
  alert_id: string | null;
}

interface NextState {
  rule: string;
  agent: string;
  pendingSince: Date | null;
  firingSince: Date | null;
  alertId: string | null;
  value: boolean;
}

export interface EvaluationOutcome {
  evaluated: number;
  fired: number;
  resolved: number;
}

/**
 * One evaluation of the tenant's enabled rules (or of `ruleIds`) at `now`, for every deployed agent
 * in each rule's scope. A condition true since `pending_since` for forMinutes fires: one alert per
 * (rule, agent, episode), the unique index holding it to once; a false condition ends the episode
 * and resolves its alert. Statements are constant in the number of agents and rules: rules, agents,
 * aggregates, states, then at most one statement each for new alerts, states and resolutions.
 */
export async function evaluateRules(ctx: TenantScope, now: Date, ruleIds?: string[]): Promise<EvaluationOutcome> {
  const rules: RuleToEvaluate[] = await ctx.tx.manager.query(
    `SELECT id AS uuid, name, condition, window_minutes AS "windowMinutes", for_minutes AS "forMinutes", severity, agent_tags AS "agentTags"
     FROM alert_rules WHERE tenant_id = $1 AND enabled AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[])) ORDER BY id`,
    [ctx.caller.tenantId, ruleIds ?? null],
  );
  const compiled = rules
    .map((rule) => ({ rule, compiled: alertRuleLanguage.compile(rule.condition) }))
    .filter((r): r is { rule: RuleToEvaluate; compiled: { ok: true; program: CelProgram } } => r.compiled.ok);
  if (!compiled.length) return { evaluated: 0, fired: 0, resolved: 0 };
  const agents = await deployedAgents(ctx);
  const aggregates = await windowAggregates(
    ctx,
    compiled.map((c) => c.rule.windowMinutes),
    now,
  );
  const states: StateRow[] = await ctx.tx.manager.query(
    `SELECT rule_id, agent_id, pending_since, firing_since, alert_id FROM alert_rule_states WHERE tenant_id = $1 AND rule_id = ANY($2::uuid[]) FOR UPDATE`,
    [ctx.caller.tenantId, compiled.map((c) => c.rule.uuid)],
  );
  const stateOf = new Map(states.map((s) => [`${s.rule_id}|${s.agent_id}`, s]));
  const next: NextState[] = [];
  const toRaise: { rule: RuleToEvaluate; agentId: string; agentName: string; episode: Date; summary: string; index: number }[] = [];
  const toResolve: string[] = [];
  let evaluated = 0;
  for (const { rule, compiled: c } of compiled) {
    for (const agent of agents) {
      if (!inScope(rule, agent)) continue;
      evaluated++;
      const verdict = judge(c.program, agent, aggregates.get(`${rule.windowMinutes}|${agent.id}`), rule.windowMinutes);
      const before = stateOf.get(`${rule.uuid}|${agent.id}`);
      const state: NextState = {
        rule: rule.uuid,
        agent: agent.id,
        pendingSince: before?.pending_since ?? null,
        firingSince: before?.firing_since ?? null,
        alertId: before?.alert_id ?? null,
        value: verdict.firing,
      };
      if (verdict.firing) {
        state.pendingSince ??= now;
        if (!state.firingSince && now.getTime() - state.pendingSince.getTime() >= rule.forMinutes * 60_000) {
          state.firingSince = now;
          toRaise.push({ rule, agentId: agent.id, agentName: agent.name, episode: state.pendingSince, summary: verdict.summary, index: next.length });
        }
      } else {
        if (state.alertId) toResolve.push(state.alertId);
        state.pendingSince = null;
        state.firingSince = null;
        state.alertId = null;
      }
      next.push(state);
    }
  }
  if (toRaise.length) {
    const raised: { id: string; alert_rule_id: string; agent_id: string }[] = await ctx.tx.manager.query(
      `INSERT INTO alerts (tenant_id, source, severity, message, alert_rule_id, agent_id, episode_started_at)
       SELECT $1, 'metric_rule', r.severity, left(r.message, 500), r.rule_id, r.agent_id, r.episode
       FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::timestamptz[]) AS r(rule_id, agent_id, severity, message, episode)
       ON CONFLICT DO NOTHING RETURNING id, alert_rule_id, agent_id`,
      [
        ctx.caller.tenantId,
        toRaise.map((r) => r.rule.uuid),
        toRaise.map((r) => r.agentId),
        toRaise.map((r) => r.rule.severity),
        toRaise.map((r) => `${r.rule.name}: ${r.agentName} (${r.summary})`),
        toRaise.map((r) => r.episode),
      ],
    );
    const ids = new Map(raised.map((r) => [`${r.alert_rule_id}|${r.agent_id}`, r.id]));
    for (const r of toRaise) next[r.index].alertId = ids.get(`${r.rule.uuid}|${r.agentId}`) ?? null;
  }
  if (next.length) {
    await ctx.tx.manager.query(
      `INSERT INTO alert_rule_states (tenant_id, rule_id, agent_id, pending_since, firing_since, alert_id, last_value, evaluated_at)
       SELECT $1, * , $8 FROM unnest($2::uuid[], $3::uuid[], $4::timestamptz[], $5::timestamptz[], $6::uuid[], $7::boolean[])
       ON CONFLICT (tenant_id, rule_id, agent_id) DO UPDATE SET pending_since = EXCLUDED.pending_since, firing_since = EXCLUDED.firing_since,
         alert_id = EXCLUDED.alert_id, last_value = EXCLUDED.last_value, evaluated_at = EXCLUDED.evaluated_at`,
      [
        ctx.caller.tenantId,
        next.map((s) => s.rule),
        next.map((s) => s.agent),
        next.map((s) => s.pendingSince),
        next.map((s) => s.firingSince),
        next.map((s) => s.alertId),
        next.map((s) => s.value),
        now,
      ],
    );
  }
  if (toResolve.length) {
    await ctx.tx.manager.query(
      `UPDATE alerts SET status = 'resolved', resolved_at = now(), note = coalesce(note, 'The condition cleared'), updated_at = now()
       WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND status <> 'resolved'`,
      [ctx.caller.tenantId, toResolve],
    );
  }
  if (toRaise.length || toResolve.length)
    await ctx.audit.record({
      action: 'alertRules.evaluate',
      entityType: 'AlertRule',
      after: { at: now.toISOString(), fired: toRaise.length, resolved: toResolve.length },
    });
  return { evaluated, fired: toRaise.length, resolved: toResolve.length };
}
