import { GraphQLLocalDate } from 'graphql-scalars';
import { ArrayMaxSize, Length, MaxLength, Min } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { ComplianceControlStatus, ComplianceReviewFrequency } from './compliance-control.entity';

@InputType({ description: 'A framework to create from a bundled template' })
export class ComplianceFrameworkCreateFromTemplateInput {
  @Field({ description: 'Key of the template (see complianceFrameworkTemplates)' }) @Length(1, 60) templateKey: string;
  @Field(() => String, { nullable: true, description: "Display name; the template's name when not given" }) @MaxLength(120) name?: string | null;
}

@InputType({ description: 'A framework made by hand (add its requirements with complianceRequirementCreate)' })
export class ComplianceFrameworkCreateInput {
  @Field({ description: 'Display name, unique in the tenant (1-120 characters)' }) @Length(1, 120) name: string;
  @Field({ defaultValue: '', description: 'Version of the standard; empty when none' }) @MaxLength(60) version: string;
  @Field({ defaultValue: '', description: 'What it covers' }) @MaxLength(4000) description: string;
}

@InputType({ description: 'Only the fields given change' })
export class ComplianceFrameworkUpdateInput {
  @Field(() => ID, { description: 'The framework to change' }) frameworkId: string;
  @Field({ nullable: true, description: 'New display name (1-120 characters)' }) @Length(1, 120) name?: string;
  @Field({ nullable: true, description: 'New version' }) @MaxLength(60) version?: string;
  @Field({ nullable: true, description: 'New description' }) @MaxLength(4000) description?: string;
  @Field(() => GraphQLLocalDate, { nullable: true, description: 'When the tenant was certified' }) certifiedOn?: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true, description: 'When the certification expires (not before certifiedOn)' }) expiresOn?: string | null;
  @Field(() => String, { nullable: true, description: 'Who audits or certified it (at most 200 characters)' }) @MaxLength(200) auditor?: string | null;
}

@InputType({ description: 'The framework to act on' })
export class ComplianceFrameworkRefInput {
  @Field(() => ID, { description: 'The framework' }) frameworkId: string;
}

@InputType({ description: 'Narrows a list of frameworks' })
export class ComplianceFrameworkFilter {
  @Field(() => Boolean, { nullable: true, description: 'Only enabled (true) or disabled (false) frameworks' }) enabled?: boolean | null;
}

@InputType({ description: 'A requirement added to a framework, at the top or under a parent' })
export class ComplianceRequirementCreateInput {
  @Field(() => ID, { description: 'The framework' }) frameworkId: string;
  @Field(() => ID, { nullable: true, description: 'The parent requirement (same framework); top level when null' }) parentId?: string | null;
  @Field({ description: 'Identifier, unique in the framework (1-40 characters)' }) @Length(1, 40) code: string;
  @Field({ description: 'Title (1-1000 characters)' }) @Length(1, 1000) title: string;
  @Field({ defaultValue: '', description: 'Notes' }) @MaxLength(4000) description: string;
  @Field(() => Float, { defaultValue: 1, description: 'Weight in the score, more than 0 and at most 1000' }) weight: number;
  @Field({ defaultValue: false, description: 'Met only with approved evidence on one of its controls' }) evidenceRequired: boolean;
}

@InputType({ description: 'Only the fields given change' })
export class ComplianceRequirementUpdateInput {
  @Field(() => ID, { description: 'The requirement to change' }) requirementId: string;
  @Field({ nullable: true, description: 'New identifier, unique in the framework (1-40 characters)' }) @Length(1, 40) code?: string;
  @Field({ nullable: true, description: 'New title' }) @Length(1, 1000) title?: string;
  @Field({ nullable: true, description: 'New notes' }) @MaxLength(4000) description?: string;
  @Field(() => Float, { nullable: true, description: 'New weight, more than 0 and at most 1000' }) weight?: number;
  @Field({ nullable: true, description: 'Whether approved evidence is required' }) evidenceRequired?: boolean;
  @Field(() => ID, { nullable: true, description: 'The member responsible for it' }) responsibleId?: string | null;
}

@InputType({ description: 'A requirement to leave out of the score, and why' })
export class ComplianceRequirementMarkNotApplicableInput {
  @Field(() => ID, { description: 'The requirement' }) requirementId: string;
  @Field({ description: 'Why it does not apply (1-1000 characters)' }) @Length(1, 1000) reason: string;
}

@InputType({ description: 'A requirement to put at another place among its siblings' })
export class ComplianceRequirementMoveInput {
  @Field(() => ID, { description: 'The requirement' }) requirementId: string;
  @Field(() => Int, { description: 'Its new place among its siblings, from 0 (first); past the last puts it last' }) @Min(0) position: number;
}

@InputType({ description: 'The requirement to act on' })
export class ComplianceRequirementRefInput {
  @Field(() => ID, { description: 'The requirement' }) requirementId: string;
}

@InputType({ description: 'A control to create, optionally linked to policies and mapped to requirements' })
export class ComplianceControlCreateInput {
  @Field({ description: 'Display name, unique in the tenant (1-160 characters)' }) @Length(1, 160) name: string;
  @Field({ defaultValue: '', description: 'What the measure is' }) @MaxLength(4000) description: string;
  @Field(() => ID, { nullable: true, description: 'The member who owns it; the creator when not given' }) ownerId?: string | null;
  @Field(() => ComplianceReviewFrequency, { defaultValue: ComplianceReviewFrequency.QUARTERLY, description: 'How often it is reviewed' })
  reviewFrequency: ComplianceReviewFrequency;
  @Field({ defaultValue: true, description: 'Whether approved evidence is needed to pass' }) evidenceRequired: boolean;
  @Field(() => [ID], { defaultValue: [], description: 'Governance policies whose decisions are its automated checks (at most 20)' })
  @ArrayMaxSize(20)
  policyIds: string[];
  @Field(() => [ID], { defaultValue: [], description: 'Requirements (any frameworks) it covers (at most 200)' }) @ArrayMaxSize(200) requirementIds: string[];
}

@InputType({ description: 'Only the fields given change' })
export class ComplianceControlUpdateInput {
  @Field(() => ID, { description: 'The control to change' }) controlId: string;
  @Field({ nullable: true, description: 'New name' }) @Length(1, 160) name?: string;
  @Field({ nullable: true, description: 'New description' }) @MaxLength(4000) description?: string;
  @Field(() => ID, { nullable: true, description: 'New owner' }) ownerId?: string | null;
  @Field(() => ComplianceReviewFrequency, { nullable: true, description: 'New review frequency' }) reviewFrequency?: ComplianceReviewFrequency;
  @Field({ nullable: true, description: 'Whether approved evidence is needed to pass' }) evidenceRequired?: boolean;
  @Field(() => [ID], { nullable: true, description: 'Replaces the linked policies (at most 20); empty makes it manual' })
  @ArrayMaxSize(20)
  policyIds?: string[];
}

@InputType({ description: 'Requirements to map a control to, or unmap it from' })
export class ComplianceControlMappingInput {
  @Field(() => ID, { description: 'The control' }) controlId: string;
  @Field(() => [ID], { description: 'Requirements of any frameworks (1-200)' }) @ArrayMaxSize(200) requirementIds: string[];
}

@InputType({ description: 'The control to act on' })
export class ComplianceControlRefInput {
  @Field(() => ID, { description: 'The control' }) controlId: string;
}

@InputType({ description: 'Narrows a list of controls; conditions combine with AND' })
export class ComplianceControlFilter {
  @Field(() => ID, { nullable: true, description: 'Controls mapped to a requirement of this framework' }) frameworkId?: string | null;
  @Field(() => ComplianceControlStatus, { nullable: true, description: 'Controls with this status' }) status?: ComplianceControlStatus | null;
  @Field(() => String, { nullable: true, description: 'Name contains this text (case-insensitive)' }) @MaxLength(100) search?: string | null;
}

@InputType({ description: 'Exempts a control or a requirement (exactly one of the two) until a time' })
export class ComplianceExceptionGrantInput {
  @Field(() => ID, { nullable: true, description: 'The control to exempt' }) controlId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The requirement to exempt' }) requirementId?: string | null;
  @Field({ description: 'Why (1-2000 characters)' }) @Length(1, 2000) reason: string;
  @Field({ description: 'When it lapses; in the future, at most two years ahead' }) expiresAt: Date;
}

@InputType({ description: 'The exception to revoke' })
export class ComplianceExceptionRevokeInput {
  @Field(() => ID, { description: 'The exception' }) exceptionId: string;
}

@InputType({ description: 'Narrows a list of exceptions' })
export class ComplianceExceptionFilter {
  @Field(() => Boolean, { nullable: true, description: 'Only active (neither revoked nor expired) exceptions' }) activeOnly?: boolean | null;
}
