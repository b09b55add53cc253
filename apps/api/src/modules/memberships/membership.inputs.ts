import { MaxLength } from 'class-validator';
import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { Role } from '../../auth/roles';
import { OrderDirection } from '../../graphql/connection';

@InputType()
export class MembershipFilter {
  @Field({ nullable: true, description: 'Matches the name, and for admins the email, case-insensitively' })
  @MaxLength(100)
  search?: string;
  @Field(() => [Role], { nullable: true }) roles?: Role[];
}

export enum MembershipOrderField {
  CREATED_AT = 'CREATED_AT',
  FULL_NAME = 'FULL_NAME',
}
registerEnumType(MembershipOrderField, { name: 'MembershipOrderField' });

@InputType()
export class MembershipOrder {
  @Field(() => MembershipOrderField) field: MembershipOrderField;
  @Field(() => OrderDirection) direction: OrderDirection;
}

@InputType()
export class MembershipRoleChangeInput {
  @Field(() => ID) membershipId: string;
  @Field(() => Role) role: Role;
}

@InputType()
export class MembershipRemoveInput {
  @Field(() => ID) membershipId: string;
}
