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
registerEnumType(InvitationStatus, { name: 'InvitationStatus' });

@ObjectType({ implements: Node, description: 'An invitation to join a tenant with a role; its token is shown once' })
@Entity('invitations')
export class Invitation implements Node {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID)
  get id(): string {
    return toGlobalId('Invitation', this.uuid);
  }

  @Column('uuid') tenantId: string;
  @Field() @Column('text') email: string;
  @Field(() => Role) @Column('text') role: Role;
  @Column('text', { select: false }) tokenHash: string;
  @Column('text') status: InvitationStatus;

  @Field(() => InvitationStatus, { description: 'A pending invitation past its expiry reads as expired' })
  get effectiveStatus(): InvitationStatus {
    return this.status === InvitationStatus.PENDING && this.expiresAt.getTime() <= Date.now() ? InvitationStatus.EXPIRED : this.status;
  }

  @Field() @Column('timestamptz') expiresAt: Date;
  @Column('uuid', { nullable: true }) invitedById: string | null;
  @Field(() => Date, { nullable: true }) @Column('timestamptz', { nullable: true }) acceptedAt: Date | null;
  @Field() @Column('timestamptz') createdAt: Date;
}
