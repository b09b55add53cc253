import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';
import { AgentRole } from '../agents';

export enum SkillCategory {
  PRODUCTIVITY = 'productivity',
  ANALYTICS = 'analytics',
  ENGINEERING = 'engineering',
  COMMUNICATION = 'communication',
}
registerEnumType(SkillCategory, {
  name: 'SkillCategory',
  description: 'What kind of work a skill helps an agent with',
  valuesConfig: {
    PRODUCTIVITY: { description: 'Documents, calendars, task tracking' },
    ANALYTICS: { description: 'Querying and summarising data' },
    ENGINEERING: { description: 'Code, repositories, builds and deployments' },
    COMMUNICATION: { description: 'Messaging, email and chat' },
  },
});

export enum SkillStatus {
  DRAFT = 'draft',
  PUBLISHED = 'published',
  DEPRECATED = 'deprecated',
  REMOVED = 'removed',
}
registerEnumType(SkillStatus, {
  name: 'SkillStatus',
  description: 'draft → published → deprecated; only published skills can be installed',
  valuesConfig: {
    DRAFT: { description: 'Being prepared; roles and permissions can still change; not installable' },
    PUBLISHED: { description: 'Available to install' },
    DEPRECATED: { description: 'Kept on the agents that have it; no new installs' },
    REMOVED: { description: 'Withdrawn from the marketplace; hidden from lists unless asked for' },
  },
});

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
  @Field({ description: 'Name shown in the marketplace, unique within the tenant' }) @Column('text') name: string;
  @Field({ description: 'What the skill does, in prose; empty string when none was given' }) @Column('text') description: string;
  @Field(() => SkillCategory, { description: 'What kind of work it helps with' }) @Column('text') category: SkillCategory;
  @Field({ description: 'Version label chosen by its author, e.g. "1.2.0"' }) @Column('text') version: string;
  @Field(() => [AgentRole], { description: 'Roles of the agents it can be installed on' })
  @Column('text', { array: true })
  compatibleRoles: AgentRole[];
  @Field(() => [String], { description: 'What it asks to be granted on install, e.g. "read:repo"' })
  @Column('text', { array: true })
  permissions: string[];
  @Column('numeric') rating: string;
  @Field(() => Int, { description: 'Agents it is installed on' }) @Column('integer') installCount: number;
  @Field(() => SkillStatus, { description: 'Where it is in its lifecycle' }) @Column('text') status: SkillStatus;
  @Column('uuid', { nullable: true }) createdById: string | null;
  @Field({ description: 'When it was created (UTC)' }) @Column('timestamptz') createdAt: Date;
  @Field({ description: 'When it was last changed (UTC)' }) @Column('timestamptz') updatedAt: Date;

  @Field(() => Float, { name: 'rating', description: 'Average review, 0 to 5' })
  get ratingScore(): number {
    return Number(this.rating);
  }
}
