import { ArrayMaxSize, IsOptional, Length, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { Role } from '../../auth/roles';

@InputType({ description: "Sets up or changes the tenant's OpenID Connect provider; fields left out keep their value" })
export class SsoConnectionSaveInput {
  @Field({ nullable: true, description: 'Issuer URL of the provider (https; plain http only outside production)' })
  @IsOptional()
  @Length(8, 500)
  issuer?: string;
  @Field({ nullable: true, description: 'Client id registered at the provider' }) @IsOptional() @Length(1, 300) clientId?: string;
  @Field({ nullable: true, description: 'Client secret: stored encrypted, never shown again; an empty string removes it (public client)' })
  @IsOptional()
  @MaxLength(500)
  clientSecret?: string;
  @Field(() => [String], { nullable: true, description: 'Email domains that may sign in, e.g. acme.test; at least one' })
  @IsOptional()
  @ArrayMaxSize(20)
  allowedDomains?: string[];
  @Field(() => Role, { nullable: true, description: 'Role of people who join by signing in (not ADMIN)' }) @IsOptional() defaultRole?: Role;
  @Field({ nullable: true, description: "Refuse passwords for the tenant's members" }) @IsOptional() ssoOnly?: boolean;
  @Field({ nullable: true, description: 'Offer sign-in through the provider' }) @IsOptional() enabled?: boolean;
}

@InputType({ description: 'Starts a sign-in through a tenant’s identity provider' })
export class SsoSignInStartInput {
  @Field({ description: 'The tenant to sign in to, by its slug (e.g. acme)' }) @Length(1, 100) tenantSlug: string;
  @Field({ description: 'Where the provider sends the browser back: the web app’s /sso/callback, registered at the provider' })
  @Length(8, 2000)
  redirectUri: string;
  @Field({ description: 'A random value (32 to 200 characters) the browser keeps until it completes the sign-in; binds the sign-in to it' })
  @Length(32, 200)
  browserKey: string;
}

@InputType({ description: 'Completes a sign-in through the identity provider' })
export class SsoSignInCompleteInput {
  @Field({ description: 'The whole URL the provider sent the browser back to (with code and state)' }) @Length(8, 4000) callbackUrl: string;
  @Field({ description: 'The browser key given when the sign-in started' }) @Length(32, 200) browserKey: string;
  @Field({ defaultValue: false, description: 'Return the refresh token in the payload too (non-browser clients)' }) refreshTokenInBody: boolean;
}
