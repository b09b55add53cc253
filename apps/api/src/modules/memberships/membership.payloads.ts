import { Field, ID, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error';
import { Membership } from './membership.entity';

@ObjectType()
export class MembershipRoleChangePayload {
  @Field(() => Membership, { nullable: true }) membership: Membership | null;
  @Field(() => [UserError]) userErrors: UserError[];
}

@ObjectType()
export class MembershipRemovePayload {
  @Field(() => ID, { nullable: true }) removedMembershipId: string | null;
  @Field(() => [UserError]) userErrors: UserError[];
}
