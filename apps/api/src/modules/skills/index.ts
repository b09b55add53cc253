import type { StewardModule } from '../module';
import { loader } from '../../graphql/loader';
import { SkillInstallation } from './skill-installation.entity';
import { AgentSkillsResolver, SkillInstallationResolver, SkillInstallationsResolver } from './skill-installation.resolver';
import { Skill } from './skill.entity';
import { installationById, skillById } from './skill.loaders';
import { SkillResolver } from './skill.resolver';
import { skillPermissions } from './skill.rules';

export const skillsModule: StewardModule = {
  name: 'skills',
  entities: [Skill, SkillInstallation],
  resolvers: [SkillResolver, SkillInstallationResolver, SkillInstallationsResolver, AgentSkillsResolver],
  permissions: skillPermissions,
  nodes: {
    Skill: (ctx, id) => loader(ctx, skillById).load(id),
    SkillInstallation: (ctx, id) => loader(ctx, installationById).load(id),
  },
};
