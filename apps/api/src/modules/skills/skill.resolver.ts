import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, ID, Info, Mutation, Query, Resolver } from 'type-graphql';
import type { StewardContext } from '../../context';
import { Selection } from '../../graphql/read-model';
import { Connection, ConnectionArgs, connectionType } from '../../graphql/connection';
import { expectGlobalId } from '../../graphql/global-id';
import { mutate } from '../../graphql/mutation';
import { Skill } from './skill.entity';
import { SkillCreateInput, SkillFilter, SkillLifecycleInput, SkillOrder, SkillUpdateInput } from './skill.inputs';
import { SkillLifecycleAction } from './skill.lifecycle';
import { SkillPayload } from './skill.payloads';
import { changeSkillLifecycle, createSkill, findSkill, listSkills, updateSkill } from './skill.service';

export const SkillConnection = connectionType(Skill, 'Skill');

const noSkill = () => ({ skill: null });

function lifecycle(ctx: StewardContext, input: SkillLifecycleInput, action: SkillLifecycleAction): Promise<SkillPayload> {
  const id = expectGlobalId(input.skillId, 'Skill', 'input.skillId');
  return mutate(
    ctx,
    { action: `skill.${action}`, entityType: 'Skill', entityId: id },
    async () => ({ skill: await changeSkillLifecycle(ctx, id, action, input.reason), userErrors: [] }),
    noSkill,
  );
}

@Resolver(() => Skill)
export class SkillResolver {
  @Query(() => SkillConnection, { nullable: true, description: "The tenant's skills marketplace; newest first unless ordered otherwise" })
  skills(
    @Args() page: ConnectionArgs,
    @Arg('filter', () => SkillFilter, {
      nullable: true,
      description: 'Conditions every listed item must meet (all of them); null lists everything the caller may see',
    })
    filter: SkillFilter | null,
    @Arg('orderBy', () => SkillOrder, { nullable: true, description: 'Sort order; null sorts newest first' }) orderBy: SkillOrder | null,
    @Ctx() ctx: StewardContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<Skill>> {
    return listSkills(ctx, page, filter, orderBy, Selection.of(info, true));
  }

  @Query(() => Skill, { nullable: true, description: 'One skill by id' })
  skill(@Arg('id', () => ID, { description: 'Global id, as returned in the id field' }) id: string, @Ctx() ctx: StewardContext): Promise<Skill> {
    return findSkill(ctx, expectGlobalId(id, 'Skill', 'id'));
  }

  @Mutation(() => SkillPayload, { nullable: true, description: 'Adds a draft skill to the marketplace' })
  skillCreate(
    @Arg('input', { description: 'The arguments of the mutation; the input type describes each one' }) input: SkillCreateInput,
    @Ctx() ctx: StewardContext,
  ): Promise<SkillPayload> {
    return mutate(ctx, { action: 'skill.create', entityType: 'Skill' }, async () => ({ skill: await createSkill(ctx, input), userErrors: [] }), noSkill);
  }

  @Mutation(() => SkillPayload, { nullable: true, description: 'Changes a skill; removed skills are read-only' })
  skillUpdate(
    @Arg('input', { description: 'The arguments of the mutation; the input type describes each one' }) input: SkillUpdateInput,
    @Ctx() ctx: StewardContext,
  ): Promise<SkillPayload> {
    const id = expectGlobalId(input.skillId, 'Skill', 'input.skillId');
    return mutate(
      ctx,
      { action: 'skill.update', entityType: 'Skill', entityId: id },
      async () => ({ skill: await updateSkill(ctx, id, input), userErrors: [] }),
      noSkill,
    );
  }

  @Mutation(() => SkillPayload, { nullable: true, description: 'draft → published: agents can have it installed' })
  skillPublish(
    @Arg('input', { description: 'The arguments of the mutation; the input type describes each one' }) input: SkillLifecycleInput,
    @Ctx() ctx: StewardContext,
  ): Promise<SkillPayload> {
    return lifecycle(ctx, input, 'publish');
  }

  @Mutation(() => SkillPayload, { nullable: true, description: 'published → deprecated: installations stay, new installs are refused' })
  skillDeprecate(
    @Arg('input', { description: 'The arguments of the mutation; the input type describes each one' }) input: SkillLifecycleInput,
    @Ctx() ctx: StewardContext,
  ): Promise<SkillPayload> {
    return lifecycle(ctx, input, 'deprecate');
  }
}
