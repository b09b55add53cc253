import type { EntityManager } from 'typeorm';
import type { TenantScope } from '../../scope';
import { UserInputProblem } from '../../graphql/errors';
import { agentById, AgentStatus, changeLifecycle } from '../agents';
import { loader } from '../../graphql/loader';
import { periodSql, spendSql } from './budget-period';

export interface RaisedAlert {
  id: string;
  budget_id: string;
  budget_name: string;
  threshold: number;
  severity: string;
  period_start: string;
  period_name: string;
  spend: string;
  agent_id: string | null;
  blocks: boolean;
}

/**
 * Raises an alert for every threshold a budget of the tenant has crossed in the period holding
 * `asOf`, in one statement. The unique index on (tenant, budget, period, threshold) makes each alert
 * happen once however many checks run, even at the same time: a concurrent check waits for the first
 * one's commit and then inserts nothing. Only the alerts this call inserted come back.
 */
/** Alert text names the period as people do ("November 2026", "Q4 2026"), never as an ISO date. */
function periodName(period: string, start: string): string {
  return `CASE ${period} WHEN 'monthly' THEN to_char(${start}, 'FMMonth YYYY') ELSE to_char(${start}, '"Q"Q YYYY') END`;
}

export function insertCrossedAlerts(manager: EntityManager, tenantId: string, asOf: string): Promise<RaisedAlert[]> {
  const period = periodSql('b', '$2::date');
  return manager.query(
    `WITH budget_now AS (
       SELECT b.*, ${period.start} AS period_start, ${period.end} AS period_end FROM budgets b WHERE b.tenant_id = $1),
     spent AS (SELECT c.*, ${spendSql('c', 'c.period_start', 'c.period_end')} AS spend FROM budget_now c),
     crossed AS (
       SELECT s.*, t AS threshold, CASE WHEN t >= 100 THEN 'critical' WHEN t >= 80 THEN 'warning' ELSE 'info' END AS severity
       FROM spent s, unnest(s.thresholds) t WHERE s.spend >= s.amount * t / 100),
     inserted AS (
       INSERT INTO alerts (tenant_id, source, severity, message, budget_id, period_start, period_end, threshold, spend)
       SELECT $1, 'budget', severity,
              format('%s budget "%s" passed %s%% in %s', initcap(period), name, threshold, ${periodName('period', 'period_start')}),
              id, period_start, period_end, threshold, spend
       FROM crossed
       ON CONFLICT (tenant_id, budget_id, period_start, threshold) DO NOTHING
       RETURNING id, budget_id, threshold, severity, period_start, spend)
     SELECT i.id, i.budget_id, c.name AS budget_name, i.threshold, i.severity, i.period_start::text, ${periodName('c.period', 'i.period_start')} AS period_name, i.spend::text, c.agent_id,
            (c.enforcement = 'block' AND c.scope = 'agent' AND i.threshold >= 100) AS blocks
     FROM inserted i JOIN budget_now c ON c.id = i.budget_id ORDER BY c.name, i.threshold`,
    [tenantId, asOf],
  );
}

/** A blocking budget at 100% suspends its agent through the agents' own lifecycle (policies, audit, activity feed). */
async function enforce(ctx: TenantScope, alert: RaisedAlert): Promise<void> {
  const agent = alert.agent_id ? await loader(ctx, agentById).load(alert.agent_id) : null;
  if (!agent || agent.status !== AgentStatus.DEPLOYED) return;
  const reason = `Budget "${alert.budget_name}" reached ${alert.threshold}% in ${alert.period_name}`;
  try {
    const outcome = await ctx.tx.isolated(() => changeLifecycle(ctx, agent.uuid, 'suspend', reason));
    await ctx.audit.record({
      action: 'budget.block',
      entityType: 'Budget',
      entityId: alert.budget_id,
      entityName: alert.budget_name,
      outcome: outcome.agent ? 'success' : 'failure',
      errorCode: outcome.agent ? null : 'POLICY_VIOLATION',
      after: { agentId: agent.uuid, agentName: agent.name, alertId: alert.id, threshold: alert.threshold },
    });
  } catch (error) {
    if (!(error instanceof UserInputProblem)) throw error;
    await ctx.audit.record({
      action: 'budget.block',
      entityType: 'Budget',
      entityId: alert.budget_id,
      entityName: alert.budget_name,
      outcome: 'failure',
      errorCode: error.code,
      after: { agentId: agent.uuid, message: error.message },
    });
  }
}

/** Raises the alerts due for the period holding `asOf`, audits each, and enforces blocking budgets. */
export async function checkBudgets(ctx: TenantScope, asOf: string): Promise<RaisedAlert[]> {
  const raised = await insertCrossedAlerts(ctx.tx.manager, ctx.caller.tenantId!, asOf);
  for (const alert of raised) {
    await ctx.audit.record({
      action: 'alert.raise',
      entityType: 'Alert',
      entityId: alert.id,
      entityName: alert.budget_name,
      after: { budgetId: alert.budget_id, threshold: alert.threshold, severity: alert.severity, periodStart: alert.period_start },
    });
    if (alert.blocks) await enforce(ctx, alert);
  }
  return raised;
}
