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
