import { IsEmail, Length, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class SessionCreateInput {
  @Field() @IsEmail({}, { message: 'email must be an email address' }) @MaxLength(254) email: string;
  @Field() @Length(1, 200) password: string;
  @Field({ nullable: true, description: 'Tenant to act in; defaults to the oldest membership' }) @MaxLength(40) tenantSlug?: string;
  @Field({ defaultValue: false, description: 'Also return the refresh token in the payload (for clients without cookies)' })
  refreshTokenInBody: boolean;
}

@InputType()
export class SessionRefreshInput {
  @Field({ nullable: true, description: 'Defaults to the refresh cookie' }) @MaxLength(200) refreshToken?: string;
  @Field({ defaultValue: false }) refreshTokenInBody: boolean;
}

@InputType()
export class SessionRevokeInput {
  @Field({ nullable: true, description: 'Defaults to the refresh cookie, then to the current access token\'s session' })
  @MaxLength(200)
  refreshToken?: string;
}

@InputType()
export class SessionTenantSwitchInput {
  @Field(() => ID) tenantId: string;
}
