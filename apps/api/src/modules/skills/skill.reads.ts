import { ReadModel } from '../../graphql/read-model';
import { SkillInstallation } from './skill-installation.entity';
import { Skill } from './skill.entity';

export const skillReads = new ReadModel(Skill, { table: 'skills', always: ['uuid'], needs: { rating: ['rating'], installations: [] } });

/** Installations as an agent's list, a skill's connection and their relations read them. */
export const installationReads = new ReadModel(SkillInstallation, {
  table: 'skill_installations',
  always: ['uuid'],
  needs: { skill: ['skillId'], agent: ['agentId'], installedBy: ['installedById'] },
});
