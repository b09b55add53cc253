import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { StewardContext } from '../../context';
import { readByIdFor, Selection } from '../../graphql/read-model';
import { Connection, ConnectionArgs, connectionType } from '../../graphql/connection';
import { expectGlobalId } from '../../graphql/global-id';
import { loader } from '../../graphql/loader';
import { mutate } from '../../graphql/mutation';
import { CustomRole, customRoleById, roleToGive } from '../roles';
import { User, userReads } from '../users';
import { Invitation, InvitationPreview } from './invitation.entity';
import { InvitationAcceptInput, InvitationCreateInput, InvitationFilter, InvitationRevokeInput } from './invitation.inputs';
import { InvitationAcceptPayload, InvitationCreatePayload, InvitationRevokePayload } from './invitation.payloads';
import { acceptInvitation, createInvitation, listInvitations, previewInvitation, revokeInvitation } from './invitation.service';

export const InvitationConnection = connectionType(Invitation, 'Invitation');

@Resolver(() => Invitation)
export class InvitationResolver {
  @Query(() => InvitationConnection, { nullable: true, description: "The current tenant's invitations, newest first" })
  invitations(
    @Args() page: ConnectionArgs,
    @Arg('filter', () => InvitationFilter, {
      nullable: true,
      description: 'Conditions every listed item must meet (all of them); null lists everything the caller may see',
    })
    filter: InvitationFilter | null,
    @Ctx() ctx: StewardContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<Invitation>> {
    return listInvitations(ctx, page, filter, Selection.of(info, true));
  }

  @Query(() => InvitationPreview, {
    description: "What an invitation link is for and whether it still works: the accept page's first read (the token is the credential)",
  })
  invitationPreview(
    @Arg('token', { description: 'The token from the invitation link' }) token: string,
    @Ctx() ctx: StewardContext,
  ): Promise<InvitationPreview> {
    return previewInvitation(ctx, token);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who sent the invitation; null when sent by an API key or when the user is gone' })
  invitedBy(@Root() invitation: Invitation, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<User | null> | null {
    return invitation.invitedById ? readByIdFor(ctx, userReads, info).load(invitation.invitedById) : null;
  }

  @FieldResolver(() => CustomRole, {
    nullable: true,
    description: 'The custom role the person gets on accepting; null when the invitation gives a system role',
  })
  customRole(@Root() invitation: Invitation, @Ctx() ctx: StewardContext): Promise<CustomRole | null> | null {
    return invitation.customRoleId ? loader(ctx, customRoleById).load(invitation.customRoleId) : null;
  }

  @Mutation(() => InvitationCreatePayload, { nullable: true, description: 'Invites someone by email to the current tenant with a role' })
  invitationCreate(
    @Arg('input', { description: 'The arguments of the mutation; the input type describes each one' }) input: InvitationCreateInput,
    @Ctx() ctx: StewardContext,
  ): Promise<InvitationCreatePayload> {
    return mutate(
      ctx,
      { action: 'invitation.create', entityType: 'Invitation' },
      async () => {
        // Nobody invites with more than they hold (a members.manage role cannot invite an admin).
        const customRoleId = input.customRoleId ? expectGlobalId(input.customRoleId, 'CustomRole', 'input.customRoleId') : null;
        const given = await roleToGive(ctx, input.role ?? null, customRoleId);
        return { ...(await createInvitation(ctx, ctx.caller.tenantId!, input.email, given, input.expiresInDays)), userErrors: [] };
      },
      () => ({ invitation: null, token: null, acceptUrl: null }),
    );
  }

  @Mutation(() => InvitationRevokePayload, { nullable: true, description: 'Withdraws a pending invitation so its token no longer works' })
  invitationRevoke(
    @Arg('input', { description: 'The arguments of the mutation; the input type describes each one' }) input: InvitationRevokeInput,
    @Ctx() ctx: StewardContext,
  ): Promise<InvitationRevokePayload> {
    const id = expectGlobalId(input.invitationId, 'Invitation', 'input.invitationId');
    return mutate(
      ctx,
      { action: 'invitation.revoke', entityType: 'Invitation', entityId: id },
      async () => ({ invitation: await revokeInvitation(ctx, id), userErrors: [] }),
      () => ({ invitation: null }),
    );
  }

  @Mutation(() => InvitationAcceptPayload, { nullable: true, description: 'Joins the tenant an invitation token is for, creating the account if needed' })
  invitationAccept(
    @Arg('input', { description: 'The arguments of the mutation; the input type describes each one' }) input: InvitationAcceptInput,
    @Ctx() ctx: StewardContext,
  ): Promise<InvitationAcceptPayload> {
    return mutate(
      ctx,
      { action: 'invitation.accept', entityType: 'Invitation', tenantId: null },
      async () => ({ accepted: true, ...(await acceptInvitation(ctx, input)), userErrors: [] }),
      () => ({ accepted: false, email: null, tenantName: null, ssoOnly: null }),
    );
  }
}
