import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';
import { AgentRole } from '../agents';

export enum SkillCategory { PRODUCTIVITY = 'productivity', ANALYTICS = 'analytics', ENGINEERING = 'engineering', COMMUNICATION = 'communication' }
registerEnumType(SkillCategory, { name: 'SkillCategory' });

export enum SkillStatus { DRAFT = 'draft', PUBLISHED = 'published', DEPRECATED = 'deprecated', REMOVED = 'removed' }
registerEnumType(SkillStatus, { name: 'SkillStatus', description: 'draft → published → deprecated; only published skills can be installed' });

@ObjectType({ implements: Node, description: "A skill of the tenant's marketplace that agents can have installed" })
@Entity('skills')
export class Skill implements Node {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID, { description: 'Opaque global id; pass it to node(id:) or to mutations' })
  get id(): string {
    return toGlobalId('Skill', this.uuid);
  }

  @Column('uuid') tenantId: string;
  @Field() @Column('text') name: string;
  @Field() @Column('text') description: string;
  @Field(() => SkillCategory) @Column('text') category: SkillCategory;
  @Field() @Column('text') version: string;
  @Field(() => [AgentRole], { description: 'Roles of the agents it can be installed on' })
  @Column('text', { array: true })
  compatibleRoles: AgentRole[];
  @Field(() => [String], { description: 'What it asks to be granted on install, e.g. "read:repo"' })
  @Column('text', { array: true })
  permissions: string[];
  @Column('numeric') rating: string;
  @Field(() => Int, { description: 'Agents it is installed on' }) @Column('integer') installCount: number;
  @Field(() => SkillStatus) @Column('text') status: SkillStatus;
  @Column('uuid', { nullable: true }) createdById: string | null;
  @Field({ description: 'When it was created (UTC)' }) @Column('timestamptz') createdAt: Date;
  @Field({ description: 'When it was last changed (UTC)' }) @Column('timestamptz') updatedAt: Date;

  @Field(() => Float, { name: 'rating', description: 'Average review, 0 to 5' })
  get ratingScore(): number {
    return Number(this.rating);
  }
}
