import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error';
import { Invitation } from '../invitations';
import { Tenant } from './tenant.entity';

@ObjectType()
export class TenantPayload {
  @Field(() => Tenant, { nullable: true }) tenant: Tenant | null;
  @Field(() => [UserError]) userErrors: UserError[];
}

@ObjectType()
export class TenantCreatePayload extends TenantPayload {
  @Field(() => Invitation, { nullable: true, description: 'The first admin\'s invitation, when adminEmail was given' })
  adminInvitation: Invitation | null;
  @Field(() => String, { nullable: true, description: 'The invitation token: shown only here, once' })
  adminInvitationToken: string | null;
}
