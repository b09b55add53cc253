import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error';
import { User } from './user.entity';

@ObjectType()
export class UserProfileUpdatePayload {
  @Field(() => User, { nullable: true }) user: User | null;
  @Field(() => [UserError]) userErrors: UserError[];
}
