import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { UserError } from '../../graphql/user-error';

export enum MfaRequirement {
  NOBODY = 'nobody',
  ADMINS = 'admins',
  ALL = 'all',
}
registerEnumType(MfaRequirement, {
  name: 'MfaRequirement',
  description: 'Who in a tenant must use two-factor authentication when signing in with a password (SSO sign-ins: the identity provider is the factor)',
  valuesConfig: {
    NOBODY: { description: 'Members choose for themselves' },
    ADMINS: { description: 'Members who can manage the tenant (tenant.manage)' },
    ALL: { description: 'Every member' },
  },
});

@ObjectType({ description: "The signed-in user's two-factor authentication" })
export class MfaStatus {
  @Field({ description: 'True when an authenticator app (TOTP) is on' }) enabled: boolean;
  @Field(() => Date, { nullable: true, description: 'When it was turned on' }) enabledAt: Date | null;
  @Field(() => Int, { description: 'Recovery codes not used yet' }) recoveryCodesLeft: number;
  @Field({ description: 'True when the current tenant requires it of this member' }) required: boolean;
}

@ObjectType({ description: 'A new secret to scan or type into an authenticator app; confirm it with a first code' })
export class TotpEnrolmentStartPayload {
  @Field(() => String, { nullable: true, description: 'The secret in base32, for typing in by hand; shown only now' }) secret: string | null;
  @Field(() => String, { nullable: true, description: 'The otpauth:// URI the QR code carries' }) otpauthUri: string | null;
  @Field(() => String, { nullable: true, description: 'The QR code as a PNG data URL' }) qrCode: string | null;
  @Field(() => [UserError], { description: 'Every problem that stopped the change; empty when it succeeded' }) userErrors: UserError[];
}

@ObjectType({ description: 'The authenticator is on. The recovery codes are shown this once; each works one time.' })
export class TotpEnrolmentConfirmPayload {
  @Field(() => [String], { description: 'Ten single-use recovery codes; empty when refused' }) recoveryCodes: string[];
  @Field(() => String, { nullable: true, description: 'When the enrolment completed a sign-in: its access token' }) accessToken: string | null;
  @Field(() => Date, { nullable: true, description: 'When the access token stops working (UTC)' }) accessTokenExpiresAt: Date | null;
  @Field(() => String, { nullable: true, description: 'Only when refreshTokenInBody was asked for during a sign-in' }) refreshToken: string | null;
  @Field(() => [UserError], { description: 'Every problem that stopped the change; empty when it succeeded' }) userErrors: UserError[];
}

@ObjectType({ description: 'Result of totpDisable' })
export class TotpDisablePayload {
  @Field({ description: 'True when two-factor authentication is off' }) disabled: boolean;
  @Field(() => [UserError], { description: 'Every problem that stopped the change; empty when it succeeded' }) userErrors: UserError[];
}

@ObjectType({ description: 'Result of mfaRequirementSet' })
export class MfaRequirementSetPayload {
  @Field(() => MfaRequirement, { nullable: true, description: 'The requirement as it is now; null when refused' }) requirement: MfaRequirement | null;
  @Field(() => [UserError], { description: 'Every problem that stopped the change; empty when it succeeded' }) userErrors: UserError[];
}

@ObjectType({ description: 'Result of membershipMfaReset' })
export class MembershipMfaResetPayload {
  @Field({ description: 'True when the second factor was cleared' }) reset: boolean;
  @Field(() => Int, { nullable: true, description: 'Unused recovery codes that stopped working; null when refused' }) recoveryCodesCleared: number | null;
  @Field(() => Int, { nullable: true, description: 'Sessions of the member that ended; null when refused' }) sessionsEnded: number | null;
  @Field(() => [UserError], { description: 'Every problem that stopped the change; empty when it succeeded' }) userErrors: UserError[];
}
