import { GraphQLJSONObject } from 'graphql-scalars';
import { Length, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { ComplianceRecordKind, ComplianceRecordStatus, ComplianceRecordSubjectKind } from './compliance-record.entity';

@InputType({ description: 'A check to record, pending review by someone else. customKind goes with CUSTOM, agentId with AGENT subjects' })
export class ComplianceRecordCreateInput {
  @Field(() => ComplianceRecordKind, { description: 'Which check' }) kind: ComplianceRecordKind;
  @Field(() => String, { nullable: true, description: 'Name of a CUSTOM check (1-60 characters)' }) @MaxLength(60) customKind?: string | null;
  @Field(() => ComplianceRecordSubjectKind, { description: 'What it checks' }) subjectKind: ComplianceRecordSubjectKind;
  @Field({ description: 'Name of the subject (1-200 characters); for an agent, its name when not given' }) @Length(1, 200) subjectName: string;
  @Field(() => ID, { nullable: true, description: 'The agent checked, for AGENT subjects' }) agentId?: string | null;
  @Field(() => Int, { description: 'Risk score 1-100' }) riskScore: number;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'What the check found (at most 20000 characters of JSON)' }) data?: Record<
    string,
    unknown
  > | null;
}

@InputType({ description: 'A review of a pending record, by someone other than its creator' })
export class ComplianceRecordReviewInput {
  @Field(() => ID, { description: 'The record' }) recordId: string;
  @Field(() => String, { nullable: true, description: 'Note for the trail (at most 2000 characters); required to reject or flag' }) @MaxLength(2000) note?:
    string | null;
}

@InputType({ description: 'Narrows a list of records; conditions combine with AND' })
export class ComplianceRecordFilter {
  @Field(() => [ComplianceRecordKind], { nullable: true, description: 'Records of any of these kinds' }) kinds?: ComplianceRecordKind[] | null;
  @Field(() => [ComplianceRecordStatus], { nullable: true, description: 'Records in any of these states' }) statuses?: ComplianceRecordStatus[] | null;
}
