import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error';
import { SsoConnection } from './sso.entity';

@ObjectType({ description: 'The SSO connection after the change, or why it was refused' })
export class SsoConnectionPayload {
  @Field(() => SsoConnection, { nullable: true, description: 'The connection as it is now; null when refused' }) ssoConnection: SsoConnection | null;
  @Field(() => [UserError], { description: 'Every problem that stopped the change; empty when it succeeded' }) userErrors: UserError[];
}

@ObjectType({ description: 'Where to send the browser to sign in at the identity provider, or why not' })
export class SsoSignInStartPayload {
  @Field(() => String, { nullable: true, description: "The provider's authorization URL (code flow with PKCE); null when refused" })
  authorizationUrl: string | null;
  @Field(() => [UserError], { description: 'Every problem that stopped the sign-in; empty when it can go on' }) userErrors: UserError[];
}
