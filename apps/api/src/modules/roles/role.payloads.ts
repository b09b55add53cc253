import { Field, ID, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error';
import { CustomRole } from './role.entity';

@ObjectType({ description: 'The custom role after the change, or why it was refused' })
export class CustomRolePayload {
  @Field(() => CustomRole, { nullable: true, description: 'The role as it is now; null when the change was refused' }) customRole: CustomRole | null;
  @Field(() => [UserError], { description: 'What was wrong with the input; empty on success' }) userErrors: UserError[];
}

@ObjectType({ description: 'Which custom role was deleted, or why it was refused' })
export class CustomRoleDeletePayload {
  @Field(() => ID, { nullable: true, description: 'Global id of the deleted role, to drop it from caches; null when refused' })
  deletedCustomRoleId: string | null;
  @Field(() => [UserError], { description: 'What was wrong with the input; empty on success' }) userErrors: UserError[];
}
