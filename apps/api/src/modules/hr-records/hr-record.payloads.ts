import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error';
import { HrRecord, HrSettings } from './hr-record.entity';

@ObjectType({ description: 'The HR record after the change, or why it was refused' })
export class HrRecordPayload {
  @Field(() => HrRecord, { nullable: true, description: 'The record as it is now; null when refused' }) record: HrRecord | null;
  @Field(() => [UserError], { description: 'What was wrong with the input; empty on success' }) userErrors: UserError[];
}

@ObjectType({ description: 'The HR settings after the change' })
export class HrSettingsPayload {
  @Field(() => HrSettings, { nullable: true, description: 'The settings as they are now; null when refused' }) settings: HrSettings | null;
  @Field(() => [UserError], { description: 'What was wrong with the input; empty on success' }) userErrors: UserError[];
}
