import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { StewardContext } from '../../context';
import { Connection, ConnectionArgs, connectionType } from '../../graphql/connection';
import { expectGlobalId } from '../../graphql/global-id';
import { mutate } from '../../graphql/mutation';
import { readByIdFor } from '../../graphql/read-model';
import { User, userReads } from '../users';
import { DeletedItemKind, DELETABLE } from './deletable';
import { DeletedItemInput } from './deleted-item.inputs';
import { DeletePayload, RestorePayload } from './deleted-item.payloads';
import { listDeleted, restore, softDelete } from './deleted-item.service';
import { DeletedItem } from './deleted-item.type';

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

function restoring(ctx: StewardContext, kind: DeletedItemKind, input: DeletedItemInput): Promise<RestorePayload> {
  const { typeName } = DELETABLE[kind];
  const id = expectGlobalId(input.id, typeName, 'input.id');
  return mutate(
    ctx,
    { action: `${kind}.restore`, entityType: typeName, entityId: id },
    async () => ({ restored: await restore(ctx, kind, id), userErrors: [] }),
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

  @Mutation(() => DeletePayload, { nullable: true, description: `Deletes an agent (not while deployed): ${what}` })
  agentDelete(@Arg('input', { description: 'The agent to delete' }) input: DeletedItemInput, @Ctx() ctx: StewardContext): Promise<DeletePayload> {
    return deleting(ctx, DeletedItemKind.AGENT, input);
  }

  @Mutation(() => RestorePayload, { nullable: true, description: 'Restores a deleted agent' })
  agentRestore(@Arg('input', { description: 'The deleted agent' }) input: DeletedItemInput, @Ctx() ctx: StewardContext): Promise<RestorePayload> {
    return restoring(ctx, DeletedItemKind.AGENT, input);
  }

  @Mutation(() => DeletePayload, { nullable: true, description: `Deletes a policy; it stops applying at once: ${what}` })
  policyDelete(@Arg('input', { description: 'The policy to delete' }) input: DeletedItemInput, @Ctx() ctx: StewardContext): Promise<DeletePayload> {
    return deleting(ctx, DeletedItemKind.POLICY, input);
  }

  @Mutation(() => RestorePayload, { nullable: true, description: 'Restores a deleted policy; it applies again' })
  policyRestore(@Arg('input', { description: 'The deleted policy' }) input: DeletedItemInput, @Ctx() ctx: StewardContext): Promise<RestorePayload> {
    return restoring(ctx, DeletedItemKind.POLICY, input);
  }

  @Mutation(() => DeletePayload, { nullable: true, description: `Deletes a skill: ${what}` })
  skillDelete(@Arg('input', { description: 'The skill to delete' }) input: DeletedItemInput, @Ctx() ctx: StewardContext): Promise<DeletePayload> {
    return deleting(ctx, DeletedItemKind.SKILL, input);
  }

  @Mutation(() => RestorePayload, { nullable: true, description: 'Restores a deleted skill' })
  skillRestore(@Arg('input', { description: 'The deleted skill' }) input: DeletedItemInput, @Ctx() ctx: StewardContext): Promise<RestorePayload> {
    return restoring(ctx, DeletedItemKind.SKILL, input);
  }

  @Mutation(() => RestorePayload, { nullable: true, description: 'Restores a deleted budget' })
  budgetRestore(@Arg('input', { description: 'The deleted budget' }) input: DeletedItemInput, @Ctx() ctx: StewardContext): Promise<RestorePayload> {
    return restoring(ctx, DeletedItemKind.BUDGET, input);
  }

  @Mutation(() => DeletePayload, { nullable: true, description: `Deletes a workflow: ${what}` })
  workflowDelete(@Arg('input', { description: 'The workflow to delete' }) input: DeletedItemInput, @Ctx() ctx: StewardContext): Promise<DeletePayload> {
    return deleting(ctx, DeletedItemKind.WORKFLOW, input);
  }

  @Mutation(() => RestorePayload, { nullable: true, description: 'Restores a deleted workflow' })
  workflowRestore(@Arg('input', { description: 'The deleted workflow' }) input: DeletedItemInput, @Ctx() ctx: StewardContext): Promise<RestorePayload> {
    return restoring(ctx, DeletedItemKind.WORKFLOW, input);
  }
}
