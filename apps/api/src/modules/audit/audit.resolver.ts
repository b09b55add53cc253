import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type { StewardContext } from '../../context';
import { Connection, ConnectionArgs, connectionType, OrderDirection } from '../../graphql/connection';
import { readPage, Selection, SqlParams, readByIdFor } from '../../graphql/read-model';
import { ApiKey, apiKeyReads } from '../api-keys';
import { User, userReads } from '../users';
import { AuditChainVerification, AuditEntry } from './audit-entry.entity';
import { auditEntriesCsv } from './audit.export';
import { AuditFacets, auditFacets } from './audit.facets';
import { auditConditions } from './audit.filter';
import { auditEntryReads } from './audit-entry.reads';
import { AuditEntryFilter } from './audit.inputs';
import { verifyChain } from './audit.service';

export const AuditEntryConnection = connectionType(AuditEntry, 'AuditEntry');

@Resolver(() => AuditEntry)
export class AuditEntryResolver {
  @Query(() => AuditEntryConnection, { nullable: true, description: "The current tenant's audit log, newest first" })
  async auditEntries(
    @Args() page: ConnectionArgs,
    @Arg('filter', () => AuditEntryFilter, { nullable: true, description: 'Only entries matching these conditions; the whole log when null' })
    filter: AuditEntryFilter | null,
    @Ctx() ctx: StewardContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<AuditEntry>> {
    const params = new SqlParams();
    const where = auditConditions(ctx.caller.tenantId, filter, params);
    return readPage(ctx, auditEntryReads, Selection.of(info, true), { alias: 'a', where, params }, page, {
      column: 'a.created_at',
      id: 'a.id',
      direction: OrderDirection.DESC,
      cast: 'timestamptz',
    });
  }

  @Query(() => String, {
    nullable: true,
    description: 'auditEntries as CSV (header row, CRLF), newest first, at most 10,000 rows; the export is itself audited',
  })
  auditEntriesCsv(
    @Arg('filter', () => AuditEntryFilter, {
      nullable: true,
      description: 'Only entries matching these conditions; the whole log (up to the row limit) when null',
    })
    filter: AuditEntryFilter | null,
    @Ctx() ctx: StewardContext,
  ): Promise<string> {
    return auditEntriesCsv(ctx, filter);
  }

  @Query(() => AuditFacets, { nullable: true, description: 'The distinct actions and entity types in the audit log, for filters' })
  auditFacets(@Ctx() ctx: StewardContext): Promise<AuditFacets> {
    return auditFacets(ctx);
  }

  @Query(() => AuditChainVerification, { nullable: true, description: "Recomputes the current tenant's audit hash chain" })
  auditChainVerification(@Ctx() ctx: StewardContext): Promise<AuditChainVerification> {
    return verifyChain(ctx);
  }

  @FieldResolver(() => User, { nullable: true, description: 'The user who acted, when a user did' })
  actorUser(@Root() entry: AuditEntry, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<User | null> | null {
    return entry.actorUserId ? readByIdFor(ctx, userReads, info).load(entry.actorUserId) : null;
  }

  @FieldResolver(() => ApiKey, { nullable: true, description: 'The API key that acted, when one did' })
  actorApiKey(@Root() entry: AuditEntry, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<ApiKey | null> | null {
    return entry.actorApiKeyId ? readByIdFor(ctx, apiKeyReads, info).load(entry.actorApiKeyId) : null;
  }
}
