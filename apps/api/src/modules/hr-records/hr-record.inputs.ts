import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';
import { HrRecordKind, HrRecordStatus } from './hr-record.entity';

@InputType({ description: 'A new HR record; data must match the JSON schema of its kind (docs/hr-records.md)' })
export class HrRecordCreateInput {
  @Field(() => HrRecordKind, { description: 'What it is' }) kind: HrRecordKind;
  @Field(() => HrRecordStatus, { nullable: true, description: 'Where it stands; PENDING when not given' }) status?: HrRecordStatus | null;
  @Field({ description: 'Full name of the person it is about (1-200 characters)' }) subjectName: string;
  @Field({ description: 'Email address of the person it is about' }) subjectEmail: string;
  @Field(() => GraphQLJSONObject, { description: 'The structured data, per the JSON schema of the kind (at most 20000 characters of JSON)' })
  data: Record<string, unknown>;
}

@InputType({ description: 'Changes to the personal fields of an HR record; fields left out stay as they are' })
export class HrRecordUpdateInput {
  @Field(() => ID, { description: 'The record' }) recordId: string;
  @Field(() => String, { nullable: true, description: 'Full name of the person (1-200 characters)' }) subjectName?: string | null;
  @Field(() => String, { nullable: true, description: 'Email address of the person' }) subjectEmail?: string | null;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The structured data, replacing the former, per the JSON schema of the kind' })
  data?: Record<string, unknown> | null;
}

@InputType({ description: 'The HR record to activate or deactivate' })
export class HrRecordStatusInput {
  @Field(() => ID, { description: 'The record' }) recordId: string;
}

@InputType({ description: "A partner app's AI insights on a record (written with an API key)" })
export class HrRecordInsightsSetInput {
  @Field(() => ID, { description: 'The record' }) recordId: string;
  @Field(() => GraphQLJSONObject, { description: 'The insights, replacing the former (at most 20000 characters of JSON)' }) insights: Record<string, unknown>;
}

@InputType({ description: 'Narrows a list of HR records; conditions combine with AND' })
export class HrRecordFilter {
  @Field(() => [HrRecordKind], { nullable: true, description: 'Records of any of these kinds' }) kinds?: HrRecordKind[] | null;
  @Field(() => [HrRecordStatus], { nullable: true, description: 'Records in any of these states' }) statuses?: HrRecordStatus[] | null;
  @Field(() => String, {
    nullable: true,
    description:
      "Records whose subject's email, full name or a whole word of the name is this (ignoring case; found by a blind index, so parts of words do not match); only for callers who read personal fields",
  })
  subject?: string | null;
}

@InputType({ description: "The tenant's HR settings" })
export class HrSettingsUpdateInput {
  @Field({ description: "Whether admins read HR records' personal fields" }) adminsReadPersonal: boolean;
}
