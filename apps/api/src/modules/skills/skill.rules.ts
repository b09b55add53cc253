import { anyMember, hasRole, PermissionMap } from '../../auth/rules';
import { Role } from '../../auth/roles';

const builders = hasRole(Role.admin, Role.developer);

export const skillPermissions: PermissionMap = {
  Query: { skills: anyMember, skill: anyMember },
  Skill: { '*': anyMember },
  SkillConnection: { '*': anyMember },
  SkillEdge: { '*': anyMember },
  Agent: { skills: anyMember },
  SkillInstallation: { '*': anyMember, config: builders },
  SkillInstallationConnection: { '*': anyMember },
  SkillInstallationEdge: { '*': anyMember },
  Mutation: { skillCreate: builders, skillUpdate: builders, skillPublish: builders, skillDeprecate: builders, skillInstall: builders, skillUninstall: builders },
  SkillPayload: { '*': builders },
  SkillInstallPayload: { '*': builders },
  SkillUninstallPayload: { '*': builders },
};
