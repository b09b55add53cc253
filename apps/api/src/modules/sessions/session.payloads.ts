import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error';

@ObjectType({ description: 'Tokens for a signed-in session. The refresh token travels in an httpOnly cookie.' })
export class SessionPayload {
  @Field(() => String, { nullable: true, description: 'Short-lived bearer token for the Authorization header' }) accessToken: string | null;
  @Field(() => Date, { nullable: true }) accessTokenExpiresAt: Date | null;
  @Field(() => String, { nullable: true, description: 'Only when refreshTokenInBody was asked for' }) refreshToken: string | null;
  @Field(() => [UserError]) userErrors: UserError[];
}

@ObjectType()
export class SessionRevokePayload {
  @Field() ok: boolean;
  @Field(() => [UserError]) userErrors: UserError[];
}
