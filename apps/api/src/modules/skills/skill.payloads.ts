import { Field, ID, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error';
import { Agent } from '../agents';
import { SkillInstallation } from './skill-installation.entity';
import { Skill } from './skill.entity';

@ObjectType({ description: 'The skill after the change, or why it was refused' })
export class SkillPayload {
  @Field(() => Skill, { nullable: true, description: 'The skill as it is now; null when userErrors refused the change' }) skill: Skill | null;
  @Field(() => [UserError], { description: 'Every problem that stopped the change; empty when it succeeded' }) userErrors: UserError[];
}

@ObjectType({ description: 'Result of skillInstall' })
export class SkillInstallPayload {
  @Field(() => SkillInstallation, { nullable: true, description: 'The new installation; null when userErrors refused it' })
  installation: SkillInstallation | null;
  @Field(() => [UserError], { description: 'Every problem that stopped the change; empty when it succeeded' }) userErrors: UserError[];
}

@ObjectType({ description: 'Result of skillUninstall' })
export class SkillUninstallPayload {
  @Field(() => ID, { nullable: true, description: 'Global id of the installation removed; null when userErrors refused the change' })
  uninstalledInstallationId: string | null;
  @Field(() => Agent, { nullable: true, description: 'The agent the skill was removed from' }) agent: Agent | null;
  @Field(() => Skill, { nullable: true, description: 'With its install count after the change' }) skill: Skill | null;
  @Field(() => [UserError], { description: 'Every problem that stopped the change; empty when it succeeded' }) userErrors: UserError[];
}
