import { ArrayMaxSize, ArrayMinSize, IsInt, IsOptional, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import { Role } from '../../auth/roles';
import {
  ApprovalDeciderKind,
  ApprovalDeciderResolver,
  ApprovalFormFieldType,
  ApprovalMode,
  ApprovalRequestStatus,
  ApprovalSubjectKind,
  ApprovalTimeoutAction,
} from './approval.entity';

@InputType({ description: 'Approve a request: the current step of it, as one of its deciders' })
export class ApprovalRequestApproveInput {
  @Field(() => ID, { description: 'Global id of the approval request' }) requestId: string;
  @Field({ defaultValue: '', description: 'Why, at most 2000 characters' }) @MaxLength(2000) comment: string;
  @Field(() => GraphQLJSONObject, { nullable: true, description: "Values of the request's form fields, by key; none when omitted" })
  formValues?: Record<string, unknown> | null;
}

@InputType({ description: 'Reject a request, as one of the deciders of its current step; a reason is required' })
export class ApprovalRequestRejectInput {
  @Field(() => ID, { description: 'Global id of the approval request' }) requestId: string;
  @Field({ description: 'Why, 1 to 2000 characters' }) @Length(1, 2000) comment: string;
  @Field(() => GraphQLJSONObject, { nullable: true, description: "Values of the request's form fields, by key (none is required to reject)" })
  formValues?: Record<string, unknown> | null;
}

@InputType({ description: 'A comment on a request' })
export class ApprovalRequestCommentInput {
  @Field(() => ID, { description: 'Global id of the approval request' }) requestId: string;
  @Field({ description: 'What to say, 1 to 2000 characters' }) @Length(1, 2000) body: string;
}

@InputType({ description: 'Withdraw a pending request (the requester, or an admin); a held change is discarded' })
export class ApprovalRequestCancelInput {
  @Field(() => ID, { description: 'Global id of the approval request' }) requestId: string;
  @Field({ defaultValue: '', description: 'Why, at most 2000 characters' }) @MaxLength(2000) reason: string;
}

@InputType({ description: 'Who may decide a step' })
export class ApprovalDeciderInput {
  @Field(() => ApprovalDeciderKind, { description: 'How the deciders are named; give the matching field' }) kind: ApprovalDeciderKind;
  @Field(() => ID, { nullable: true, description: 'For MEMBER: global id of the user' }) userId?: string | null;
  @Field(() => Role, { nullable: true, description: 'For ROLE: the role' }) role?: Role | null;
  @Field(() => ApprovalDeciderResolver, { nullable: true, description: 'For RESOLVER: the rule' }) resolver?: ApprovalDeciderResolver | null;
}

@InputType({ description: 'One step of an approval chain' })
export class ApprovalStepInput {
  @Field({ description: 'Name, 1 to 120 characters' }) @Length(1, 120) name: string;
  @Field(() => ApprovalMode, { defaultValue: ApprovalMode.SINGLE, description: 'How the decisions add up' }) mode: ApprovalMode;
  @Field(() => Int, { nullable: true, description: 'For ANY_N: how many approvals are needed' }) @IsOptional() @IsInt() @Min(1) @Max(100) requiredApprovals?:
    number | null;
  @Field(() => [ApprovalDeciderInput], { description: 'Who may decide, 1 to 20 entries' })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  deciders: ApprovalDeciderInput[];
  @Field(() => Int, { nullable: true, description: 'Deadline once the step opens, in seconds (60 to 90 days); null: none' })
  @IsOptional()
  @IsInt()
  @Min(60)
  @Max(90 * 24 * 3600)
  timeoutSeconds?: number | null;
  @Field(() => ApprovalTimeoutAction, { defaultValue: ApprovalTimeoutAction.EXPIRE, description: 'What happens at the deadline' })
  onTimeout: ApprovalTimeoutAction;
}

@InputType({ description: 'A typed field deciders fill in' })
export class ApprovalFormFieldInput {
  @Field({ description: 'Key, 1 to 40 letters, digits or underscores, starting with a letter' })
  @Matches(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, { message: 'key must be 1-40 letters, digits or underscores, starting with a letter' })
  key: string;
  @Field({ description: 'Label, 1 to 120 characters' }) @Length(1, 120) label: string;
  @Field(() => ApprovalFormFieldType, { description: 'Type of the value' }) type: ApprovalFormFieldType;
  @Field({ defaultValue: false, description: 'An approval must fill it in' }) required: boolean;
  @Field(() => [String], { defaultValue: [], description: 'For SELECT: the allowed values (1 to 20)' })
  @ArrayMaxSize(20)
  @MaxLength(120, { each: true })
  options: string[];
}

@InputType({ description: 'A request for a decision, asked for directly' })
export class ApprovalRequestCreateInput {
  @Field({ description: 'What is asked, 1 to 200 characters' }) @Length(1, 200) title: string;
  @Field({ defaultValue: '', description: 'More about it, at most 2000 characters' }) @MaxLength(2000) summary: string;
  @Field(() => [ApprovalStepInput], { description: 'The chain, 1 to 5 steps, decided in order' })
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  steps: ApprovalStepInput[];
  @Field(() => [ApprovalFormFieldInput], { defaultValue: [], description: 'Form fields, at most 20' })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  formFields: ApprovalFormFieldInput[];
}

@InputType({ description: 'Which approval requests to list; every condition given must hold' })
export class ApprovalRequestFilter {
  @Field(() => [ApprovalRequestStatus], { nullable: true, description: 'Only these statuses; null: all' }) statuses?: ApprovalRequestStatus[];
  @Field(() => [ApprovalSubjectKind], { nullable: true, description: 'Only these kinds; null: all' }) kinds?: ApprovalSubjectKind[];
  @Field({ nullable: true, description: 'Matches the title, case-insensitively' }) @IsOptional() @MaxLength(100) search?: string;
  @Field(() => ID, { nullable: true, description: 'Only requests holding a change of this agent (global id)' }) agentId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Only requests holding a change of this policy (global id)' }) policyId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'true: only requests the caller asked for' }) requestedByViewer?: boolean | null;
}
