import type { TenantScope } from '../../scope';
import { Connection, ConnectionArgs, OrderDirection } from '../../graphql/connection';
import { StewardError } from '../../graphql/errors';
import { parseGlobalId } from '../../graphql/global-id';
import { readPage, Selection, SqlParams } from '../../graphql/read-model';
import { DomainEvent } from './domain-event.entity';
import { DomainEventFilter } from './domain-event.inputs';
import { domainEventReads } from './domain-event.reads';

/** How long events stay in the log, like the audit log's hot tier; webhooks deliveries keep their own record. */
export const EVENT_RETENTION_DAYS = 90;

export function listEvents(ctx: TenantScope, page: ConnectionArgs, filter: DomainEventFilter | null, selection: Selection): Promise<Connection<DomainEvent>> {
  const params = new SqlParams();
  const where = [`e.tenant_id = ${params.add(ctx.caller.tenantId)}`];
  if (filter?.types?.length) where.push(`e.type = ANY(${params.add(filter.types)}::text[])`);
  if (filter?.subjectId) {
    const subject = parseGlobalId(filter.subjectId);
    if (!subject) throw StewardError.badInput('filter.subjectId', 'filter.subjectId is not a valid id');
    where.push(`e.subject_type = ${params.add(subject.type)} AND e.subject_id = ${params.add(subject.id)}`);
  }
  if (filter?.from) where.push(`e.occurred_at >= ${params.add(filter.from)}`);
  if (filter?.to) where.push(`e.occurred_at < ${params.add(filter.to)}`);
  return readPage(ctx, domainEventReads, selection, { alias: 'e', where, params }, page, {
    column: 'e.occurred_at',
    id: 'e.id',
    direction: OrderDirection.DESC,
    cast: 'timestamptz',
  });
}

/** Drops events past retention, for every tenant at once (the owner's connection: a job's housekeeping, not tenant work). */
export async function pruneEvents(
  ctx: { dataSource: { query(sql: string, params?: unknown[]): Promise<unknown> } },
  days = EVENT_RETENTION_DAYS,
): Promise<number> {
  const [, count] = (await ctx.dataSource.query(`DELETE FROM domain_events WHERE occurred_at < now() - make_interval(days => $1)`, [days])) as [
    unknown,
    number,
  ];
  return count;
}
