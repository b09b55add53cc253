import { Field, ID, Int, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error';

@ObjectType({ description: 'Tokens for a signed-in session. The refresh token travels in an httpOnly cookie.' })
export class SessionPayload {
  @Field(() => String, { nullable: true, description: 'Short-lived bearer token for the Authorization header' }) accessToken: string | null;
  @Field(() => Date, { nullable: true, description: 'When the access token stops working (UTC); refresh before then' }) accessTokenExpiresAt: Date | null;
  @Field(() => String, { nullable: true, description: 'Only when refreshTokenInBody was asked for' }) refreshToken: string | null;
  @Field(() => [UserError], { description: 'Every problem that stopped the change; empty when it succeeded' }) userErrors: UserError[];
}

@ObjectType({ description: 'Result of sessionRevoke' })
export class SessionRevokePayload {
  @Field({ description: 'True when the session is ended (also when it had already ended)' }) ok: boolean;
  @Field(() => [UserError], { description: 'Every problem that stopped the change; empty when it succeeded' }) userErrors: UserError[];
}

@ObjectType({ description: 'Result of sessionEnd' })
export class SessionEndPayload {
  @Field(() => ID, { nullable: true, description: 'The id of the session that ended; null when userErrors refused the change' }) endedSessionId: string | null;
  @Field(() => [UserError], { description: 'Every problem that stopped the change; empty when it succeeded' }) userErrors: UserError[];
}

@ObjectType({ description: 'Result of sessionEndOthers' })
export class SessionEndOthersPayload {
  @Field(() => Int, { nullable: true, description: 'How many other sessions ended; null when userErrors refused the change' }) endedCount: number | null;
  @Field(() => [UserError], { description: 'Every problem that stopped the change; empty when it succeeded' }) userErrors: UserError[];
}
