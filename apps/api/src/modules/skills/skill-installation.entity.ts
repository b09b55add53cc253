import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';

@ObjectType({ implements: Node, description: 'A skill installed on an agent, with the permissions granted to it' })
@Entity('skill_installations')
export class SkillInstallation implements Node {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID, { description: 'Opaque global id; pass it to node(id:) or to mutations' })
  get id(): string {
    return toGlobalId('SkillInstallation', this.uuid);
  }

  @Column('uuid') tenantId: string;
  @Column('uuid') agentId: string;
  @Column('uuid') skillId: string;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Settings of this installation; for admins and developers' })
  @Column('jsonb')
  config: Record<string, unknown>;
  @Field(() => [String], { description: 'Permissions granted to the skill on this agent, e.g. "read:repo"' })
  @Column('text', { array: true })
  grantedPermissions: string[];
  @Column('uuid', { nullable: true }) installedById: string | null;
  @Field({ description: 'When it was installed (UTC)' }) @Column('timestamptz') installedAt: Date;
}
