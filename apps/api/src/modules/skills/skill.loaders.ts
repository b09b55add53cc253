import DataLoader from 'dataloader';
import { In } from 'typeorm';
import type { TenantScope } from '../../scope';
import { byKey } from '../../graphql/loader';
import { SkillInstallation } from './skill-installation.entity';
import { Skill } from './skill.entity';

export const skillById = (ctx: TenantScope) =>
  new DataLoader<string, Skill | null>(async (ids) => byKey(ids, await ctx.tx.manager.findBy(Skill, { uuid: In([...ids]) }), (s) => s.uuid));

export const installationById = (ctx: TenantScope) =>
  new DataLoader<string, SkillInstallation | null>(async (ids) =>
    byKey(ids, await ctx.tx.manager.findBy(SkillInstallation, { uuid: In([...ids]) }), (i) => i.uuid),
  );
