import { Arg, Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { StewardContext } from '../../context';
import { Connection, ConnectionArgs, connectionType } from '../../graphql/connection';
import { expectGlobalId } from '../../graphql/global-id';
import { loader } from '../../graphql/loader';
import { mutate } from '../../graphql/mutation';
import { Tenant } from './tenant.entity';
import { TenantCreateInput, TenantStatusChangeInput, TenantUpdateInput } from './tenant.inputs';
import { tenantById } from './tenant.loaders';
import { TenantCreatePayload, TenantPayload } from './tenant.payloads';
import { changeTenantStatus, createTenant, listTenants, updateTenant } from './tenant.service';

export const TenantConnection = connectionType(Tenant, 'Tenant');

@Resolver(() => Tenant)
export class TenantResolver {
  @Query(() => Tenant, { nullable: true, description: 'The tenant the caller is acting in' })
  tenant(@Ctx() ctx: StewardContext): Promise<Tenant | null> | null {
    return ctx.caller.tenantId ? loader(ctx, tenantById).load(ctx.caller.tenantId) : null;
  }

  @Query(() => TenantConnection, { nullable: true, description: 'Every tenant (platform admins)' })
  tenants(@Args() page: ConnectionArgs, @Ctx() ctx: StewardContext): Promise<Connection<Tenant>> {
    return listTenants(ctx, page);
  }

  @Mutation(() => TenantCreatePayload, { nullable: true, description: 'Creates a tenant and optionally invites its first admin (platform admins only)' })
  tenantCreate(@Arg('input', { description: 'The arguments of the mutation; the input type describes each one' }) input: TenantCreateInput, @Ctx() ctx: StewardContext): Promise<TenantCreatePayload> {
    return mutate(ctx, { action: 'tenant.create', entityType: 'Tenant' },
      async () => ({ ...(await createTenant(ctx, input)), userErrors: [] }),
      () => ({ tenant: null, adminInvitation: null, adminInvitationToken: null }));
  }

  @Mutation(() => TenantPayload, { nullable: true, description: "Changes a tenant's name, plan or limits" })
  tenantUpdate(@Arg('input', { description: 'The arguments of the mutation; the input type describes each one' }) input: TenantUpdateInput, @Ctx() ctx: StewardContext): Promise<TenantPayload> {
    const id = expectGlobalId(input.tenantId, 'Tenant', 'input.tenantId');
    return mutate(ctx, { action: 'tenant.update', entityType: 'Tenant', entityId: id },
      async () => ({ tenant: await updateTenant(ctx, id, input), userErrors: [] }), () => ({ tenant: null }));
  }

  @Mutation(() => TenantPayload, { nullable: true, description: 'Suspends, reactivates or otherwise changes the status of a tenant' })
  tenantStatusChange(@Arg('input') input: TenantStatusChangeInput, @Ctx() ctx: StewardContext): Promise<TenantPayload> {
    const id = expectGlobalId(input.tenantId, 'Tenant', 'input.tenantId');
    return mutate(ctx, { action: 'tenant.statusChange', entityType: 'Tenant', entityId: id },
      async () => ({ tenant: await changeTenantStatus(ctx, id, input), userErrors: [] }), () => ({ tenant: null }));
  }
}
