import type { TenantScope } from '../../scope';
import { Connection, ConnectionArgs, OrderDirection } from '../../graphql/connection';
import { StewardError, UserInputProblem, UserInputProblems } from '../../graphql/errors';
import { expectGlobalId, isUuid, parseGlobalId } from '../../graphql/global-id';
import { readPage, Selection, SqlParams } from '../../graphql/read-model';
import { agentUuidOf, batchDigest, claimBatch, TelemetryBatchOutcome, tenantRetention } from '../metrics';
import { claimEvents } from '../tenants';
import { AnalyticsEvent } from './analytics-event.entity';
import { AnalyticsEventFilter, AnalyticsEventInput, AnalyticsInterval, MAX_EVENTS_PER_BATCH, MAX_PAYLOAD } from './analytics-event.inputs';
import { analyticsEventReads } from './analytics-event.reads';
import { AnalyticsEventCount } from './analytics-event.payloads';

/** Records a batch of events all together or not at all, idempotent by batch key, in one statement for the events. */
export async function recordAnalyticsEvents(ctx: TenantScope, batchKey: string, events: AnalyticsEventInput[], now = Date.now()) {
  const { rawDays } = await tenantRetention(ctx);
  const problems: UserInputProblem[] = [];
  if (!events.length) throw new UserInputProblem('events', 'A batch holds at least one event');
  if (events.length > MAX_EVENTS_PER_BATCH)
    throw new UserInputProblem('events', `A batch holds at most ${MAX_EVENTS_PER_BATCH} events; this one has ${events.length}`);
  const rows = events.map((e, i) => {
    const problem = (field: string, message: string) => problems.length < 100 && problems.push(new UserInputProblem(`events.${i}.${field}`, message));
    const name = e.name.trim();
    if (!name || name.length > 100) problem('name', 'name must be 1 to 100 characters');
    const at = e.occurredAt ? e.occurredAt.getTime() : now;
    if (at > now + 5 * 60_000) problem('occurredAt', 'occurredAt is more than 5 minutes in the future');
    else if (at < now - rawDays * 86_400_000) problem('occurredAt', `occurredAt is older than the raw retention of ${rawDays} days`);
    const agent = e.agentId ? agentUuidOf(e.agentId) : null;
    if (e.agentId && !agent) problem('agentId', 'agentId is not a valid Agent id');
    const parsedUser = e.userId ? parseGlobalId(e.userId) : null;
    const user = parsedUser?.type === 'User' && isUuid(parsedUser.id) ? parsedUser.id : null;
    if (e.userId && !user) problem('userId', 'userId is not a valid User id');
    const payload = JSON.stringify(e.payload ?? {});
    if (Buffer.byteLength(payload) > MAX_PAYLOAD) problem('payload', `payload must be at most ${MAX_PAYLOAD} bytes of JSON`);
    return { type: e.type, name, at: new Date(at).toISOString(), given: e.occurredAt ? new Date(at).toISOString() : null, agent, user, payload };
  });
  if (problems.length) throw new UserInputProblems(problems);
  // A retry without occurredAt is the same batch: the digest covers what the client sent, not the times it defaulted to.
  const claim = await claimBatch(ctx, 'events', batchKey, batchDigest(rows.map(({ at: _, ...sent }) => sent)), rows.length);
  if (claim.duplicate) return { outcome: TelemetryBatchOutcome.DUPLICATE, recordedCount: claim.count };
  await claimEvents(ctx, rows.length);
  const [result]: { unknown_agents: number[] | null; unknown_users: number[] | null }[] = await ctx.tx.manager.query(
    `WITH input AS (
       SELECT * FROM unnest($2::text[], $3::text[], $4::timestamptz[], $5::uuid[], $6::uuid[], $7::text[]) WITH ORDINALITY AS i(type, name, at, agent_id, user_id, payload, n)),
     unknown_agents AS (SELECT n - 1 AS n FROM input i WHERE agent_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM agents a WHERE a.id = i.agent_id AND a.tenant_id = $1)),
     unknown_users AS (SELECT n - 1 AS n FROM input i WHERE user_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = i.user_id AND m.tenant_id = $1)),
     inserted AS (
       INSERT INTO analytics_events (tenant_id, type, name, occurred_at, agent_id, user_id, payload, batch_id)
       SELECT $1::uuid, type, name, at, agent_id, user_id, payload::jsonb, $8 FROM input
       WHERE NOT EXISTS (SELECT 1 FROM unknown_agents) AND NOT EXISTS (SELECT 1 FROM unknown_users) RETURNING 1)
     SELECT (SELECT array_agg(n ORDER BY n) FROM unknown_agents) AS unknown_agents, (SELECT array_agg(n ORDER BY n) FROM unknown_users) AS unknown_users,
            (SELECT count(*) FROM inserted) AS inserted`,
    [
      ctx.caller.tenantId,
      rows.map((r) => r.type),
      rows.map((r) => r.name),
      rows.map((r) => r.at),
      rows.map((r) => r.agent),
      rows.map((r) => r.user),
      rows.map((r) => r.payload),
      claim.batchId,
    ],
  );
  const unknown = [
    ...(result.unknown_agents ?? []).map((n) => new UserInputProblem(`events.${n}.agentId`, 'No such agent in this tenant')),
    ...(result.unknown_users ?? []).map((n) => new UserInputProblem(`events.${n}.userId`, 'No such member in this tenant')),
  ];
  if (unknown.length) throw new UserInputProblems(unknown.slice(0, 100));
  await ctx.audit.record({ action: 'analyticsEvents.record', entityType: 'AnalyticsEvent', after: { batchKey: batchKey.trim(), events: rows.length } });
  return { outcome: TelemetryBatchOutcome.RECORDED, recordedCount: rows.length };
}

function conditions(ctx: TenantScope, filter: AnalyticsEventFilter | null, params: SqlParams, alias: string): string[] {
  const to = filter?.to ?? new Date();
  const from = filter?.from ?? new Date(to.getTime() - 86_400_000);
  if (from >= to) throw StewardError.badInput('filter.from', 'from must be before to');
  const where = [
    `${alias}.tenant_id = ${params.add(ctx.caller.tenantId)}`,
    `${alias}.occurred_at >= ${params.add(from)}::timestamptz`,
    `${alias}.occurred_at < ${params.add(to)}::timestamptz`,
  ];
  if (filter?.types?.length) where.push(`${alias}.type = ANY(${params.add(filter.types)}::text[])`);
  if (filter?.names?.length) where.push(`${alias}.name = ANY(${params.add(filter.names.slice(0, 50))}::text[])`);
  if (filter?.agentIds?.length)
    where.push(`${alias}.agent_id = ANY(${params.add(filter.agentIds.slice(0, 100).map((id) => expectGlobalId(id, 'Agent', 'filter.agentIds')))}::uuid[])`);
  if (filter?.userId) where.push(`${alias}.user_id = ${params.add(expectGlobalId(filter.userId, 'User', 'filter.userId'))}::uuid`);
  return where;
}

export function listAnalyticsEvents(
  ctx: TenantScope,
  page: ConnectionArgs,
  filter: AnalyticsEventFilter | null,
  selection: Selection,
): Promise<Connection<AnalyticsEvent>> {
  const params = new SqlParams();
  return readPage(ctx, analyticsEventReads, selection, { alias: 'e', where: conditions(ctx, filter, params, 'e'), params }, page, {
    column: 'e.occurred_at',
    id: 'e.id',
    direction: OrderDirection.DESC,
    cast: 'timestamptz',
  });
}

const TRUNC: Record<AnalyticsInterval, string> = { MINUTE: 'minute', HOUR: 'hour', DAY: 'day' };

/** Counts by kind per period over the filter's range, one statement; at most 2,000 periods. */
export async function countAnalyticsEvents(ctx: TenantScope, filter: AnalyticsEventFilter | null, interval: AnalyticsInterval): Promise<AnalyticsEventCount[]> {
  const to = filter?.to ?? new Date();
  const from = filter?.from ?? new Date(to.getTime() - 86_400_000);
  const seconds = { MINUTE: 60, HOUR: 3600, DAY: 86_400 }[interval];
  if ((to.getTime() - from.getTime()) / 1000 / seconds > 2000)
    throw StewardError.badInput('interval', 'The range holds more than 2,000 periods; choose a longer interval');
  const params = new SqlParams();
  const where = conditions(ctx, filter, params, 'e');
  const rows: { at: Date; type: AnalyticsEvent['type']; count: number }[] = await ctx.tx.manager.query(
    `SELECT date_trunc('${TRUNC[interval]}', e.occurred_at, 'UTC') AS at, e.type, count(*)::int AS count FROM analytics_events e
     WHERE ${where.join(' AND ')} GROUP BY 1, 2 ORDER BY 1, 2`,
    params.values,
  );
  return rows;
}
