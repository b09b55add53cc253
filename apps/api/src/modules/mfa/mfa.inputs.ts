import { Length, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { MfaRequirement } from './mfa.payloads';

@InputType({ description: 'The second step of a password sign-in' })
export class SessionMfaVerifyInput {
  @Field({ description: 'The mfaChallengeToken sessionCreate answered with' }) @Length(1, 200) challengeToken: string;
  @Field({ description: 'The six digits the authenticator app shows now, or one unused recovery code' }) @Length(1, 40) code: string;
  @Field({ defaultValue: false, description: 'Also return the refresh token in the payload (for clients without cookies)' }) refreshTokenInBody: boolean;
}

@InputType({ description: 'Starts enrolling an authenticator app' })
export class TotpEnrolmentStartInput {
  @Field({ nullable: true, description: 'During a sign-in that must enrol first (mfaStep ENROL): its mfaChallengeToken. Signed-in users leave it out.' })
  @MaxLength(200)
  challengeToken?: string;
  @Field({ nullable: true, description: 'Required to replace an authenticator that is already on: the account password' })
  @MaxLength(200)
  password?: string;
}

@InputType({ description: 'Confirms the new authenticator with its first code' })
export class TotpEnrolmentConfirmInput {
  @Field({ description: 'The six digits the app shows for the new secret' }) @Length(1, 40) code: string;
  @Field({ nullable: true, description: 'During a sign-in that must enrol first: its mfaChallengeToken; the sign-in then completes' })
  @MaxLength(200)
  challengeToken?: string;
  @Field({ defaultValue: false, description: 'Also return the refresh token in the payload (for clients without cookies)' }) refreshTokenInBody: boolean;
}

@InputType({ description: 'Turns two-factor authentication off: proves the person with a current code or the password' })
export class TotpDisableInput {
  @Field({ nullable: true, description: 'A current code from the authenticator app, or a recovery code' }) @MaxLength(40) code?: string;
  @Field({ nullable: true, description: 'The account password, instead of a code' }) @MaxLength(200) password?: string;
}

@InputType({ description: 'Who in the tenant must use two-factor authentication' })
export class MfaRequirementSetInput {
  @Field(() => MfaRequirement, { description: 'Nobody, admins (members who can manage the tenant) or every member' }) requirement: MfaRequirement;
}

@InputType({ description: 'A member of the current tenant whose second factor to reset' })
export class MembershipMfaResetInput {
  @Field(() => ID, { description: 'Global id of the membership' }) membershipId: string;
}
