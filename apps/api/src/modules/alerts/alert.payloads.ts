import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error';
import { Alert } from './alert.entity';

@ObjectType({ description: 'The alert after the change, or why it was refused' })
export class AlertPayload {
  @Field(() => Alert, { nullable: true, description: 'The alert as it is now; null when the change was refused' }) alert: Alert | null;
  @Field(() => [UserError], { description: 'What was wrong with the input; empty on success' }) userErrors: UserError[];
}
