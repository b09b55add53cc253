import { ArrayMaxSize, Length, MaxLength } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { OrderDirection } from '../../graphql/connection';
import { AgentRole } from '../agents';
import { SkillCategory, SkillStatus } from './skill.entity';

const PERMISSIONS = 20;

@InputType({ description: "A new skill in the tenant's marketplace; it starts as a draft" })
export class SkillCreateInput {
  @Field({ description: 'Name, 1 to 120 characters, unique within the tenant' }) @Length(1, 120) name: string;
  @Field({ defaultValue: '', description: 'What it does, at most 2000 characters' }) @MaxLength(2000) description: string;
  @Field(() => SkillCategory, { description: 'What kind of work it helps with' }) category: SkillCategory;
  @Field({ description: 'Version label, 1 to 40 characters, e.g. "1.0.0"' }) @Length(1, 40) version: string;
  @Field(() => [AgentRole], { description: 'Roles of the agents it can be installed on' }) compatibleRoles: AgentRole[];
  @Field(() => [String], { defaultValue: [], description: 'Such as "read:repo", "write:tickets", "send:email"' })
  @ArrayMaxSize(PERMISSIONS)
  @MaxLength(60, { each: true })
  permissions: string[];
}

@InputType({ description: 'Only the fields given change; compatible roles and permissions only while the skill is a draft' })
export class SkillUpdateInput {
  @Field(() => ID, { description: 'Global id of the skill to change' }) skillId: string;
  @Field({ nullable: true, description: 'New name, 1 to 120 characters' }) @Length(1, 120) name?: string;
  @Field({ nullable: true, description: 'New description, at most 2000 characters' }) @MaxLength(2000) description?: string;
  @Field(() => SkillCategory, { nullable: true, description: 'New category' }) category?: SkillCategory;
  @Field({ nullable: true, description: 'New version label, 1 to 40 characters' }) @Length(1, 40) version?: string;
  @Field(() => [AgentRole], { nullable: true, description: 'New compatible roles, replacing the old ones (drafts only)' }) compatibleRoles?: AgentRole[];
  @Field(() => [String], { nullable: true, description: 'New permissions it asks for, replacing the old ones (drafts only)' })
  @ArrayMaxSize(PERMISSIONS)
  @MaxLength(60, { each: true })
  permissions?: string[];
}

@InputType({ description: 'A skill to move to its next lifecycle status' })
export class SkillLifecycleInput {
  @Field(() => ID, { description: 'Global id of the skill' }) skillId: string;
  @Field({ nullable: true, description: 'Why, for the audit log' }) @MaxLength(500) reason?: string;
}

@InputType({ description: 'A skill to install on an agent, with the permissions granted to it' })
export class SkillInstallInput {
  @Field(() => ID, { description: 'Global id of the agent' }) agentId: string;
  @Field(() => ID, { description: 'Global id of a published skill' }) skillId: string;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Settings of this installation' }) config?: Record<string, unknown>;
  @Field(() => [String], { defaultValue: [], description: 'Must cover every permission the skill asks for, and nothing more' })
  @ArrayMaxSize(PERMISSIONS)
  @MaxLength(60, { each: true })
  grantedPermissions: string[];
}

@InputType({ description: 'An installation to remove' })
export class SkillUninstallInput {
  @Field(() => ID, { description: 'Global id of the skill installation' }) installationId: string;
}

@InputType({ description: 'Which skills to list; every condition given must hold' })
export class SkillFilter {
  @Field({ nullable: true, description: 'Matches name or description, case-insensitively' }) @MaxLength(100) search?: string;
  @Field(() => [SkillCategory], { nullable: true, description: 'Only these categories; null: all' }) categories?: SkillCategory[];
  @Field(() => [SkillStatus], { nullable: true, description: 'Defaults to every status but removed' }) statuses?: SkillStatus[];
  @Field(() => AgentRole, { nullable: true, description: 'Skills that agents of this role can have installed' }) compatibleWith?: AgentRole;
}

export enum SkillOrderField {
  NAME = 'NAME',
  RATING = 'RATING',
  INSTALL_COUNT = 'INSTALL_COUNT',
  CREATED_AT = 'CREATED_AT',
}
registerEnumType(SkillOrderField, {
  name: 'SkillOrderField',
  description: 'What a list of skills is sorted by',
  valuesConfig: {
    NAME: { description: 'Name, case-insensitively' },
    RATING: { description: 'Average user rating' },
    INSTALL_COUNT: { description: 'Number of agents it is installed on' },
    CREATED_AT: { description: 'When it was created' },
  },
});

@InputType({ description: 'Order of the skill list' })
export class SkillOrder {
  @Field(() => SkillOrderField, { description: 'What to sort by' }) field: SkillOrderField;
  @Field(() => OrderDirection, { description: 'Ascending or descending' }) direction: OrderDirection;
}
