import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error';
import { Invitation } from './invitation.entity';

@ObjectType({ description: 'Result of invitationCreate' })
export class InvitationCreatePayload {
  @Field(() => Invitation, { nullable: true, description: 'The new pending invitation; null when userErrors refused it' }) invitation: Invitation | null;
  @Field(() => String, { nullable: true, description: 'The token to send to the invitee: shown only here, once' }) token: string | null;
  @Field(() => String, { nullable: true, description: 'The accept link emailed to the invitee (it carries the token): shown only here, once' })
  acceptUrl: string | null;
  @Field(() => [UserError], { description: 'Every problem that stopped the change; empty when it succeeded' }) userErrors: UserError[];
}

@ObjectType({ description: 'Result of invitationRevoke' })
export class InvitationRevokePayload {
  @Field(() => Invitation, { nullable: true, description: 'The invitation, now revoked; null when userErrors refused the change' })
  invitation: Invitation | null;
  @Field(() => [UserError], { description: 'Every problem that stopped the change; empty when it succeeded' }) userErrors: UserError[];
}

@ObjectType({ description: 'After accepting, sign in to act in the tenant' })
export class InvitationAcceptPayload {
  @Field({ description: 'True when the invitation was accepted and the membership created' }) accepted: boolean;
  @Field(() => String, { nullable: true, description: 'The account that joined' }) email: string | null;
  @Field(() => String, { nullable: true, description: 'The tenant joined' }) tenantName: string | null;
  @Field(() => Boolean, { nullable: true, description: 'True when the tenant signs in with single sign-on only: continue with SSO, not a password' })
  ssoOnly: boolean | null;
  @Field(() => [UserError], { description: 'Every problem that stopped the change; empty when it succeeded' }) userErrors: UserError[];
}
