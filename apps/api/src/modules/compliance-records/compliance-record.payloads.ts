import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error';
import { ComplianceRecord } from './compliance-record.entity';

@ObjectType({ description: 'The record after the change, or why it was refused' })
export class ComplianceRecordPayload {
  @Field(() => ComplianceRecord, { nullable: true, description: 'The record as it is now; null when refused' }) record: ComplianceRecord | null;
  @Field(() => [UserError], { description: 'What was wrong with the input; empty on success' }) userErrors: UserError[];
}
