import { Field, ID, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error';
import { Agent } from '../agents';
import { SkillInstallation } from './skill-installation.entity';
import { Skill } from './skill.entity';

@ObjectType({ description: 'The skill after the change, or why it was refused' })
export class SkillPayload {
  @Field(() => Skill, { nullable: true }) skill: Skill | null;
  @Field(() => [UserError], { description: 'Every problem that stopped the change; empty when it succeeded' }) userErrors: UserError[];
}

@ObjectType()
export class SkillInstallPayload {
  @Field(() => SkillInstallation, { nullable: true }) installation: SkillInstallation | null;
  @Field(() => [UserError], { description: 'Every problem that stopped the change; empty when it succeeded' }) userErrors: UserError[];
}

@ObjectType()
export class SkillUninstallPayload {
  @Field(() => ID, { nullable: true }) uninstalledInstallationId: string | null;
  @Field(() => Agent, { nullable: true }) agent: Agent | null;
  @Field(() => Skill, { nullable: true, description: 'With its install count after the change' }) skill: Skill | null;
  @Field(() => [UserError], { description: 'Every problem that stopped the change; empty when it succeeded' }) userErrors: UserError[];
}
