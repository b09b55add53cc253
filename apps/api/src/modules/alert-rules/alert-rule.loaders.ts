import DataLoader from 'dataloader';
import type { TenantScope } from '../../scope';
import { byKey, groupedByKey } from '../../graphql/loader';
import { AlertRule } from './alert-rule.entity';
import { AlertRuleFiring } from './alert-rule.payloads';
import { RULE_COLUMNS } from './alert-rule.service';

export const alertRuleById = (ctx: TenantScope) =>
  new DataLoader<string, AlertRule | null>(async (ids) => {
    const rows: AlertRule[] = await ctx.tx.manager.query(`SELECT ${RULE_COLUMNS} FROM alert_rules WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [
      ctx.caller.tenantId,
      ids,
    ]);
    return byKey(
      ids,
      rows.map((r) => Object.assign(new AlertRule(), r)),
      (r) => r.uuid,
    );
  });

/** The agents each rule fires for now, one statement per page of rules. */
export const firingByRule = (ctx: TenantScope) =>
  new DataLoader<string, AlertRuleFiring[]>(async (ids) => {
    const rows: { rule_id: string; agent_id: string; firing_since: Date; alert_id: string | null }[] = await ctx.tx.manager.query(
      `SELECT rule_id, agent_id, firing_since, alert_id FROM alert_rule_states
       WHERE tenant_id = $1 AND rule_id = ANY($2::uuid[]) AND firing_since IS NOT NULL ORDER BY firing_since DESC`,
      [ctx.caller.tenantId, ids],
    );
    return groupedByKey(ids, rows, (r) => r.rule_id).map((list) =>
      list.map((r) => Object.assign(new AlertRuleFiring(), { agentUuid: r.agent_id, alertUuid: r.alert_id, since: r.firing_since })),
    );
  });
