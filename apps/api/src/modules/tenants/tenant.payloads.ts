import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error';
import { Invitation } from '../invitations';
import { Tenant } from './tenant.entity';

@ObjectType({ description: 'Result of a tenant mutation' })
export class TenantPayload {
  @Field(() => Tenant, { nullable: true, description: 'The tenant as it is now; null when userErrors refused the change' }) tenant: Tenant | null;
  @Field(() => [UserError], { description: 'Every problem that stopped the change; empty when it succeeded' }) userErrors: UserError[];
}

@ObjectType({ description: 'Result of tenantCreate: the tenant and, when adminEmail was given, the first admin invitation' })
export class TenantCreatePayload extends TenantPayload {
  @Field(() => Invitation, { nullable: true, description: "The first admin's invitation, when adminEmail was given" })
  adminInvitation: Invitation | null;
  @Field(() => String, { nullable: true, description: 'The invitation token: shown only here, once' })
  adminInvitationToken: string | null;
}
