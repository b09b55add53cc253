import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error';
import { Invitation } from './invitation.entity';

@ObjectType()
export class InvitationCreatePayload {
  @Field(() => Invitation, { nullable: true }) invitation: Invitation | null;
  @Field(() => String, { nullable: true, description: 'The token to send to the invitee: shown only here, once' }) token: string | null;
  @Field(() => [UserError]) userErrors: UserError[];
}

@ObjectType()
export class InvitationRevokePayload {
  @Field(() => Invitation, { nullable: true }) invitation: Invitation | null;
  @Field(() => [UserError]) userErrors: UserError[];
}

@ObjectType({ description: 'After accepting, sign in to act in the tenant' })
export class InvitationAcceptPayload {
  @Field() accepted: boolean;
  @Field(() => String, { nullable: true, description: 'The account that joined' }) email: string | null;
  @Field(() => String, { nullable: true, description: 'The tenant joined' }) tenantName: string | null;
  @Field(() => [UserError]) userErrors: UserError[];
}
