import type { TenantScope } from '../../scope';
import { Connection, ConnectionArgs, OrderDirection } from '../../graphql/connection';
import { InputChecks, StewardError, UserInputProblem } from '../../graphql/errors';
import { expectGlobalId } from '../../graphql/global-id';
import { readPage, Selection, SqlParams } from '../../graphql/read-model';
import { alertRuleLanguage } from './alert-rule.language';
import { AlertRule } from './alert-rule.entity';
import { AlertRuleCreateInput, AlertRuleUpdateInput } from './alert-rule.inputs';
import { alertRuleReads } from './alert-rule.reads';
import { evaluateRules } from './alert-rule.runs';

const RULE_COLUMNS = `id AS uuid, tenant_id AS "tenantId", name, description, condition, window_minutes AS "windowMinutes", for_minutes AS "forMinutes",
  severity, enabled, agent_tags AS "agentTags", created_by_id AS "createdById", created_at AS "createdAt", updated_at AS "updatedAt"`;

export function listAlertRules(ctx: TenantScope, page: ConnectionArgs, selection: Selection): Promise<Connection<AlertRule>> {
  const params = new SqlParams();
  return readPage(ctx, alertRuleReads, selection, { alias: 'r', where: [`r.tenant_id = ${params.add(ctx.caller.tenantId)}`], params }, page, {
    column: 'r.created_at',
    id: 'r.id',
    direction: OrderDirection.DESC,
    cast: 'timestamptz',
  });
}

async function findRule(ctx: TenantScope, globalId: string): Promise<AlertRule> {
  const id = expectGlobalId(globalId, 'AlertRule', 'input.alertRuleId');
  const [rule]: AlertRule[] = await ctx.tx.manager.query(`SELECT ${RULE_COLUMNS} FROM alert_rules WHERE tenant_id = $1 AND id = $2`, [ctx.caller.tenantId, id]);
  if (!rule) throw StewardError.notFound('AlertRule');
  return Object.assign(new AlertRule(), rule);
}

interface RuleFields {
  name: string;
  description: string | null;
  condition: string;
  windowMinutes: number;
  forMinutes: number;
  severity: string;
  agentTags: string[];
}

/** Every problem of a rule's fields at once; the condition's with its line and column. */
export function checkRule(fields: RuleFields): RuleFields {
  const checks = new InputChecks();
  const name = fields.name.trim();
  if (!name || name.length > 120) checks.add('name', 'name must be 1 to 120 characters');
  const description = fields.description?.trim() || null;
  if (description && description.length > 1000) checks.add('description', 'description must be at most 1000 characters');
  const compiled = alertRuleLanguage.compile(fields.condition);
  if (!compiled.ok) checks.add('condition', compiled.message);
  if (!Number.isInteger(fields.windowMinutes) || fields.windowMinutes < 1 || fields.windowMinutes > 1440)
    checks.add('windowMinutes', 'windowMinutes must be between 1 and 1440');
  if (!Number.isInteger(fields.forMinutes) || fields.forMinutes < 0 || fields.forMinutes > 1440)
    checks.add('forMinutes', 'forMinutes must be between 0 and 1440');
  const agentTags = [...new Set(fields.agentTags.map((t) => t.trim()).filter(Boolean))].sort();
  if (agentTags.length > 20 || agentTags.some((t) => t.length > 60)) checks.add('agentTags', 'At most 20 tags of at most 60 characters each');
  checks.refuseIfAny();
  return { ...fields, name, description, agentTags };
}

function ruleAudit(rule: AlertRule | (RuleFields & { enabled: boolean })) {
  return {
    name: rule.name,
    condition: rule.condition,
    windowMinutes: rule.windowMinutes,
    forMinutes: rule.forMinutes,
    severity: rule.severity,
    agentTags: rule.agentTags,
    enabled: rule.enabled,
  };
}

/** Creates a rule and, when enabled, evaluates it at once (the minute job's code), so a condition that holds fires now. */
export async function createAlertRule(ctx: TenantScope, input: AlertRuleCreateInput, now = new Date()): Promise<AlertRule> {
  const fields = checkRule({ ...input, description: input.description ?? null, agentTags: input.agentTags ?? [] });
  const [row]: AlertRule[] = await ctx.tx.manager.query(
    `INSERT INTO alert_rules (tenant_id, name, description, condition, window_minutes, for_minutes, severity, enabled, agent_tags, created_by_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${RULE_COLUMNS}`,
    [
      ctx.caller.tenantId,
      fields.name,
      fields.description,
      fields.condition,
      fields.windowMinutes,
      fields.forMinutes,
      fields.severity,
      input.enabled,
      fields.agentTags,
      ctx.caller.userId,
    ],
  );
  const rule = Object.assign(new AlertRule(), row);
  await ctx.audit.record({ action: 'alertRule.create', entityType: 'AlertRule', entityId: rule.uuid, entityName: rule.name, after: ruleAudit(rule) });
  if (rule.enabled) await evaluateRules(ctx, now, [rule.uuid]);
  return rule;
}

/** Changes a rule; a changed condition, window or scope starts its episodes over (pending and firing states are cleared, open alerts resolve). */
export async function updateAlertRule(ctx: TenantScope, input: AlertRuleUpdateInput, now = new Date()): Promise<AlertRule> {
  const current = await findRule(ctx, input.alertRuleId);
  const fields = checkRule({
    name: input.name ?? current.name,
    description: input.description === undefined ? current.description : input.description,
    condition: input.condition ?? current.condition,
    windowMinutes: input.windowMinutes ?? current.windowMinutes,
    forMinutes: input.forMinutes ?? current.forMinutes,
    severity: input.severity ?? current.severity,
    agentTags: input.agentTags ?? current.agentTags,
  });
  const [[row]]: [AlertRule[], number] = await ctx.tx.manager.query(
    `UPDATE alert_rules SET name = $3, description = $4, condition = $5, window_minutes = $6, for_minutes = $7, severity = $8, agent_tags = $9, updated_at = now()
     WHERE tenant_id = $1 AND id = $2 RETURNING ${RULE_COLUMNS}`,
    [
      ctx.caller.tenantId,
      current.uuid,
      fields.name,
      fields.description,
      fields.condition,
      fields.windowMinutes,
      fields.forMinutes,
      fields.severity,
      fields.agentTags,
    ],
  );
  const rule = Object.assign(new AlertRule(), row);
  const restarted = current.condition !== rule.condition || current.windowMinutes !== rule.windowMinutes || current.agentTags.join() !== rule.agentTags.join();
  if (restarted) await endEpisodes(ctx, rule.uuid, 'The rule changed');
  await ctx.audit.record({
    action: 'alertRule.update',
    entityType: 'AlertRule',
    entityId: rule.uuid,
    entityName: rule.name,
    before: ruleAudit(current),
    after: ruleAudit(rule),
  });
  if (rule.enabled) await evaluateRules(ctx, now, [rule.uuid]);
  return rule;
}

/** Clears a rule's states and resolves its open alerts. */
async function endEpisodes(ctx: TenantScope, ruleId: string, note: string): Promise<void> {
  await ctx.tx.manager.query(
    `WITH cleared AS (DELETE FROM alert_rule_states WHERE tenant_id = $1 AND rule_id = $2 RETURNING alert_id)
     UPDATE alerts SET status = 'resolved', resolved_at = now(), note = coalesce(note, $3), updated_at = now()
     WHERE tenant_id = $1 AND alert_rule_id = $2 AND status <> 'resolved' AND (SELECT count(*) FROM cleared) >= 0`,
    [ctx.caller.tenantId, ruleId, note],
  );
}

export async function setAlertRuleEnabled(ctx: TenantScope, globalId: string, enabled: boolean, now = new Date()): Promise<AlertRule> {
  const current = await findRule(ctx, globalId);
  if (current.enabled === enabled) throw new UserInputProblem('alertRuleId', `The rule is already ${enabled ? 'enabled' : 'disabled'}`, 'CONFLICT');
  const [[row]]: [AlertRule[], number] = await ctx.tx.manager.query(
    `UPDATE alert_rules SET enabled = $3, updated_at = now() WHERE tenant_id = $1 AND id = $2 RETURNING ${RULE_COLUMNS}`,
    [ctx.caller.tenantId, current.uuid, enabled],
  );
  const rule = Object.assign(new AlertRule(), row);
  if (!enabled) await endEpisodes(ctx, rule.uuid, 'The rule was disabled');
  await ctx.audit.record({
    action: enabled ? 'alertRule.enable' : 'alertRule.disable',
    entityType: 'AlertRule',
    entityId: rule.uuid,
    entityName: rule.name,
    before: { enabled: current.enabled },
    after: { enabled },
  });
  if (enabled) await evaluateRules(ctx, now, [rule.uuid]);
  return rule;
}

/** Deletes a rule; its open alerts resolve and stay in the inbox (their rule reads null). */
export async function deleteAlertRule(ctx: TenantScope, globalId: string): Promise<string> {
  const current = await findRule(ctx, globalId);
  await endEpisodes(ctx, current.uuid, 'The rule was deleted');
  await ctx.tx.manager.query(`DELETE FROM alert_rules WHERE tenant_id = $1 AND id = $2`, [ctx.caller.tenantId, current.uuid]);
  await ctx.audit.record({ action: 'alertRule.delete', entityType: 'AlertRule', entityId: current.uuid, entityName: current.name, before: ruleAudit(current) });
  return current.id;
}

export { RULE_COLUMNS };
