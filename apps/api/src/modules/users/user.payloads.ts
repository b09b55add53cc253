import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error';
import { User } from './user.entity';

@ObjectType({ description: 'Result of userProfileUpdate' })
export class UserProfileUpdatePayload {
  @Field(() => User, { nullable: true, description: 'The user as changed; null when userErrors refused the change' }) user: User | null;
  @Field(() => [UserError], { description: 'Every problem that stopped the change; empty when it succeeded' }) userErrors: UserError[];
}
