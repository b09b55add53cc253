import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error';
import { Alert } from './alert.entity';

@ObjectType()
export class AlertPayload {
  @Field(() => Alert, { nullable: true }) alert: Alert | null;
  @Field(() => [UserError]) userErrors: UserError[];
}
