import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Role } from '../../auth/roles';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';
import { User } from '../users';

@ObjectType({ implements: Node, description: "A user's place in a tenant, with one role (system or custom)" })
@Entity('memberships')
export class Membership implements Node {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID, { description: 'Opaque global id; pass it to node(id:) or to mutations' })
  get id(): string {
    return toGlobalId('Membership', this.uuid);
  }

  @Column('uuid') tenantId: string;
  @Column('uuid') userId: string;
  /** Set when the list query joined the user in, so the user loader need not fetch it again. */
  user?: User;
  @Field(() => Role, { nullable: true, description: 'The system role the member holds; null when they hold a custom role instead (customRole)' })
  @Column('text', { nullable: true })
  role: Role | null;
  /** The custom role held instead of a system role. */
  @Column('uuid', { nullable: true }) customRoleId: string | null;
  @Column('uuid', { nullable: true }) assignedById: string | null;
  @Field(() => Date, { nullable: true, description: 'When the current role was assigned; null for roles given before this was recorded' })
  @Column('timestamptz', { nullable: true })
  assignedAt: Date | null;
  @Field({ description: 'When it was created (UTC)' }) @Column('timestamptz') createdAt: Date;
  @Field({ description: 'When it was last changed (UTC)' }) @Column('timestamptz') updatedAt: Date;
}
