import { ArrayMaxSize, ArrayMinSize, IsOptional, Length, MaxLength, ValidateNested } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import { PolicyDecisionAction, PolicyDecisionResult, PolicyDecisionTrigger } from './policy-decision.entity';
import { PolicyEnforcement, PolicySeverity } from './policy-finding.type';
import { PolicyViolationStatus } from './policy-violation.entity';
import { PolicyScopeKind, PolicyType } from './policy.entity';

export const MAX_RULES = 20;

@InputType()
export class PolicyRuleInput {
  @Field() @Length(1, 100) name: string;
  @Field({ description: 'CEL; true means the agent violates the rule' }) @MaxLength(10_000) condition: string;
  @Field({ description: 'What the caller is told when the rule is violated' }) @Length(1, 500) message: string;
}

@InputType()
export class PolicyScopeInput {
  @Field(() => PolicyScopeKind) kind: PolicyScopeKind;
  @Field(() => [String], { defaultValue: [], description: 'For kind tags: agents carrying any of them' }) @ArrayMaxSize(20) @MaxLength(60, { each: true }) tags: string[];
  @Field(() => [ID], { defaultValue: [], description: 'For kind agents: the agents covered' }) @ArrayMaxSize(100) agentIds: string[];
}

@InputType()
export class PolicyCreateInput {
  @Field() @Length(1, 120) name: string;
  @Field({ defaultValue: '' }) @MaxLength(2000) description: string;
  @Field(() => PolicyType) type: PolicyType;
  @Field({ defaultValue: '' }) @MaxLength(60) category: string;
  @Field(() => PolicySeverity) severity: PolicySeverity;
  @Field(() => PolicyEnforcement) enforcement: PolicyEnforcement;
  @Field(() => [PolicyRuleInput]) @ArrayMinSize(1) @ArrayMaxSize(MAX_RULES) @ValidateNested({ each: true }) rules: PolicyRuleInput[];
  @Field(() => PolicyScopeInput, { nullable: true, description: 'Every agent when omitted' }) @IsOptional() @ValidateNested() scope?: PolicyScopeInput | null;
  @Field({ defaultValue: true }) active: boolean;
}

@InputType({ description: 'Only the fields given change; any change adds a version' })
export class PolicyUpdateInput {
  @Field(() => ID) policyId: string;
  @Field({ nullable: true }) @IsOptional() @Length(1, 120) name?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(2000) description?: string;
  @Field(() => PolicyType, { nullable: true }) type?: PolicyType;
  @Field({ nullable: true }) @IsOptional() @MaxLength(60) category?: string;
  @Field(() => PolicySeverity, { nullable: true }) severity?: PolicySeverity;
  @Field(() => PolicyEnforcement, { nullable: true }) enforcement?: PolicyEnforcement;
  @Field(() => [PolicyRuleInput], { nullable: true }) @IsOptional() @ArrayMinSize(1) @ArrayMaxSize(MAX_RULES) @ValidateNested({ each: true }) rules?: PolicyRuleInput[];
  @Field(() => PolicyScopeInput, { nullable: true }) @IsOptional() @ValidateNested() scope?: PolicyScopeInput;
}

@InputType()
export class PolicyActivationInput {
  @Field(() => ID) policyId: string;
}

@InputType()
export class PolicyFilter {
  @Field({ nullable: true, description: 'Matches the name, case-insensitively' }) @IsOptional() @MaxLength(100) search?: string;
  @Field(() => [PolicyType], { nullable: true }) types?: PolicyType[];
  @Field(() => [PolicySeverity], { nullable: true }) severities?: PolicySeverity[];
  @Field(() => [PolicyEnforcement], { nullable: true }) enforcements?: PolicyEnforcement[];
  @Field({ nullable: true }) active?: boolean;
}

@InputType()
export class PolicyViolationFilter {
  @Field(() => [PolicyViolationStatus], { nullable: true }) statuses?: PolicyViolationStatus[];
  @Field(() => [PolicySeverity], { nullable: true }) severities?: PolicySeverity[];
  @Field(() => ID, { nullable: true }) policyId?: string;
  @Field(() => ID, { nullable: true }) agentId?: string;
}

@InputType()
export class PolicyDecisionFilter {
  @Field(() => ID, { nullable: true }) policyId?: string;
  @Field(() => ID, { nullable: true }) agentId?: string;
  @Field(() => [PolicyDecisionResult], { nullable: true }) results?: PolicyDecisionResult[];
  @Field(() => [PolicyDecisionAction], { nullable: true }) actionsTaken?: PolicyDecisionAction[];
  @Field(() => [PolicyDecisionTrigger], { nullable: true }) triggers?: PolicyDecisionTrigger[];
  @Field({ nullable: true }) @IsOptional() @MaxLength(64) requestId?: string;
  @Field(() => Date, { nullable: true }) since?: Date;
  @Field(() => Date, { nullable: true }) until?: Date;
}

@InputType({ description: 'A condition to try on an existing agent or on sample JSON before saving it' })
export class PolicyRuleTestInput {
  @Field() @MaxLength(10_000) condition: string;
  @Field(() => ID, { nullable: true }) agentId?: string;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Stands in for `agent`' }) sample?: Record<string, unknown>;
  @Field(() => PolicyDecisionTrigger, { defaultValue: PolicyDecisionTrigger.UPDATE, description: 'change.action; for create, change.old is null' })
  action: PolicyDecisionTrigger;
}

@InputType({ description: 'A policy not saved yet' })
export class PolicyDraftInput {
  @Field(() => [PolicyRuleInput]) @ArrayMinSize(1) @ArrayMaxSize(MAX_RULES) @ValidateNested({ each: true }) rules: PolicyRuleInput[];
  @Field(() => PolicyScopeInput, { nullable: true }) @IsOptional() @ValidateNested() scope?: PolicyScopeInput | null;
}

@InputType({ description: 'A saved policy (policyId) or a draft, to judge against the tenant\'s agents without recording anything' })
export class PolicyDryRunInput {
  @Field(() => ID, { nullable: true }) policyId?: string;
  @Field(() => PolicyDraftInput, { nullable: true }) @IsOptional() @ValidateNested() draft?: PolicyDraftInput;
  @Field(() => Int, { defaultValue: 50, description: 'At most this many flagged agents are listed (at most 100); all are counted' }) limit: number;
  @Field(() => PolicyDecisionTrigger, {
    defaultValue: PolicyDecisionTrigger.REEVALUATION,
    description: 'change.action the agents are judged under, e.g. deploy to preview a rule that fires on deploys; change.old is each agent as it stands',
  })
  action: PolicyDecisionTrigger;
}

@InputType()
export class PolicyReevaluateInput {
  @Field(() => ID) policyId: string;
}

@InputType()
export class PolicyViolationWaiveInput {
  @Field(() => ID) violationId: string;
  @Field({ description: 'Why the agent may break the rule' }) @Length(1, 1000) reason: string;
  @Field(() => Date, { nullable: true, description: 'When the waiver lapses; it lasts until revoked when omitted' }) expiresAt?: Date | null;
}

@InputType()
export class PolicyViolationWaiverRevokeInput {
  @Field(() => ID) violationId: string;
}
