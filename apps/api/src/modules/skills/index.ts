import type { StewardModule } from '../module';
import { readById } from '../../graphql/read-model';
import { installationReads, skillReads } from './skill.reads';
import { SkillInstallation } from './skill-installation.entity';
import { AgentSkillsResolver, SkillInstallationResolver, SkillInstallationsResolver } from './skill-installation.resolver';
import { Skill } from './skill.entity';
import { SkillResolver } from './skill.resolver';
import { skillPermissions } from './skill.rules';

export const skillsModule: StewardModule = {
  name: 'skills',
  entities: [Skill, SkillInstallation],
  resolvers: [SkillResolver, SkillInstallationResolver, SkillInstallationsResolver, AgentSkillsResolver],
  permissions: skillPermissions,
  nodes: {
    Skill: (ctx, id, selection) => readById(ctx, skillReads, selection).load(id),
    SkillInstallation: (ctx, id, selection) => readById(ctx, installationReads, selection).load(id),
  },
};
