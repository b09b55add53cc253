import type { TenantScope } from '../../scope';
import { writableAgent } from '../agents';
import { Connection, ConnectionArgs, OrderDirection } from '../../graphql/connection';
import { connectionOf, PARENT } from '../../graphql/connection-per-parent';
import { byIds, readList, Selection } from '../../graphql/read-model';
import { agentActivityReads } from './agent-activity.reads';
import { UserInputProblem } from '../../graphql/errors';
import { checkJsonSize } from '../../graphql/json-input';
import { AgentActivity, AgentActivityType } from './agent-activity.entity';
import { AgentActivityFilter, AgentActivityRecordInput } from './agent-activity.inputs';

/** An agent's feed; the feeds of a whole page of agents are read together (see connectionOf). */
export function listActivity(
  ctx: TenantScope,
  agentId: string,
  page: ConnectionArgs,
  filter: AgentActivityFilter | null,
  selection: Selection,
): Promise<Connection<AgentActivity>> {
  return connectionOf(ctx, agentId, page, {
    key: `agent.activity:${JSON.stringify(filter?.types ?? null)}:${agentActivityReads.plan(ctx.app.dataSource, 'r', selection).select}`,
    query: () => {
      const qb = ctx.tx.manager
        .createQueryBuilder(AgentActivity, 'e')
        .where(`e.tenant_id = :tenant AND e.agent_id = ${PARENT}`, { tenant: ctx.caller.tenantId });
      if (filter?.types?.length) qb.andWhere('e.type IN (:...types)', { types: filter.types });
      return qb;
    },
    sort: { column: 'e.occurred_at', id: 'e.id', direction: OrderDirection.DESC, idOf: (e) => e.uuid, cast: 'timestamptz' },
    load: (ids) => readList(ctx, agentActivityReads, selection, byIds(ctx, 'r', ids)),
  });
}

/** Appends to an agent's feed; services call this for lifecycle events, partner apps through the mutation. */
export async function recordAgentActivity(
  ctx: TenantScope,
  agentId: string,
  event: { type: `${AgentActivityType}`; summary: string; details?: Record<string, unknown>; occurredAt?: Date },
): Promise<AgentActivity> {
  const [row] = await ctx.tx.manager.query(
    `INSERT INTO agent_activities (tenant_id, agent_id, type, summary, details, actor_user_id, actor_api_key_id, occurred_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, coalesce($8, now())) RETURNING id`,
    [ctx.caller.tenantId, agentId, event.type, event.summary, event.details ?? {}, ctx.caller.userId, ctx.caller.apiKeyId, event.occurredAt ?? null],
  );
  return ctx.tx.manager.findOneByOrFail(AgentActivity, { uuid: row.id });
}

export async function reportActivity(ctx: TenantScope, agentId: string, input: AgentActivityRecordInput): Promise<AgentActivity> {
  checkJsonSize('details', input.details);
  if (input.occurredAt && input.occurredAt.getTime() > Date.now() + 60_000) throw new UserInputProblem('occurredAt', 'occurredAt is in the future');
  const agent = await writableAgent(ctx, agentId, 'agentId', 'update');
  const activity = await recordAgentActivity(ctx, agentId, {
    type: input.type,
    summary: input.summary.trim(),
    details: input.details,
    occurredAt: input.occurredAt,
  });
  await ctx.tx.manager.query(`UPDATE agents SET last_active_at = greatest(coalesce(last_active_at, $2), $2) WHERE id = $1`, [agentId, activity.occurredAt]);
  await ctx.audit.record({
    action: 'agentActivity.record',
    entityType: 'Agent',
    entityId: agentId,
    entityName: agent.name,
    after: { type: input.type, summary: activity.summary },
  });
  return activity;
}
