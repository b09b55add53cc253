import { Field, ID, Int, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error';
import { Membership } from './membership.entity';

@ObjectType({ description: 'Result of membershipRoleChange' })
export class MembershipRoleChangePayload {
  @Field(() => Membership, { nullable: true, description: 'The membership with its new role; null when userErrors refused the change' })
  membership: Membership | null;
  @Field(() => [UserError], { description: 'Every problem that stopped the change; empty when it succeeded' }) userErrors: UserError[];
}

@ObjectType({ description: 'Result of membershipRemove' })
export class MembershipRemovePayload {
  @Field(() => ID, { nullable: true, description: 'Global id of the membership removed; null when userErrors refused the change' }) removedMembershipId:
    string | null;
  @Field(() => [UserError], { description: 'Every problem that stopped the change; empty when it succeeded' }) userErrors: UserError[];
}

@ObjectType({ description: 'Result of membershipAccountDeactivate and membershipAccountReactivate' })
export class MembershipAccountPayload {
  @Field(() => Membership, { nullable: true, description: "The membership, its user's isActive as changed; null when userErrors refused the change" })
  membership: Membership | null;
  @Field(() => [UserError], { description: 'Every problem that stopped the change; empty when it succeeded' }) userErrors: UserError[];
}

@ObjectType({ description: 'Result of membershipSessionsEnd' })
export class MembershipSessionsEndPayload {
  @Field(() => Int, { nullable: true, description: "How many of the member's sessions ended; null when userErrors refused the change" }) endedCount:
    number | null;
  @Field(() => [UserError], { description: 'Every problem that stopped the change; empty when it succeeded' }) userErrors: UserError[];
}
