import { GraphQLLocalDate } from 'graphql-scalars';
import { Length, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { ComplianceEvidenceKind, ComplianceEvidenceStatus } from './compliance-evidence.entity';

@InputType({ description: 'Evidence to attach to a control, as a draft. url goes with LINK, note with NOTE; a FILE gets its file by upload afterwards' })
export class ComplianceEvidenceCreateInput {
  @Field(() => ID, { description: 'The control it supports' }) controlId: string;
  @Field(() => ComplianceEvidenceKind, { description: 'File, link or note' }) kind: ComplianceEvidenceKind;
  @Field({ description: 'Short title (1-200 characters)' }) @Length(1, 200) title: string;
  @Field({ defaultValue: '', description: 'What it shows' }) @MaxLength(4000) description: string;
  @Field(() => String, { nullable: true, description: 'For LINK: an http(s) URL (at most 2000 characters)' }) @MaxLength(2000) url?: string | null;
  @Field(() => String, { nullable: true, description: 'For NOTE: the statement (at most 20000 characters)' }) @MaxLength(20000) note?: string | null;
}

@InputType({ description: 'The evidence to act on' })
export class ComplianceEvidenceRefInput {
  @Field(() => ID, { description: 'The evidence' }) evidenceId: string;
}

@InputType({ description: 'Approves evidence in review; the approver must not be its uploader' })
export class ComplianceEvidenceApproveInput {
  @Field(() => ID, { description: 'The evidence' }) evidenceId: string;
  @Field(() => GraphQLLocalDate, { description: 'It counts up to and including this day (after today, at most three years ahead)' }) renewalDue: string;
  @Field(() => String, { nullable: true, description: 'Comment for the trail (at most 2000 characters)' }) @MaxLength(2000) comment?: string | null;
}

@InputType({ description: 'Rejects evidence in review; the reviewer must not be its uploader' })
export class ComplianceEvidenceRejectInput {
  @Field(() => ID, { description: 'The evidence' }) evidenceId: string;
  @Field({ description: 'Why (1-2000 characters)' }) @Length(1, 2000) comment: string;
}

@InputType({ description: 'Narrows a list of evidence; conditions combine with AND' })
export class ComplianceEvidenceFilter {
  @Field(() => [ComplianceEvidenceStatus], { nullable: true, description: 'Evidence in any of these states (the review inbox: IN_REVIEW)' })
  statuses?: ComplianceEvidenceStatus[] | null;
  @Field(() => ID, { nullable: true, description: "One control's evidence" }) controlId?: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Approved evidence due for renewal on or before this day' }) renewalDueBefore?: string | null;
}
