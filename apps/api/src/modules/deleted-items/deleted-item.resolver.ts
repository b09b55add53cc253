import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { StewardContext } from '../../context';
import { Connection, ConnectionArgs, connectionType } from '../../graphql/connection';
import { StewardError } from '../../graphql/errors';
import { expectGlobalId, parseGlobalId, toGlobalId } from '../../graphql/global-id';
import { loader } from '../../graphql/loader';
import { mutate } from '../../graphql/mutation';
import { readByIdFor } from '../../graphql/read-model';
import { User, userReads } from '../users';
import { inRoleGroup } from '../../auth/role-groups';
import { DeletedItemKind, DELETABLE, kindOfType } from './deletable';
import { DeletedItemInput } from './deleted-item.inputs';
import { DeletePayload, RestorePayload } from './deleted-item.payloads';
import { listDeleted, restore, softDelete } from './deleted-item.service';
import { DeletedItem } from './deleted-item.type';
import { removedMemberPerson } from './deleted-member.loaders';

export const DeletedItemConnection = connectionType(DeletedItem, 'DeletedItem');

function deleting(ctx: StewardContext, kind: DeletedItemKind, input: DeletedItemInput): Promise<DeletePayload> {
  const { typeName } = DELETABLE[kind];
  const id = expectGlobalId(input.id, typeName, 'input.id');
  return mutate(
    ctx,
    { action: `${kind}.delete`, entityType: typeName, entityId: id },
    async () => ({ deleted: await softDelete(ctx, kind, id), userErrors: [] }),
    () => ({
      deleted: null,
    }),
  );
}

/** The global id decides what is restored; each kind is restored only by the group that may delete it. */
function restoring(ctx: StewardContext, input: DeletedItemInput): Promise<RestorePayload> {
  const parsed = parseGlobalId(input.id);
  const kind = parsed && kindOfType(parsed.type);
  if (!parsed || !kind) throw StewardError.badInput('input.id', 'input.id is not the id of an agent, policy, skill, budget, workflow or membership');
  return mutate(
    ctx,
    { action: `${kind.kind}.restore`, entityType: kind.typeName, entityId: parsed.id },
    async () => {
      if (!inRoleGroup(kind.group, ctx.caller)) throw StewardError.forbidden();
      return { restored: await restore(ctx, kind.kind, parsed.id), userErrors: [] };
    },
    () => ({
      restored: null,
    }),
  );
}

const what = 'it is hidden everywhere and can be restored until the plan’s retention period ends, then purged';

@Resolver(() => DeletedItem)
export class DeletedItemResolver {
  @Query(() => DeletedItemConnection, { nullable: true, description: 'What the caller may restore (kinds it may delete), most recently deleted first' })
  recentlyDeleted(
    @Args() page: ConnectionArgs,
    @Arg('kinds', () => [DeletedItemKind], { nullable: true, description: 'Only these kinds; every kind the caller may restore when null' })
    kinds: DeletedItemKind[] | null,
    @Ctx() ctx: StewardContext,
  ): Promise<Connection<DeletedItem>> {
    return listDeleted(ctx, page, kinds);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who deleted it (null for partner apps and people since removed)' })
  deletedBy(@Root() item: DeletedItem, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<User | null> | null {
    return item.deletedById ? readByIdFor(ctx, userReads, info).load(item.deletedById) : null;
  }

  @FieldResolver(() => ID, {
    nullable: true,
    description: 'For a removed member, the person (a User id: their personal data can still be exported or erased); null for other kinds',
  })
  async personId(@Root() item: DeletedItem, @Ctx() ctx: StewardContext): Promise<string | null> {
    const membershipId = item.kind === DeletedItemKind.MEMBER ? parseGlobalId(item.id)?.id : null;
    const userId = membershipId ? await loader(ctx, removedMemberPerson).load(membershipId) : null;
    return userId ? toGlobalId('User', userId) : null;
  }

  @Mutation(() => RestorePayload, {
    nullable: true,
    description:
      'Restores a deleted agent, policy, skill, budget or workflow, or a removed member, while the plan’s retention period lasts (whoever may delete that kind)',
  })
  restore(@Arg('input', { description: 'The deleted object' }) input: DeletedItemInput, @Ctx() ctx: StewardContext): Promise<RestorePayload> {
    return restoring(ctx, input);
  }

  @Mutation(() => DeletePayload, { nullable: true, description: `Deletes an agent (not while deployed): ${what}` })
  agentDelete(@Arg('input', { description: 'The agent to delete' }) input: DeletedItemInput, @Ctx() ctx: StewardContext): Promise<DeletePayload> {
    return deleting(ctx, DeletedItemKind.AGENT, input);
  }

  @Mutation(() => DeletePayload, { nullable: true, description: `Deletes a policy; it stops applying at once: ${what}` })
  policyDelete(@Arg('input', { description: 'The policy to delete' }) input: DeletedItemInput, @Ctx() ctx: StewardContext): Promise<DeletePayload> {
    return deleting(ctx, DeletedItemKind.POLICY, input);
  }

  @Mutation(() => DeletePayload, { nullable: true, description: `Deletes a skill: ${what}` })
  skillDelete(@Arg('input', { description: 'The skill to delete' }) input: DeletedItemInput, @Ctx() ctx: StewardContext): Promise<DeletePayload> {
    return deleting(ctx, DeletedItemKind.SKILL, input);
  }

  @Mutation(() => DeletePayload, { nullable: true, description: `Deletes a workflow: ${what}` })
  workflowDelete(@Arg('input', { description: 'The workflow to delete' }) input: DeletedItemInput, @Ctx() ctx: StewardContext): Promise<DeletePayload> {
    return deleting(ctx, DeletedItemKind.WORKFLOW, input);
  }
}
