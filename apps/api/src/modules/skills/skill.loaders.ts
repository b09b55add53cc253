import DataLoader from 'dataloader';
import { In } from 'typeorm';
import type { TenantScope } from '../../scope';
import { byKey, groupedByKey } from '../../graphql/loader';
import { SkillInstallation } from './skill-installation.entity';
import { Skill } from './skill.entity';

export const skillById = (ctx: TenantScope) =>
  new DataLoader<string, Skill | null>(async (ids) => byKey(ids, await ctx.tx.manager.findBy(Skill, { uuid: In([...ids]) }), (s) => s.uuid));

export const installationById = (ctx: TenantScope) =>
  new DataLoader<string, SkillInstallation | null>(async (ids) =>
    byKey(ids, await ctx.tx.manager.findBy(SkillInstallation, { uuid: In([...ids]) }), (i) => i.uuid),
  );

/** Every agent's installations, oldest first, in one statement for a whole page of agents. */
export const installationsByAgent = (ctx: TenantScope) =>
  new DataLoader<string, SkillInstallation[]>(async (agentIds) => {
    const rows = await ctx.tx.manager.find(SkillInstallation, { where: { agentId: In([...agentIds]) }, order: { installedAt: 'ASC', uuid: 'ASC' } });
    return groupedByKey(agentIds, rows, (i) => i.agentId);
  });
