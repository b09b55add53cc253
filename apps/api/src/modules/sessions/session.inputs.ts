import { IsEmail, Length, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'Email and password sign-in' })
export class SessionCreateInput {
  @Field({ description: 'The email address the account was created with (case-insensitive)' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email: string;
  @Field({ description: 'The account password; never logged or stored in clear' }) @Length(1, 200) password: string;
  @Field({ nullable: true, description: 'Tenant to act in; defaults to the oldest membership' }) @MaxLength(40) tenantSlug?: string;
  @Field({ defaultValue: false, description: 'Also return the refresh token in the payload (for clients without cookies)' })
  refreshTokenInBody: boolean;
}

@InputType({ description: 'Which refresh token to exchange' })
export class SessionRefreshInput {
  @Field({ nullable: true, description: 'Defaults to the refresh cookie' }) @MaxLength(200) refreshToken?: string;
  @Field({ defaultValue: false, description: 'Also return the new refresh token in the payload (for clients without cookies)' }) refreshTokenInBody: boolean;
}

@InputType({ description: 'Which session to end' })
export class SessionRevokeInput {
  @Field({ nullable: true, description: "Defaults to the refresh cookie, then to the current access token's session" })
  @MaxLength(200)
  refreshToken?: string;
}

@InputType({ description: 'The tenant to act in next' })
export class SessionTenantSwitchInput {
  @Field(() => ID, { description: 'Global id of a tenant the signed-in user is a member of' }) tenantId: string;
}

@InputType({ description: 'One of your sessions to end' })
export class SessionEndInput {
  @Field(() => ID, { description: 'The id of a session from sessions' }) sessionId: string;
}
