import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { StewardContext } from '../../context';
import { Connection, ConnectionArgs, connectionType } from '../../graphql/connection';
import { StewardError } from '../../graphql/errors';
import { expectGlobalId, toGlobalId } from '../../graphql/global-id';
import { mutate } from '../../graphql/mutation';
import { joinedOf, Selection, readByIdFor } from '../../graphql/read-model';
import { loader } from '../../graphql/loader';
import { CustomRole, customRoleById } from '../roles';
import { Tenant, tenantReads } from '../tenants';
import { User, userReads } from '../users';
import { Membership } from './membership.entity';
import { MembershipFilter, MembershipOrder, MembershipRemoveInput, MembershipRoleChangeInput } from './membership.inputs';
import { MembershipRemovePayload, MembershipRoleChangePayload } from './membership.payloads';
import { mfaEnabledByUserId } from './membership.loaders';
import { changeRole, listMembers, removeMember } from './membership.service';

export const MembershipConnection = connectionType(Membership, 'Membership');

/** The object a membership points to; a membership whose user or tenant row security hides is NOT_FOUND. */
function found<T>(object: T | null, type: string): T {
  if (!object) throw StewardError.notFound(type);
  return object;
}

@Resolver(() => Membership)
export class MembershipResolver {
  @Query(() => MembershipConnection, { nullable: true, description: "The current tenant's members" })
  members(
    @Args() page: ConnectionArgs,
    @Arg('filter', () => MembershipFilter, {
      nullable: true,
      description: 'Conditions every listed item must meet (all of them); null lists everything the caller may see',
    })
    filter: MembershipFilter | null,
    @Arg('orderBy', () => MembershipOrder, { nullable: true, description: 'Sort order; null sorts newest first' }) orderBy: MembershipOrder | null,
    @Ctx() ctx: StewardContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<Membership>> {
    return listMembers(ctx, page, filter, orderBy, Selection.of(info, true));
  }

  @FieldResolver(() => User, { description: 'The member' })
  user(@Root() membership: Membership, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): User | Promise<User> {
    // Joined into the page's statement: answered as it is, without a promise per member.
    const joined = joinedOf<User>(membership, 'user');
    if (joined !== undefined) return found(joined, 'User');
    return readByIdFor(ctx, userReads, info)
      .load(membership.userId)
      .then((user) => found(user, 'User'));
  }

  @FieldResolver(() => CustomRole, { nullable: true, description: 'The custom role the member holds instead of a system role; null otherwise' })
  customRole(@Root() membership: Membership, @Ctx() ctx: StewardContext): Promise<CustomRole | null> | null {
    return membership.customRoleId ? loader(ctx, customRoleById).load(membership.customRoleId) : null;
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who assigned the current role; null when not recorded or the user is gone' })
  assignedBy(@Root() membership: Membership, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<User | null> | null {
    return membership.assignedById ? readByIdFor(ctx, userReads, info).load(membership.assignedById) : null;
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description: 'Whether the member has two-factor authentication on, so membershipMfaReset has something to reset (member managers only)',
  })
  mfaEnabled(@Root() membership: Membership, @Ctx() ctx: StewardContext): Promise<boolean> {
    return loader(ctx, mfaEnabledByUserId).load(membership.userId);
  }

  @FieldResolver(() => Tenant, { description: 'The tenant they belong to' })
  tenant(@Root() membership: Membership, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Tenant | Promise<Tenant> {
    const joined = joinedOf<Tenant>(membership, 'tenant');
    if (joined !== undefined) return found(joined, 'Tenant');
    return readByIdFor(ctx, tenantReads, info)
      .load(membership.tenantId)
      .then((tenant) => found(tenant, 'Tenant'));
  }

  @Mutation(() => MembershipRoleChangePayload, {
    nullable: true,
    description: "Changes a member's role to a system or custom role (holders of members.manage, within their own permissions)",
  })
  membershipRoleChange(
    @Arg('input', { description: 'The arguments of the mutation; the input type describes each one' }) input: MembershipRoleChangeInput,
    @Ctx() ctx: StewardContext,
  ): Promise<MembershipRoleChangePayload> {
    const id = expectGlobalId(input.membershipId, 'Membership', 'input.membershipId');
    return mutate(
      ctx,
      { action: 'membership.roleChange', entityType: 'Membership', entityId: id },
      async () => {
        const customRoleId = input.customRoleId ? expectGlobalId(input.customRoleId, 'CustomRole', 'input.customRoleId') : null;
        return { membership: await changeRole(ctx, id, input.role ?? null, customRoleId), userErrors: [] };
      },
      () => ({ membership: null }),
    );
  }

  @Mutation(() => MembershipRemovePayload, {
    nullable: true,
    description:
      'Removes a member from the tenant (holders of members.manage): they can no longer act in it at once, and can be restored (restore) until the plan’s retention period ends',
  })
  membershipRemove(
    @Arg('input', { description: 'The arguments of the mutation; the input type describes each one' }) input: MembershipRemoveInput,
    @Ctx() ctx: StewardContext,
  ): Promise<MembershipRemovePayload> {
    const id = expectGlobalId(input.membershipId, 'Membership', 'input.membershipId');
    return mutate(
      ctx,
      { action: 'membership.remove', entityType: 'Membership', entityId: id },
      async () => ({ removedMembershipId: toGlobalId('Membership', (await removeMember(ctx, id)).uuid), userErrors: [] }),
      () => ({ removedMembershipId: null }),
    );
  }
}
