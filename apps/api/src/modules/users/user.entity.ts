import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';

@ObjectType({ implements: Node, description: 'A person who signs in to Steward; may belong to several tenants' })
@Entity('users')
export class User implements Node {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID, { description: 'Opaque global id; pass it to node(id:) or to mutations' })
  get id(): string {
    return toGlobalId('User', this.uuid);
  }

  @Field(() => String, { nullable: true, description: 'Visible to the user and to tenant admins' }) @Column('text') email: string;
  @Field({ description: 'Name shown to the other members of their tenants' }) @Column('text') fullName: string;
  @Field(() => String, { nullable: true, description: 'Optional handle, unique across Steward whatever its case; null when none is chosen' })
  @Column('text', { nullable: true })
  username: string | null;
  @Field(() => String, { nullable: true, description: 'https URL of their picture; null when none is set' }) @Column('text', { nullable: true }) avatarUrl:
    string | null;
  @Column('text', { nullable: true, select: false }) passwordHash: string | null;
  @Field({ description: 'False once the account is deactivated: it can no longer sign in' }) @Column('boolean') isActive: boolean;
  @Field({ description: 'True once the user has proved they own the email address (e.g. by accepting an invitation)' })
  @Column('boolean')
  emailVerified: boolean;
  @Column('boolean') isPlatformAdmin: boolean;
  @Field(() => Date, { nullable: true, description: 'Visible to admins and auditors' })
  @Column('timestamptz', { nullable: true })
  lastLoginAt: Date | null;
  @Column('int', { select: false }) failedLoginCount: number;
  @Column('timestamptz', { nullable: true, select: false }) lockedUntil: Date | null;
  @Field({ description: 'When it was created (UTC)' }) @Column('timestamptz') createdAt: Date;
  @Column('timestamptz') updatedAt: Date;
  /** Who created the account (the inviter); null for the demo seed, single sign-on's just-in-time accounts and accounts from before it was recorded. */
  @Column('uuid', { nullable: true }) createdById: string | null;
  /** Who last changed it: the user themselves, or the admin who deactivated or reactivated it. */
  @Column('uuid', { nullable: true }) updatedById: string | null;
  @Column('timestamptz', { nullable: true }) deletedAt: Date | null;
}
