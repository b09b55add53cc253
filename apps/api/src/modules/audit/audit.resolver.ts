import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { StewardContext } from '../../context';
import { Connection, ConnectionArgs, connectionType, OrderDirection, paginate } from '../../graphql/connection';
import { StewardError } from '../../graphql/errors';
import { expectGlobalId, parseGlobalId } from '../../graphql/global-id';
import { loader } from '../../graphql/loader';
import { ApiKey } from '../api-keys/api-key.entity';
import { apiKeyById } from '../api-keys/api-key.loaders';
import { User } from '../users/user.entity';
import { userById } from '../users/user.loaders';
import { AuditChainVerification, AuditEntry } from './audit-entry.entity';
import { AuditEntryFilter } from './audit.inputs';
import { verifyChain } from './audit.service';

export const AuditEntryConnection = connectionType(AuditEntry, 'AuditEntry');

@Resolver(() => AuditEntry)
export class AuditEntryResolver {
  @Query(() => AuditEntryConnection, { nullable: true, description: "The current tenant's audit log, newest first" })
  async auditEntries(
    @Args() page: ConnectionArgs,
    @Arg('filter', () => AuditEntryFilter, { nullable: true }) filter: AuditEntryFilter | null,
    @Ctx() ctx: StewardContext,
  ): Promise<Connection<AuditEntry>> {
    const qb = ctx.tx.manager.createQueryBuilder(AuditEntry, 'a').where('a.tenant_id = :tenant', { tenant: ctx.caller.tenantId });
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
    return paginate(ctx.tx.manager, qb, page, {
      column: 'a.created_at',
      id: 'a.id',
      direction: OrderDirection.DESC,
      idOf: (e) => e.uuid,
      cast: 'timestamptz',
    });
  }

  @Query(() => AuditChainVerification, { nullable: true, description: "Recomputes the current tenant's audit hash chain" })
  auditChainVerification(@Ctx() ctx: StewardContext): Promise<AuditChainVerification> {
    return verifyChain(ctx);
  }

  @FieldResolver(() => User, { nullable: true, description: 'The user who acted, when a user did' })
  actorUser(@Root() entry: AuditEntry, @Ctx() ctx: StewardContext): Promise<User | null> | null {
    return entry.actorUserId ? loader(ctx, userById).load(entry.actorUserId) : null;
  }

  @FieldResolver(() => ApiKey, { nullable: true, description: 'The API key that acted, when one did' })
  actorApiKey(@Root() entry: AuditEntry, @Ctx() ctx: StewardContext): Promise<ApiKey | null> | null {
    return entry.actorApiKeyId ? loader(ctx, apiKeyById).load(entry.actorApiKeyId) : null;
  }
}
