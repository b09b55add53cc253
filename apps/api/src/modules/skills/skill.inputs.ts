import { ArrayMaxSize, Length, MaxLength } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { OrderDirection } from '../../graphql/connection';
import { AgentRole } from '../agents';
import { SkillCategory, SkillStatus } from './skill.entity';

const PERMISSIONS = 20;

@InputType()
export class SkillCreateInput {
  @Field() @Length(1, 120) name: string;
  @Field({ defaultValue: '' }) @MaxLength(2000) description: string;
  @Field(() => SkillCategory) category: SkillCategory;
  @Field() @Length(1, 40) version: string;
  @Field(() => [AgentRole]) compatibleRoles: AgentRole[];
  @Field(() => [String], { defaultValue: [], description: 'Such as "read:repo", "write:tickets", "send:email"' })
  @ArrayMaxSize(PERMISSIONS) @MaxLength(60, { each: true })
  permissions: string[];
}

@InputType({ description: 'Only the fields given change; compatible roles and permissions only while the skill is a draft' })
export class SkillUpdateInput {
  @Field(() => ID) skillId: string;
  @Field({ nullable: true }) @Length(1, 120) name?: string;
  @Field({ nullable: true }) @MaxLength(2000) description?: string;
  @Field(() => SkillCategory, { nullable: true }) category?: SkillCategory;
  @Field({ nullable: true }) @Length(1, 40) version?: string;
  @Field(() => [AgentRole], { nullable: true }) compatibleRoles?: AgentRole[];
  @Field(() => [String], { nullable: true }) @ArrayMaxSize(PERMISSIONS) @MaxLength(60, { each: true }) permissions?: string[];
}

@InputType()
export class SkillLifecycleInput {
  @Field(() => ID) skillId: string;
  @Field({ nullable: true, description: 'Why, for the audit log' }) @MaxLength(500) reason?: string;
}

@InputType()
export class SkillInstallInput {
  @Field(() => ID) agentId: string;
  @Field(() => ID) skillId: string;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Settings of this installation' }) config?: Record<string, unknown>;
  @Field(() => [String], { defaultValue: [], description: 'Must cover every permission the skill asks for, and nothing more' })
  @ArrayMaxSize(PERMISSIONS) @MaxLength(60, { each: true })
  grantedPermissions: string[];
}

@InputType()
export class SkillUninstallInput {
  @Field(() => ID) installationId: string;
}

@InputType()
export class SkillFilter {
  @Field({ nullable: true, description: 'Matches name or description, case-insensitively' }) @MaxLength(100) search?: string;
  @Field(() => [SkillCategory], { nullable: true }) categories?: SkillCategory[];
  @Field(() => [SkillStatus], { nullable: true, description: 'Defaults to every status but removed' }) statuses?: SkillStatus[];
  @Field(() => AgentRole, { nullable: true, description: 'Skills that agents of this role can have installed' }) compatibleWith?: AgentRole;
}

export enum SkillOrderField { NAME = 'NAME', RATING = 'RATING', INSTALL_COUNT = 'INSTALL_COUNT', CREATED_AT = 'CREATED_AT' }
registerEnumType(SkillOrderField, { name: 'SkillOrderField' });

@InputType()
export class SkillOrder {
  @Field(() => SkillOrderField) field: SkillOrderField;
  @Field(() => OrderDirection) direction: OrderDirection;
}
