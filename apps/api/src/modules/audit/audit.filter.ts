import { StewardError } from '../../graphql/errors';
import { expectGlobalId, parseGlobalId } from '../../graphql/global-id';
import type { ParamSink } from '../../graphql/read-model';
import type { AuditEntryFilter } from './audit.inputs';

/** The conditions on the tenant's entries (alias `a`), the same for the list and the export; values go to `params`. */
export function auditConditions(tenantId: string | null, filter: AuditEntryFilter | null, params: ParamSink): string[] {
  const where = [`a.tenant_id = ${params.add(tenantId)}`];
  if (filter?.actorUserId) where.push(`a.actor_user_id = ${params.add(expectGlobalId(filter.actorUserId, 'User', 'filter.actorUserId'))}`);
  if (filter?.actorApiKeyId) where.push(`a.actor_api_key_id = ${params.add(expectGlobalId(filter.actorApiKeyId, 'ApiKey', 'filter.actorApiKeyId'))}`);
  if (filter?.action?.endsWith('*')) where.push(`a.action LIKE ${params.add(filter.action.slice(0, -1).replace(/[\\%_]/g, '\\$&') + '%')}`);
  else if (filter?.action) where.push(`a.action = ${params.add(filter.action)}`);
  if (filter?.entityType) where.push(`a.entity_type = ${params.add(filter.entityType)}`);
  if (filter?.entityId) {
    const entity = parseGlobalId(filter.entityId);
    if (!entity) throw StewardError.badInput('filter.entityId', 'filter.entityId is not a valid id');
    where.push(`a.entity_type = ${params.add(entity.type)} AND a.entity_id = ${params.add(entity.id)}`);
  }
  if (filter?.outcome) where.push(`a.outcome = ${params.add(filter.outcome)}`);
  if (filter?.from) where.push(`a.created_at >= ${params.add(filter.from)}`);
  if (filter?.to) where.push(`a.created_at < ${params.add(filter.to)}`);
  return where;
}
