import { Field, Int, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error';

@ObjectType({ description: 'Result of passwordResetRequest: the same whether or not the address has an account' })
export class PasswordResetRequestPayload {
  @Field({ description: 'True when the request was taken: if the address has an account, a reset link is on its way' }) requested: boolean;
  @Field(() => [UserError], { description: 'Every problem that stopped the change; empty when it succeeded' }) userErrors: UserError[];
}

@ObjectType({ description: 'Result of passwordResetComplete' })
export class PasswordResetCompletePayload {
  @Field({ description: 'True when the password was changed; every session of the account has ended' }) reset: boolean;
  @Field(() => String, { nullable: true, description: 'The account whose password changed, to sign in with' }) email: string | null;
  @Field(() => [UserError], { description: 'Every problem that stopped the change; empty when it succeeded' }) userErrors: UserError[];
}

@ObjectType({ description: 'Result of emailVerificationSend' })
export class EmailVerificationSendPayload {
  @Field({ description: 'True when a verification link is on its way; false when the address is confirmed already' }) sent: boolean;
  @Field(() => [UserError], { description: 'Every problem that stopped the change; empty when it succeeded' }) userErrors: UserError[];
}

@ObjectType({ description: 'Result of emailVerify' })
export class EmailVerifyPayload {
  @Field({ description: 'True when the address is confirmed' }) verified: boolean;
  @Field(() => String, { nullable: true, description: 'The confirmed address' }) email: string | null;
  @Field(() => [UserError], { description: 'Every problem that stopped the change; empty when it succeeded' }) userErrors: UserError[];
}

@ObjectType({ description: 'Result of passwordChange' })
export class PasswordChangePayload {
  @Field({ description: 'True when the password was changed; every other session of the account has ended, this one goes on' }) changed: boolean;
  @Field(() => Int, { description: 'How many other sessions ended' }) otherSessionsEnded: number;
  @Field(() => [UserError], { description: 'Every problem that stopped the change; empty when it succeeded' }) userErrors: UserError[];
}

@ObjectType({ description: 'Result of emailChangeRequest' })
export class EmailChangeRequestPayload {
  @Field(() => String, { nullable: true, description: 'The address the confirmation link went to; the account keeps its address until it is opened' })
  sentTo: string | null;
  @Field(() => [UserError], { description: 'Every problem that stopped the change; empty when it succeeded' }) userErrors: UserError[];
}
