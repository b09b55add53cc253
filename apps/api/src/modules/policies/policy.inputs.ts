import { ArrayMaxSize, ArrayMinSize, IsOptional, Length, MaxLength, ValidateNested } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import { PolicyDecisionAction, PolicyDecisionResult, PolicyDecisionTrigger } from './policy-decision.entity';
import { PolicyEnforcement, PolicySeverity } from './policy-finding.type';
import { PolicyViolationStatus } from './policy-violation.entity';
import { PolicyScopeKind, PolicyType } from './policy.entity';

export const MAX_RULES = 20;

@InputType({ description: 'One rule of a policy' })
export class PolicyRuleInput {
  @Field({ description: 'Name of the rule, 1 to 100 characters, unique within the policy' }) @Length(1, 100) name: string;
  @Field({ description: 'CEL; true means the agent violates the rule' }) @MaxLength(10_000) condition: string;
  @Field({ description: 'What the caller is told when the rule is violated' }) @Length(1, 500) message: string;
}

@InputType({ description: 'Which agents a policy applies to' })
export class PolicyScopeInput {
  @Field(() => PolicyScopeKind, { description: 'How the agents are chosen; tags and agentIds complete it' }) kind: PolicyScopeKind;
  @Field(() => [String], { defaultValue: [], description: 'For kind tags: agents carrying any of them' })
  @ArrayMaxSize(20)
  @MaxLength(60, { each: true })
  tags: string[];
  @Field(() => [ID], { defaultValue: [], description: 'For kind agents: the agents covered' }) @ArrayMaxSize(100) agentIds: string[];
}

@InputType({ description: 'A new policy in the current tenant' })
export class PolicyCreateInput {
  @Field({ description: 'Name, 1 to 120 characters, unique within the tenant' }) @Length(1, 120) name: string;
  @Field({ defaultValue: '', description: 'What the policy is for, at most 2000 characters' }) @MaxLength(2000) description: string;
  @Field(() => PolicyType, { description: 'What the policy governs' }) type: PolicyType;
  @Field({ defaultValue: '', description: 'Free grouping label, at most 60 characters' }) @MaxLength(60) category: string;
  @Field(() => PolicySeverity, { description: 'How serious a violation is' }) severity: PolicySeverity;
  @Field(() => PolicyEnforcement, { description: 'What happens to a violating change' }) enforcement: PolicyEnforcement;
  @Field(() => [PolicyRuleInput], { description: `The rules, 1 to ${MAX_RULES}` })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_RULES)
  @ValidateNested({ each: true })
  rules: PolicyRuleInput[];
  @Field(() => PolicyScopeInput, { nullable: true, description: 'Every agent when omitted' }) @IsOptional() @ValidateNested() scope?: PolicyScopeInput | null;
  @Field({ defaultValue: true, description: 'Enforce it from now on; false saves it switched off' }) active: boolean;
}

@InputType({ description: 'Only the fields given change; any change adds a version' })
export class PolicyUpdateInput {
  @Field(() => ID, { description: 'Global id of the policy to change' }) policyId: string;
  @Field({ nullable: true, description: 'New name, 1 to 120 characters' }) @IsOptional() @Length(1, 120) name?: string;
  @Field({ nullable: true, description: 'New description, at most 2000 characters' }) @IsOptional() @MaxLength(2000) description?: string;
  @Field(() => PolicyType, { nullable: true, description: 'New type' }) type?: PolicyType;
  @Field({ nullable: true, description: 'New category, at most 60 characters' }) @IsOptional() @MaxLength(60) category?: string;
  @Field(() => PolicySeverity, { nullable: true, description: 'New severity; open violations keep theirs' }) severity?: PolicySeverity;
  @Field(() => PolicyEnforcement, { nullable: true, description: 'New enforcement' }) enforcement?: PolicyEnforcement;
  @Field(() => [PolicyRuleInput], { nullable: true, description: `All the rules, replacing the old ones, 1 to ${MAX_RULES}` })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_RULES)
  @ValidateNested({ each: true })
  rules?: PolicyRuleInput[];
  @Field(() => PolicyScopeInput, { nullable: true, description: 'New scope, replacing the old one' }) @IsOptional() @ValidateNested() scope?: PolicyScopeInput;
}

@InputType({ description: 'A policy to switch on or off' })
export class PolicyActivationInput {
  @Field(() => ID, { description: 'Global id of the policy' }) policyId: string;
}

@InputType({ description: 'Which policies to list; every condition given must hold' })
export class PolicyFilter {
  @Field({ nullable: true, description: 'Matches the name, case-insensitively' }) @IsOptional() @MaxLength(100) search?: string;
  @Field(() => [PolicyType], { nullable: true, description: 'Only these types; null: all' }) types?: PolicyType[];
  @Field(() => [PolicySeverity], { nullable: true, description: 'Only these severities; null: all' }) severities?: PolicySeverity[];
  @Field(() => [PolicyEnforcement], { nullable: true, description: 'Only these enforcements; null: all' }) enforcements?: PolicyEnforcement[];
  @Field({ nullable: true, description: 'true: only active policies, false: only inactive ones, null: both' }) active?: boolean;
}

@InputType({ description: 'Which violations to list; every condition given must hold' })
export class PolicyViolationFilter {
  @Field(() => [PolicyViolationStatus], { nullable: true, description: 'Only these statuses; null: all' }) statuses?: PolicyViolationStatus[];
  @Field(() => [PolicySeverity], { nullable: true, description: 'Only these severities; null: all' }) severities?: PolicySeverity[];
  @Field(() => ID, { nullable: true, description: 'Only violations of this policy (global id)' }) policyId?: string;
  @Field(() => ID, { nullable: true, description: 'Only violations by this agent (global id)' }) agentId?: string;
}

@InputType({ description: 'Which policy decisions to list; every condition given must hold' })
export class PolicyDecisionFilter {
  @Field(() => ID, { nullable: true, description: 'Only decisions of this policy (global id)' }) policyId?: string;
  @Field(() => ID, { nullable: true, description: 'Only decisions about this agent (global id)' }) agentId?: string;
  @Field(() => [PolicyDecisionResult], { nullable: true, description: 'Only these results; null: all' }) results?: PolicyDecisionResult[];
  @Field(() => [PolicyDecisionAction], { nullable: true, description: 'Only these actions; null: all' }) actionsTaken?: PolicyDecisionAction[];
  @Field(() => [PolicyDecisionTrigger], { nullable: true, description: 'Only decisions made on these kinds of change; null: all' })
  triggers?: PolicyDecisionTrigger[];
  @Field({ nullable: true, description: 'Only decisions made while serving this request (the x-request-id of the response)' })
  @IsOptional()
  @MaxLength(64)
  requestId?: string;
  @Field(() => Date, { nullable: true, description: 'Only decisions made at or after this instant' }) since?: Date;
  @Field(() => Date, { nullable: true, description: 'Only decisions made before this instant' }) until?: Date;
}

@InputType({ description: 'A condition to try on an existing agent or on sample JSON before saving it' })
export class PolicyRuleTestInput {
  @Field({ description: 'The CEL condition to try; true means violated' }) @MaxLength(10_000) condition: string;
  @Field(() => ID, { nullable: true, description: 'An agent (global id) to evaluate the condition against; null: only compile it, or use the sample' })
  agentId?: string;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Stands in for `agent`' }) sample?: Record<string, unknown>;
  @Field(() => PolicyDecisionTrigger, { defaultValue: PolicyDecisionTrigger.UPDATE, description: 'change.action; for create, change.old is null' })
  action: PolicyDecisionTrigger;
}

@InputType({ description: 'A policy not saved yet' })
export class PolicyDraftInput {
  @Field(() => [PolicyRuleInput], { description: `The rules, 1 to ${MAX_RULES}` })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_RULES)
  @ValidateNested({ each: true })
  rules: PolicyRuleInput[];
  @Field(() => PolicyScopeInput, { nullable: true, description: 'Agents to judge; null: every agent of the tenant' })
  @IsOptional()
  @ValidateNested()
  scope?: PolicyScopeInput | null;
}

@InputType({ description: "A saved policy (policyId) or a draft, to judge against the tenant's agents without recording anything" })
export class PolicyDryRunInput {
  @Field(() => ID, { nullable: true, description: 'A saved policy to judge (global id); give this or draft' }) policyId?: string;
  @Field(() => PolicyDraftInput, { nullable: true, description: 'An unsaved policy to judge; give this or policyId' })
  @IsOptional()
  @ValidateNested()
  draft?: PolicyDraftInput;
  @Field(() => Int, { defaultValue: 50, description: 'At most this many flagged agents are listed (at most 100); all are counted' }) limit: number;
  @Field(() => PolicyDecisionTrigger, {
    defaultValue: PolicyDecisionTrigger.REEVALUATION,
    description: 'change.action the agents are judged under, e.g. deploy to preview a rule that fires on deploys; change.old is each agent as it stands',
  })
  action: PolicyDecisionTrigger;
}

@InputType({ description: 'A policy to judge all agents in its scope against again' })
export class PolicyReevaluateInput {
  @Field(() => ID, { description: 'Global id of the policy' }) policyId: string;
}

@InputType({ description: 'A waiver: lets the agent keep breaking the rule, for a reason, possibly until a date' })
export class PolicyViolationWaiveInput {
  @Field(() => ID, { description: 'Global id of the open violation to waive' }) violationId: string;
  @Field({ description: 'Why the agent may break the rule' }) @Length(1, 1000) reason: string;
  @Field(() => Date, { nullable: true, description: 'When the waiver lapses; it lasts until revoked when omitted' }) expiresAt?: Date | null;
}

@InputType({ description: 'A waiver to withdraw; the violation is open again' })
export class PolicyViolationWaiverRevokeInput {
  @Field(() => ID, { description: 'Global id of the waived violation' }) violationId: string;
}
