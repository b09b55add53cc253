import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Role } from '../../auth/roles';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';

export enum InvitationStatus {
  PENDING = 'pending',
  ACCEPTED = 'accepted',
  REVOKED = 'revoked',
  EXPIRED = 'expired',
}
registerEnumType(InvitationStatus, {
  name: 'InvitationStatus',
  description: 'Where an invitation stands',
  valuesConfig: {
    PENDING: { description: 'Sent and not yet accepted, revoked or expired' },
    ACCEPTED: { description: 'The invited person joined the tenant' },
    REVOKED: { description: 'An admin withdrew it; the token no longer works' },
    EXPIRED: { description: 'Not accepted before expiresAt; the token no longer works' },
  },
});

@ObjectType({ implements: Node, description: 'An invitation to join a tenant with a role; its token is shown once' })
@Entity('invitations')
export class Invitation implements Node {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID, { description: 'Opaque global id; pass it to node(id:) or to mutations' })
  get id(): string {
    return toGlobalId('Invitation', this.uuid);
  }

  @Column('uuid') tenantId: string;
  @Field({ description: 'Address the invitation was sent to; only this person can accept it' }) @Column('text') email: string;
  @Field(() => Role, { nullable: true, description: 'System role the person gets in the tenant on accepting; null when the invitation gives a custom role' })
  @Column('text', { nullable: true })
  role: Role | null;
  @Column('uuid', { nullable: true }) customRoleId: string | null;
  @Column('text', { select: false }) tokenHash: string;
  @Column('text') status: InvitationStatus;

  @Field(() => InvitationStatus, { description: 'A pending invitation past its expiry reads as expired' })
  get effectiveStatus(): InvitationStatus {
    return this.status === InvitationStatus.PENDING && this.expiresAt.getTime() <= Date.now() ? InvitationStatus.EXPIRED : this.status;
  }

  @Field({ description: 'After this instant (UTC) the token no longer works' }) @Column('timestamptz') expiresAt: Date;
  @Column('uuid', { nullable: true }) invitedById: string | null;
  @Field(() => Date, { nullable: true, description: 'When it was accepted (UTC); null while not accepted' })
  @Column('timestamptz', { nullable: true })
  acceptedAt: Date | null;
  @Field({ description: 'When it was created (UTC)' }) @Column('timestamptz') createdAt: Date;
}

export enum InvitationLinkStatus {
  PENDING = 'pending',
  ACCEPTED = 'accepted',
  REVOKED = 'revoked',
  EXPIRED = 'expired',
  UNKNOWN = 'unknown',
}
registerEnumType(InvitationLinkStatus, {
  name: 'InvitationLinkStatus',
  description: 'What an invitation link can still do',
  valuesConfig: {
    PENDING: { description: 'It can be accepted' },
    ACCEPTED: { description: 'It was accepted already: sign in instead' },
    REVOKED: { description: 'An admin of the tenant withdrew it' },
    EXPIRED: { description: 'It was not accepted in time' },
    UNKNOWN: { description: 'No invitation has this token: the link is wrong or incomplete' },
  },
});

@ObjectType({ description: 'What an invitation link is for, as its accept page shows it before anyone accepts' })
export class InvitationPreview {
  @Field(() => InvitationLinkStatus, { description: 'Whether the link can still be accepted, and if not why' }) status: InvitationLinkStatus;
  @Field(() => String, { nullable: true, description: 'The invited address; null when the link is unknown' }) email: string | null;
  @Field(() => String, { nullable: true, description: 'The tenant the invitation joins; null when the link is unknown' }) tenantName: string | null;
  @Field(() => String, { nullable: true, description: "The tenant's short name, for signing in to it; null when the link is unknown" })
  tenantSlug: string | null;
  @Field(() => Date, { nullable: true, description: 'When the invitation expires (or expired); null when the link is unknown' }) expiresAt: Date | null;
  @Field({ description: 'True when the invited address already has a Steward account: accepting joins the tenant without a new password' })
  accountExists: boolean;
  @Field({ description: 'True when the tenant signs in with single sign-on only: the invitee continues with SSO instead of setting a password' })
  ssoOnly: boolean;
}
