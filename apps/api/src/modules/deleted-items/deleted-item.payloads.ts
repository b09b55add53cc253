import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error';
import { DeletedItem } from './deleted-item.type';

@ObjectType({ description: 'What was deleted and until when it can be restored, or why it was refused' })
export class DeletePayload {
  @Field(() => DeletedItem, { nullable: true, description: 'The deleted object; null when refused' }) deleted: DeletedItem | null;
  @Field(() => [UserError], { description: 'What was wrong with the input; empty on success' }) userErrors: UserError[];
}

@ObjectType({ description: 'What was restored, or why it was refused' })
export class RestorePayload {
  @Field(() => DeletedItem, { nullable: true, description: 'The object as it was deleted; it is live again. Null when refused' })
  restored: DeletedItem | null;
  @Field(() => [UserError], { description: 'What was wrong with the input; empty on success' }) userErrors: UserError[];
}
