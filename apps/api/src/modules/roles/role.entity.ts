import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { PermissionName } from '../../auth/permissions';
import { Role } from '../../auth/roles';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';

/** A tenant's own role: a named set of permissions, held by members and API keys instead of a system role. */
@ObjectType({ implements: Node, description: "A tenant's own role: a named set of permissions, assigned to members and API keys" })
@Entity('roles')
export class CustomRole implements Node {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID, { description: 'Global id of the role (use with node(id:) and in inputs)' })
  get id(): string {
    return toGlobalId('CustomRole', this.uuid);
  }

  @Column('uuid') tenantId: string;
  @Field({ description: 'Display name, unique in the tenant ignoring case, e.g. "Agent operator"' }) @Column('text') name: string;
  @Field({ description: 'What the role is for' }) @Column('text') description: string;
  @Field(() => [PermissionName], { description: 'What holders of the role may do, beyond reading the inventory every member reads' })
  @Column('text', { array: true })
  permissions: PermissionName[];
  @Column('uuid', { nullable: true }) createdById: string | null;
  @Column('uuid', { nullable: true }) updatedById: string | null;
  @Field({ description: 'When it was created (UTC)' }) @Column('timestamptz') createdAt: Date;
  @Field({ description: 'When it was last changed (UTC)' }) @Column('timestamptz') updatedAt: Date;
}

@ObjectType({ description: 'A built-in role: a fixed set of permissions, not editable' })
export class SystemRole {
  @Field(() => Role, { description: 'The role' }) role: Role;
  @Field({ description: 'What the role is for' }) description: string;
  @Field(() => [PermissionName], { description: 'What holders of the role may do, beyond reading the inventory every member reads' })
  permissions: PermissionName[];
}

@ObjectType({ description: 'A named permission: what it allows, and which system roles hold it' })
export class PermissionInfo {
  @Field(() => PermissionName, { description: 'The permission' }) name: PermissionName;
  @Field({ description: 'What it allows' }) description: string;
  @Field(() => [Role], { description: 'The system roles that hold it' }) systemRoles: Role[];
  @Field(() => [PermissionName], { description: 'Permissions a role holding this one has with it (reading money includes the budgets it is spent against)' })
  implies: PermissionName[];
}
