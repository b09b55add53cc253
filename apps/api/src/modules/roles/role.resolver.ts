import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { StewardContext } from '../../context';
import { expectGlobalId } from '../../graphql/global-id';
import { loader } from '../../graphql/loader';
import { mutate } from '../../graphql/mutation';
import { readByIdFor } from '../../graphql/read-model';
import { User, userReads } from '../users';
import { CustomRole, PermissionInfo, SystemRole } from './role.entity';
import { CustomRoleCreateInput, CustomRoleDeleteInput, CustomRoleUpdateInput } from './role.inputs';
import { customRoleHolders } from './role.loaders';
import { CustomRoleDeletePayload, CustomRolePayload } from './role.payloads';
import { createCustomRole, deleteCustomRole, findCustomRole, listCustomRoles, permissionInfos, systemRoles, updateCustomRole } from './role.service';

@Resolver(() => CustomRole)
export class CustomRoleResolver {
  @Query(() => [PermissionInfo], { description: 'Every named permission, with what it allows and the system roles that hold it' })
  permissions(): PermissionInfo[] {
    return permissionInfos();
  }

  @Query(() => [SystemRole], { description: 'The built-in roles and their permissions' })
  systemRoles(): SystemRole[] {
    return systemRoles();
  }

  @Query(() => [CustomRole], { nullable: true, description: "The tenant's custom roles, by name" })
  customRoles(@Ctx() ctx: StewardContext): Promise<CustomRole[]> {
    return listCustomRoles(ctx);
  }

  @Query(() => CustomRole, { nullable: true, description: 'One custom role by id' })
  customRole(@Arg('id', () => ID, { description: 'Global id of the role' }) id: string, @Ctx() ctx: StewardContext): Promise<CustomRole> {
    return findCustomRole(ctx, expectGlobalId(id, 'CustomRole', 'id'), 'id');
  }

  @FieldResolver(() => Int, { description: 'How many members hold the role' })
  async memberCount(@Root() role: CustomRole, @Ctx() ctx: StewardContext): Promise<number> {
    return (await loader(ctx, customRoleHolders).load(role.uuid)).members;
  }

  @FieldResolver(() => Int, { description: 'How many API keys hold the role (revoked ones too)' })
  async apiKeyCount(@Root() role: CustomRole, @Ctx() ctx: StewardContext): Promise<number> {
    return (await loader(ctx, customRoleHolders).load(role.uuid)).apiKeys;
  }

  @FieldResolver(() => Int, { description: 'How many pending invitations give the role on accepting' })
  async invitationCount(@Root() role: CustomRole, @Ctx() ctx: StewardContext): Promise<number> {
    return (await loader(ctx, customRoleHolders).load(role.uuid)).invitations;
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who created the role; null for partner apps or when the user is gone' })
  createdBy(@Root() role: CustomRole, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<User | null> | null {
    return role.createdById ? readByIdFor(ctx, userReads, info).load(role.createdById) : null;
  }

  @Mutation(() => CustomRolePayload, { nullable: true, description: 'Creates a custom role from permissions the caller holds' })
  customRoleCreate(@Arg('input', { description: 'The role to create' }) input: CustomRoleCreateInput, @Ctx() ctx: StewardContext): Promise<CustomRolePayload> {
    return mutate(
      ctx,
      { action: 'customRole.create', entityType: 'CustomRole' },
      async () => ({ customRole: await createCustomRole(ctx, input), userErrors: [] }),
      () => ({ customRole: null }),
    );
  }

  @Mutation(() => CustomRolePayload, { nullable: true, description: "Changes a custom role's name, description or permissions" })
  customRoleUpdate(
    @Arg('input', { description: 'The role and its changes' }) input: CustomRoleUpdateInput,
    @Ctx() ctx: StewardContext,
  ): Promise<CustomRolePayload> {
    const id = expectGlobalId(input.customRoleId, 'CustomRole', 'input.customRoleId');
    return mutate(
      ctx,
      { action: 'customRole.update', entityType: 'CustomRole', entityId: id },
      async () => ({ customRole: await updateCustomRole(ctx, id, input), userErrors: [] }),
      () => ({ customRole: null }),
    );
  }

  @Mutation(() => CustomRoleDeletePayload, { nullable: true, description: 'Deletes a custom role; refused, with the number of holders, while anyone holds it' })
  customRoleDelete(
    @Arg('input', { description: 'The role to delete' }) input: CustomRoleDeleteInput,
    @Ctx() ctx: StewardContext,
  ): Promise<CustomRoleDeletePayload> {
    const id = expectGlobalId(input.customRoleId, 'CustomRole', 'input.customRoleId');
    return mutate(
      ctx,
      { action: 'customRole.delete', entityType: 'CustomRole', entityId: id },
      async () => ({ deletedCustomRoleId: (await deleteCustomRole(ctx, id)) && input.customRoleId, userErrors: [] }),
      () => ({ deletedCustomRoleId: null }),
    );
  }
}
