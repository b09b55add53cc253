import type { SelectQueryBuilder } from 'typeorm';
import { StewardError } from '../../graphql/errors';
import { expectGlobalId, parseGlobalId } from '../../graphql/global-id';
import type { AuditEntry } from './audit-entry.entity';
import type { AuditEntryFilter } from './audit.inputs';

/** Narrows a query over the tenant's entries (alias `a`) the same way for the list and the export. */
export function applyAuditFilter(qb: SelectQueryBuilder<AuditEntry>, filter: AuditEntryFilter | null): SelectQueryBuilder<AuditEntry> {
  if (filter?.actorUserId) qb.andWhere('a.actor_user_id = :actorUser', { actorUser: expectGlobalId(filter.actorUserId, 'User', 'filter.actorUserId') });
  if (filter?.actorApiKeyId) qb.andWhere('a.actor_api_key_id = :actorKey', { actorKey: expectGlobalId(filter.actorApiKeyId, 'ApiKey', 'filter.actorApiKeyId') });
  if (filter?.action?.endsWith('*')) qb.andWhere('a.action LIKE :action', { action: filter.action.slice(0, -1).replace(/[\\%_]/g, '\\$&') + '%' });
  else if (filter?.action) qb.andWhere('a.action = :action', { action: filter.action });
  if (filter?.entityType) qb.andWhere('a.entity_type = :entityType', { entityType: filter.entityType });
  if (filter?.entityId) {
    const entity = parseGlobalId(filter.entityId);
    if (!entity) throw StewardError.badInput('filter.entityId', 'filter.entityId is not a valid id');
    qb.andWhere('a.entity_type = :entityIdType AND a.entity_id = :entityId', { entityIdType: entity.type, entityId: entity.id });
  }
  if (filter?.outcome) qb.andWhere('a.outcome = :outcome', { outcome: filter.outcome });
  if (filter?.from) qb.andWhere('a.created_at >= :from', { from: filter.from });
  if (filter?.to) qb.andWhere('a.created_at < :to', { to: filter.to });
  return qb;
}
