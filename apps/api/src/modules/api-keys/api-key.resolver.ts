import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { StewardContext } from '../../context';
import { readByIdFor, Selection } from '../../graphql/read-model';
import { Connection, ConnectionArgs, connectionType } from '../../graphql/connection';
import { expectGlobalId } from '../../graphql/global-id';
import { mutate } from '../../graphql/mutation';
import { loader } from '../../graphql/loader';
import { CustomRole, customRoleById } from '../roles';
import { User, userReads } from '../users';
import { ApiKey } from './api-key.entity';
import { ApiKeyCreateInput, ApiKeyFilter, ApiKeyRevokeInput } from './api-key.inputs';
import { ApiKeyCreatePayload, ApiKeyRevokePayload } from './api-key.payloads';
import { createApiKey, listApiKeys, revokeApiKey } from './api-key.service';

export const ApiKeyConnection = connectionType(ApiKey, 'ApiKey');

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Query(() => ApiKeyConnection, { nullable: true, description: "The current tenant's API keys, newest first" })
  apiKeys(
    @Args() page: ConnectionArgs,
    @Arg('filter', () => ApiKeyFilter, { nullable: true, description: 'Only keys matching these conditions; all keys when null' }) filter: ApiKeyFilter | null,
    @Ctx() ctx: StewardContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<ApiKey>> {
    return listApiKeys(ctx, page, filter, Selection.of(info, true));
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who created the key; null if the user is gone' })
  createdBy(@Root() apiKey: ApiKey, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<User | null> | null {
    return apiKey.createdById ? readByIdFor(ctx, userReads, info).load(apiKey.createdById) : null;
  }

  @FieldResolver(() => CustomRole, { nullable: true, description: 'The custom role the key holds instead of a system role; null otherwise' })
  customRole(@Root() apiKey: ApiKey, @Ctx() ctx: StewardContext): Promise<CustomRole | null> | null {
    return apiKey.customRoleId ? loader(ctx, customRoleById).load(apiKey.customRoleId) : null;
  }

  @Mutation(() => ApiKeyCreatePayload, { nullable: true, description: 'Creates an API key; its secret is returned once and never again' })
  apiKeyCreate(@Arg('input', { description: 'The key to create' }) input: ApiKeyCreateInput, @Ctx() ctx: StewardContext): Promise<ApiKeyCreatePayload> {
    return mutate(
      ctx,
      { action: 'apiKey.create', entityType: 'ApiKey' },
      async () => {
        const customRoleId = input.customRoleId ? expectGlobalId(input.customRoleId, 'CustomRole', 'input.customRoleId') : null;
        return { ...(await createApiKey(ctx, input, customRoleId)), userErrors: [] };
      },
      () => ({ apiKey: null, secret: null }),
    );
  }

  @Mutation(() => ApiKeyRevokePayload, { nullable: true, description: 'Revokes an API key: it stops working at once' })
  apiKeyRevoke(@Arg('input', { description: 'The key to revoke' }) input: ApiKeyRevokeInput, @Ctx() ctx: StewardContext): Promise<ApiKeyRevokePayload> {
    const id = expectGlobalId(input.apiKeyId, 'ApiKey', 'input.apiKeyId');
    return mutate(
      ctx,
      { action: 'apiKey.revoke', entityType: 'ApiKey', entityId: id },
      async () => ({ apiKey: await revokeApiKey(ctx, id), userErrors: [] }),
      () => ({ apiKey: null }),
    );
  }
}
