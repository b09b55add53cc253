import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { toGlobalId } from '../../graphql/global-id';

export enum SignInMethod {
  PASSWORD = 'password',
  SSO = 'sso',
}

registerEnumType(SignInMethod, {
  name: 'SignInMethod',
  description: 'How a session signed in',
  valuesConfig: {
    PASSWORD: { description: 'Email and password' },
    SSO: { description: "The tenant's single sign-on (OpenID Connect)" },
  },
});

/** One signed-in device: a session family, from its sign-in through every refresh of its tokens. */
@ObjectType({ description: 'A place where the signed-in user is signed in (one browser or client), from sign-in until it ends' })
export class Session {
  familyId: string;

  @Field(() => ID, { description: 'Opaque id; pass it to sessionEnd' })
  get id(): string {
    return toGlobalId('Session', this.familyId);
  }

  @Field({ description: 'Browser and operating system read from the user agent, e.g. "Firefox on Linux"; "Unknown device" when none was sent' })
  device: string;
  @Field(() => String, { nullable: true, description: 'The user agent the client sent at its last sign-in or refresh' }) userAgent: string | null;
  @Field(() => String, { nullable: true, description: 'The IP address of its last sign-in or refresh' }) ip: string | null;
  @Field(() => SignInMethod, { description: 'How it signed in' }) method: SignInMethod;
  @Field({ description: 'When it signed in (UTC)' }) createdAt: Date;
  @Field({ description: 'When it last signed in or refreshed its access token (UTC); access tokens last minutes, so this trails real use by at most that' })
  lastUsedAt: Date;
  @Field({ description: 'When it ends unless refreshed (UTC)' }) expiresAt: Date;
  @Field({ description: 'True for the session making this request' }) current: boolean;
}
