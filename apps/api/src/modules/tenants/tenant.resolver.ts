import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Info, Mutation, Query, Resolver } from 'type-graphql';
import { readByIdFor, Selection } from '../../graphql/read-model';
import { tenantReads } from './tenant.reads';
import type { StewardContext } from '../../context';
import { Connection, ConnectionArgs, connectionType } from '../../graphql/connection';
import { expectGlobalId } from '../../graphql/global-id';
import { mutate } from '../../graphql/mutation';
import { Tenant, TenantStatus } from './tenant.entity';
import { TenantCreateInput, TenantLifecycleInput, TenantUpdateInput } from './tenant.inputs';
import { TenantCreatePayload, TenantPayload } from './tenant.payloads';
import { createTenant, moveTenant, listTenants, updateTenant } from './tenant.service';

export const TenantConnection = connectionType(Tenant, 'Tenant');

function move(ctx: StewardContext, input: TenantLifecycleInput, status: TenantStatus, action: string): Promise<TenantPayload> {
  const id = expectGlobalId(input.tenantId, 'Tenant', 'input.tenantId');
  return mutate(
    ctx,
    { action, entityType: 'Tenant', entityId: id },
    async () => ({ tenant: await moveTenant(ctx, id, status, action, input), userErrors: [] }),
    () => ({ tenant: null }),
  );
}

@Resolver(() => Tenant)
export class TenantResolver {
  @Query(() => Tenant, { nullable: true, description: 'The tenant the caller is acting in' })
  tenant(@Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<Tenant | null> | null {
    return ctx.caller.tenantId ? readByIdFor(ctx, tenantReads, info).load(ctx.caller.tenantId) : null;
  }

  @Query(() => TenantConnection, { nullable: true, description: 'Every tenant (platform admins)' })
  tenants(@Args() page: ConnectionArgs, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<Connection<Tenant>> {
    return listTenants(ctx, page, Selection.of(info, true));
  }

  @Mutation(() => TenantCreatePayload, { nullable: true, description: 'Creates a tenant and optionally invites its first admin (platform admins only)' })
  tenantCreate(
    @Arg('input', { description: 'The arguments of the mutation; the input type describes each one' }) input: TenantCreateInput,
    @Ctx() ctx: StewardContext,
  ): Promise<TenantCreatePayload> {
    return mutate(
      ctx,
      { action: 'tenant.create', entityType: 'Tenant' },
      async () => ({ ...(await createTenant(ctx, input)), userErrors: [] }),
      () => ({ tenant: null, adminInvitation: null, adminInvitationToken: null }),
    );
  }

  @Mutation(() => TenantPayload, { nullable: true, description: "Changes a tenant's name, plan or limits" })
  tenantUpdate(
    @Arg('input', { description: 'The arguments of the mutation; the input type describes each one' }) input: TenantUpdateInput,
    @Ctx() ctx: StewardContext,
  ): Promise<TenantPayload> {
    const id = expectGlobalId(input.tenantId, 'Tenant', 'input.tenantId');
    return mutate(
      ctx,
      { action: 'tenant.update', entityType: 'Tenant', entityId: id },
      async () => ({ tenant: await updateTenant(ctx, id, input), userErrors: [] }),
      () => ({ tenant: null }),
    );
  }

  @Mutation(() => TenantPayload, {
    nullable: true,
    description: 'Suspends a tenant: its members and keys can no longer read or change anything until it is reactivated',
  })
  tenantSuspend(@Arg('input', { description: 'The tenant and why' }) input: TenantLifecycleInput, @Ctx() ctx: StewardContext): Promise<TenantPayload> {
    return move(ctx, input, TenantStatus.SUSPENDED, 'tenant.suspend');
  }

  @Mutation(() => TenantPayload, { nullable: true, description: 'Makes a suspended (or failed) tenant active again' })
  tenantReactivate(@Arg('input', { description: 'The tenant and why' }) input: TenantLifecycleInput, @Ctx() ctx: StewardContext): Promise<TenantPayload> {
    return move(ctx, input, TenantStatus.ACTIVE, 'tenant.reactivate');
  }
}
