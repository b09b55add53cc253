import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { UserError } from '../../graphql/user-error';

/** What a sign-in still needs after the password: the account's TOTP code, or enrolling one the tenant requires. */
export enum MfaStep {
  CODE = 'CODE',
  ENROL = 'ENROL',
}
registerEnumType(MfaStep, {
  name: 'MfaStep',
  description: 'The second step of a password sign-in',
  valuesConfig: {
    CODE: { description: 'Give a code from the authenticator app (or a recovery code) with sessionMfaVerify' },
    ENROL: { description: 'The tenant requires two-factor authentication: enrol with totpEnrolmentStart and totpEnrolmentConfirm first' },
  },
});

@ObjectType({
  description:
    'Tokens for a signed-in session. The refresh token travels in an httpOnly cookie. When the account has a second factor (or must enrol one), there are no tokens yet: mfaStep says what comes next, with mfaChallengeToken.',
})
export class SessionPayload {
  @Field(() => String, { nullable: true, description: 'Short-lived bearer token for the Authorization header' }) accessToken: string | null;
  @Field(() => Date, { nullable: true, description: 'When the access token stops working (UTC); refresh before then' }) accessTokenExpiresAt: Date | null;
  @Field(() => String, { nullable: true, description: 'Only when refreshTokenInBody was asked for' }) refreshToken: string | null;
  @Field(() => MfaStep, { nullable: true, description: 'Set when the password was right but a second step is needed before any session' })
  mfaStep?: MfaStep | null;
  @Field(() => String, { nullable: true, description: 'Single-use token for the second step; works for a few minutes and is never a session' })
  mfaChallengeToken?: string | null;
  @Field(() => Date, { nullable: true, description: 'When the challenge token stops working (UTC)' }) mfaChallengeExpiresAt?: Date | null;
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
