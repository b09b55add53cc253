import type { TenantScope } from '../../scope';
import { Connection, ConnectionArgs, OrderDirection } from '../../graphql/connection';
import { StewardError, UserInputProblem } from '../../graphql/errors';
import { expectGlobalId } from '../../graphql/global-id';
import { loader } from '../../graphql/loader';
import { readPage, Selection, SqlParams } from '../../graphql/read-model';
import { Alert, AlertStatus } from './alert.entity';
import { AlertFilter } from './alert.inputs';
import { alertById } from './alert.loaders';
import { alertReads } from './alert.reads';

export function listAlerts(ctx: TenantScope, page: ConnectionArgs, filter: AlertFilter | null, selection: Selection): Promise<Connection<Alert>> {
  const params = new SqlParams();
  const where = [`a.tenant_id = ${params.add(ctx.caller.tenantId)}`];
  if (filter?.statuses?.length) where.push(`a.status = ANY(${params.add(filter.statuses)}::text[])`);
  if (filter?.severities?.length) where.push(`a.severity = ANY(${params.add(filter.severities)}::text[])`);
  if (filter?.budgetId) where.push(`a.budget_id = ${params.add(expectGlobalId(filter.budgetId, 'Budget', 'filter.budgetId'))}`);
  if (filter?.sources?.length) where.push(`a.source = ANY(${params.add(filter.sources)}::text[])`);
  if (filter?.agentId) where.push(`a.agent_id = ${params.add(expectGlobalId(filter.agentId, 'Agent', 'filter.agentId'))}`);
  return readPage(ctx, alertReads, selection, { alias: 'a', where, params }, page, {
    column: 'a.created_at',
    id: 'a.id',
    direction: OrderDirection.DESC,
    cast: 'timestamptz',
  });
}

const transitions = {
  acknowledge: { from: [AlertStatus.OPEN], to: AlertStatus.ACKNOWLEDGED, set: 'acknowledged_at = now(), acknowledged_by_id = $3' },
  resolve: { from: [AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED], to: AlertStatus.RESOLVED, set: 'resolved_at = now(), resolved_by_id = $3' },
};

/** Moves an alert on, guarded in the UPDATE itself so two people acting at once cannot both succeed. */
export async function changeAlert(ctx: TenantScope, alertId: string, action: keyof typeof transitions, note: string | undefined): Promise<Alert> {
  const current = await loader(ctx, alertById).load(alertId);
  if (!current) throw StewardError.notFound('Alert');
  const rule = transitions[action];
  const [rows]: [{ id: string }[], number] = await ctx.tx.manager.query(
    `UPDATE alerts SET status = $4, ${rule.set}, note = coalesce($5, note), updated_at = now()
     WHERE id = $1 AND tenant_id = $2 AND status = ANY($6::text[]) RETURNING id`,
    [current.uuid, ctx.caller.tenantId, ctx.caller.userId, rule.to, note?.trim() || null, rule.from],
  );
  if (!rows.length)
    throw new UserInputProblem('alertId', `The alert is ${current.status}; only ${rule.from.join(' or ')} alerts can be ${rule.to}`, 'CONFLICT');
  const alert = await ctx.tx.manager.findOneByOrFail(Alert, { uuid: current.uuid });
  loader(ctx, alertById).clear(alert.uuid).prime(alert.uuid, alert);
  await ctx.audit.record({
    action: `alert.${action}`,
    entityType: 'Alert',
    entityId: alert.uuid,
    entityName: alert.message.slice(0, 120),
    before: { status: current.status },
    after: { status: alert.status, note: alert.note },
  });
  return alert;
}

/** Month (or quarter) rollover: alerts of periods that have ended resolve themselves, in one audited statement. */
export async function resolveEndedAlerts(ctx: TenantScope, today: string): Promise<number> {
  const [rows]: [{ id: string }[], number] = await ctx.tx.manager.query(
    `UPDATE alerts SET status = 'resolved', resolved_at = now(), note = coalesce(note, 'The budget period ended'), updated_at = now()
     WHERE tenant_id = $1 AND status <> 'resolved' AND period_end < $2::date RETURNING id`,
    [ctx.caller.tenantId, today],
  );
  if (rows.length) {
    await ctx.audit.record({ action: 'alert.rollover', entityType: 'Alert', after: { resolved: rows.length, before: today } });
  }
  return rows.length;
}
