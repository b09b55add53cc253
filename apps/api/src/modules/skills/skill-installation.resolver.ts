import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Mutation, Resolver, Root } from 'type-graphql';
import type { StewardContext } from '../../context';
import { installationReads, skillReads } from './skill.reads';
import { readByIdFor, readByParentFor, Selection } from '../../graphql/read-model';
import { Connection, ConnectionArgs, connectionType } from '../../graphql/connection';
import { expectGlobalId, toGlobalId } from '../../graphql/global-id';
import { loader } from '../../graphql/loader';
import { mutate } from '../../graphql/mutation';
import { Agent, agentById, agentReads } from '../agents';
import { User, userReads } from '../users';
import { SkillInstallation } from './skill-installation.entity';
import { installSkill, listInstallationsOfSkill, uninstallSkill } from './skill-installation.service';
import { Skill } from './skill.entity';
import { SkillInstallInput, SkillUninstallInput } from './skill.inputs';
import { skillById } from './skill.loaders';
import { SkillInstallPayload, SkillUninstallPayload } from './skill.payloads';

@Resolver(() => Agent)
export class AgentSkillsResolver {
  @FieldResolver(() => [SkillInstallation], { description: 'Skills installed on the agent, oldest first' })
  skills(@Root() agent: Agent, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<SkillInstallation[]> {
    return readByParentFor(ctx, installationReads, info, 'agentId', 'r.installed_at, r.id').load(agent.uuid);
  }
}

export const SkillInstallationConnection = connectionType(SkillInstallation, 'SkillInstallation');

@Resolver(() => Skill)
export class SkillInstallationsResolver {
  @FieldResolver(() => SkillInstallationConnection, { nullable: true, description: 'The agents it is installed on, latest install first' })
  installations(
    @Root() skill: Skill,
    @Args() page: ConnectionArgs,
    @Ctx() ctx: StewardContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<SkillInstallation>> {
    return listInstallationsOfSkill(ctx, skill.uuid, page, Selection.of(info, true));
  }
}

@Resolver(() => SkillInstallation)
export class SkillInstallationResolver {
  @FieldResolver(() => Skill, { description: 'The skill installed' })
  async skill(@Root() installation: SkillInstallation, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<Skill> {
    return (await readByIdFor(ctx, skillReads, info).load(installation.skillId))!;
  }

  @FieldResolver(() => Agent, { description: 'The agent it is installed on' })
  async agent(@Root() installation: SkillInstallation, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<Agent> {
    return (await readByIdFor(ctx, agentReads, info).load(installation.agentId))!;
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who installed it (null for partner apps)' })
  installedBy(@Root() installation: SkillInstallation, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<User | null> | null {
    return installation.installedById ? readByIdFor(ctx, userReads, info).load(installation.installedById) : null;
  }

  @Mutation(() => SkillInstallPayload, {
    nullable: true,
    description: 'Installs a published skill on an agent of a compatible role, granting every permission it asks for; archived agents are read-only',
  })
  skillInstall(
    @Arg('input', { description: 'The arguments of the mutation; the input type describes each one' }) input: SkillInstallInput,
    @Ctx() ctx: StewardContext,
  ): Promise<SkillInstallPayload> {
    const agentId = expectGlobalId(input.agentId, 'Agent', 'input.agentId');
    const skillId = expectGlobalId(input.skillId, 'Skill', 'input.skillId');
    return mutate(
      ctx,
      { action: 'skill.install', entityType: 'Agent', entityId: agentId },
      async () => ({ installation: await installSkill(ctx, agentId, skillId, input), userErrors: [] }),
      () => ({ installation: null }),
    );
  }

  @Mutation(() => SkillUninstallPayload, { nullable: true, description: 'Removes a skill from an agent, revoking what was granted to it' })
  skillUninstall(
    @Arg('input', { description: 'The arguments of the mutation; the input type describes each one' }) input: SkillUninstallInput,
    @Ctx() ctx: StewardContext,
  ): Promise<SkillUninstallPayload> {
    const id = expectGlobalId(input.installationId, 'SkillInstallation', 'input.installationId');
    return mutate(
      ctx,
      { action: 'skill.uninstall', entityType: 'SkillInstallation', entityId: id },
      async () => {
        const { agentId, skillId } = await uninstallSkill(ctx, id);
        const [agent, skill] = await Promise.all([loader(ctx, agentById).load(agentId), loader(ctx, skillById).load(skillId)]);
        return { uninstalledInstallationId: toGlobalId('SkillInstallation', id), agent, skill, userErrors: [] };
      },
      () => ({ uninstalledInstallationId: null, agent: null, skill: null }),
    );
  }
}
