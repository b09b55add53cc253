import { MaxLength } from 'class-validator';
import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { Role } from '../../auth/roles';
import { OrderDirection } from '../../graphql/connection';

@InputType({ description: 'Which members to list' })
export class MembershipFilter {
  @Field({ nullable: true, description: 'Matches the name, and for admins the email, case-insensitively' })
  @MaxLength(100)
  search?: string;
  @Field(() => [Role], { nullable: true, description: 'Only members with one of these roles; null: all roles' }) roles?: Role[];
}

export enum MembershipOrderField {
  CREATED_AT = 'CREATED_AT',
  FULL_NAME = 'FULL_NAME',
}
registerEnumType(MembershipOrderField, {
  name: 'MembershipOrderField',
  description: 'What a list of members is sorted by',
  valuesConfig: {
    CREATED_AT: { description: 'When they joined the tenant' },
    FULL_NAME: { description: "The user's name, case-insensitively" },
  },
});

@InputType({ description: 'Order of the member list; newest first when not given' })
export class MembershipOrder {
  @Field(() => MembershipOrderField, { description: 'What to sort by' }) field: MembershipOrderField;
  @Field(() => OrderDirection, { description: 'Ascending or descending' }) direction: OrderDirection;
}

@InputType({ description: "A member's new role: a system role or a custom one, exactly one of the two" })
export class MembershipRoleChangeInput {
  @Field(() => ID, { description: 'Global id of the membership' }) membershipId: string;
  @Field(() => Role, { nullable: true, description: 'The system role to give; a tenant keeps at least one admin' }) role?: Role | null;
  @Field(() => ID, { nullable: true, description: 'The custom role to give instead of a system role' }) customRoleId?: string | null;
}

@InputType({ description: 'A member to remove from the current tenant' })
export class MembershipRemoveInput {
  @Field(() => ID, { description: 'Global id of the membership' }) membershipId: string;
}

@InputType({ description: 'A member of the current tenant whose account or sessions to act on' })
export class MembershipAccountInput {
  @Field(() => ID, { description: 'Global id of the membership' }) membershipId: string;
}
