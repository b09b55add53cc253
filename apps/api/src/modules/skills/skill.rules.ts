import { builders } from '../../auth/role-groups';
import { anyMember, PermissionMap } from '../../auth/rules';

export const skillPermissions: PermissionMap = {
  Query: { skills: anyMember, skill: anyMember },
  Skill: { '*': anyMember },
  SkillConnection: { '*': anyMember },
  SkillEdge: { '*': anyMember },
  Agent: { skills: anyMember },
  SkillInstallation: { '*': anyMember, config: builders },
  SkillInstallationConnection: { '*': anyMember },
  SkillInstallationEdge: { '*': anyMember },
  Mutation: {
    skillCreate: builders,
    skillUpdate: builders,
    skillPublish: builders,
    skillDeprecate: builders,
    skillInstall: builders,
    skillUninstall: builders,
  },
  SkillPayload: { '*': builders },
  SkillInstallPayload: { '*': builders },
  SkillUninstallPayload: { '*': builders },
};
