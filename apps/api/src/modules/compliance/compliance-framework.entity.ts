import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';

@ObjectType({ implements: Node, description: 'A compliance framework the tenant works towards (e.g. SOC 2), with its requirement tree and computed score' })
@Entity('compliance_frameworks')
export class ComplianceFramework implements Node {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID, { description: 'Global id of the framework (use with node(id:) and in inputs)' })
  get id(): string {
    return toGlobalId('ComplianceFramework', this.uuid);
  }

  @Column('uuid') tenantId: string;
  @Field({ description: 'Display name, unique in the tenant (1-120 characters)' }) @Column('text') name: string;
  @Field({ description: 'Version of the standard, e.g. "2022"; empty when none' }) @Column('text') version: string;
  @Field({ description: 'What the framework covers; for templates, also which levels of the standard are included' }) @Column('text') description: string;
  @Field(() => String, { nullable: true, description: 'The bundled template it was created from; null when made by hand' })
  @Column('text', { nullable: true })
  templateKey: string | null;
  @Field({ description: 'Disabled frameworks keep their data but are left out of overviews' }) @Column('boolean') enabled: boolean;
  @Field(() => GraphQLLocalDate, { nullable: true, description: 'When the tenant was last certified against it' })
  @Column('date', { nullable: true })
  certifiedOn: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true, description: 'When the certification expires' }) @Column('date', { nullable: true }) expiresOn:
    string | null;
  @Field(() => String, { nullable: true, description: 'Who audits or certified it (a firm or person)' }) @Column('text', { nullable: true }) auditor:
    string | null;
  @Column('numeric', { name: 'score', nullable: true }) storedScore: string | null;
  @Field(() => Int, { description: 'Requirements in the tree, at every level' }) @Column('int') requirementCount: number;
  @Field(() => Int, { description: 'Leaf requirements in scope (applicable), the ones the score counts' })
  @Column('int', { name: 'applicable_count' })
  applicableRequirementCount: number;
  @Field(() => Int, { description: 'Leaf requirements in scope that are met (or exempted)' }) @Column('int', { name: 'met_count' }) metRequirementCount: number;
  @Field(() => Date, { nullable: true, description: 'When the score was last computed (it is recomputed whenever something it depends on changes)' })
  @Column('timestamptz', { nullable: true })
  lastAssessedAt: Date | null;
  @Column('uuid', { nullable: true }) createdById: string | null;
  @Field({ description: 'When the framework was added' }) @Column('timestamptz') createdAt: Date;
  @Field({ description: 'When its settings last changed' }) @Column('timestamptz') updatedAt: Date;

  @Field(() => Float, {
    nullable: true,
    description: 'Weighted share of met leaf requirements in scope, 0-100 (two decimals); null when nothing is applicable',
  })
  get score(): number | null {
    return this.storedScore == null ? null : Number(this.storedScore);
  }
}

@ObjectType({ description: "One day of a framework's score history (the daily snapshot)" })
export class ComplianceScorePoint {
  @Field(() => GraphQLLocalDate, { description: 'The day (UTC)' }) day: string;
  @Field(() => Float, { nullable: true, description: 'The score that day, 0-100; null when nothing was applicable' }) score: number | null;
  @Field(() => Int, { description: 'Met leaf requirements that day' }) metRequirementCount: number;
  @Field(() => Int, { description: 'Leaf requirements in scope that day' }) applicableRequirementCount: number;
}

@ObjectType({ description: 'A bundled framework template: real requirement identifiers and titles of a published standard' })
export class ComplianceFrameworkTemplate {
  @Field({ description: 'Key to pass to complianceFrameworkCreateFromTemplate, e.g. "soc2"' }) key: string;
  @Field({ description: 'Name of the standard' }) name: string;
  @Field({ description: 'Version or edition of the standard' }) version: string;
  @Field({ description: 'What it covers and which levels of the standard the template includes' }) description: string;
  @Field(() => Int, { description: 'Requirements the template creates, at every level' }) requirementCount: number;
}
