import { Field, ObjectType, registerEnumType } from 'type-graphql';

export enum UserErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  CONFLICT = 'CONFLICT',
  POLICY_VIOLATION = 'POLICY_VIOLATION',
}
registerEnumType(UserErrorCode, { name: 'UserErrorCode' });

@ObjectType({ description: 'A problem with the input that the caller can fix' })
export class UserError {
  @Field(() => [String], { nullable: true, description: 'Path to the input field at fault, e.g. ["input", "email"]' })
  field: string[] | null;
  @Field() message: string;
  @Field(() => UserErrorCode) code: UserErrorCode;
}

/** Every mutation payload carries userErrors; the result fields are null when there are any. */
export interface Payload {
  userErrors: UserError[];
}
