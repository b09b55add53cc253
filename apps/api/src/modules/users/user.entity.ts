import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';

@ObjectType({ implements: Node, description: 'A person who signs in to Steward; may belong to several tenants' })
@Entity('users')
export class User implements Node {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID)
  get id(): string {
    return toGlobalId('User', this.uuid);
  }

  @Field(() => String, { nullable: true, description: 'Visible to the user and to tenant admins' }) @Column('text') email: string;
  @Field() @Column('text') fullName: string;
  @Field(() => String, { nullable: true }) @Column('text', { nullable: true }) avatarUrl: string | null;
  @Column('text', { nullable: true, select: false }) passwordHash: string | null;
  @Field() @Column('boolean') isActive: boolean;
  @Field() @Column('boolean') emailVerified: boolean;
  @Column('boolean') isPlatformAdmin: boolean;
  @Field(() => Date, { nullable: true, description: 'Visible to admins and auditors' })
  @Column('timestamptz', { nullable: true })
  lastLoginAt: Date | null;
  @Column('int', { select: false }) failedLoginCount: number;
  @Column('timestamptz', { nullable: true, select: false }) lockedUntil: Date | null;
  @Field() @Column('timestamptz') createdAt: Date;
  @Column('timestamptz') updatedAt: Date;
  @Column('timestamptz', { nullable: true }) deletedAt: Date | null;
}
