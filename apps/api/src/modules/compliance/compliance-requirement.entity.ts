import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';

export enum ComplianceRequirementStatus {
  MET = 'met',
  NOT_MET = 'not_met',
  NOT_APPLICABLE = 'not_applicable',
  EXEMPTED = 'exempted',
}
registerEnumType(ComplianceRequirementStatus, {
  name: 'ComplianceRequirementStatus',
  description: 'Where a requirement stands, as last computed from its controls, children, evidence and exceptions',
  valuesConfig: {
    MET: { description: 'Every control mapped to it passes and every applicable child is met' },
    NOT_MET: { description: 'A control fails, a child is not met, required evidence is missing, or nothing covers it yet' },
    NOT_APPLICABLE: { description: 'Marked not applicable (itself or an ancestor); left out of the score' },
    EXEMPTED: { description: 'An active exception covers it; it counts as met until the exception expires' },
  },
});

@ObjectType({ implements: Node, description: 'One requirement of a framework (e.g. SOC 2 CC6.1); requirements form a tree' })
@Entity('compliance_requirements')
export class ComplianceRequirement implements Node {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID, { description: 'Global id of the requirement' })
  get id(): string {
    return toGlobalId('ComplianceRequirement', this.uuid);
  }

  @Column('uuid') tenantId: string;
  @Column('uuid') frameworkId: string;
  @Column('uuid', { nullable: true }) parentId: string | null;
  @Field({ description: 'Identifier in the standard, e.g. "CC6.1", "A.5.15", "GOVERN 1", "Art. 9"; unique in its framework' }) @Column('text') code: string;
  @Field({ description: 'Title (or text) of the requirement as the standard words it' }) @Column('text') title: string;
  @Field({ description: "The tenant's own notes on the requirement; empty when none" }) @Column('text') description: string;
  @Field(() => Int, { description: 'Level in the tree: 0 for top-level requirements' }) @Column('int') depth: number;
  @Field(() => Int, { description: 'Order among its siblings' }) @Column('int') position: number;
  @Column('numeric', { name: 'weight' }) storedWeight: string;
  @Field({ description: 'Whether the requirement is met only when one of its controls has approved evidence' }) @Column('boolean') evidenceRequired: boolean;
  @Field({ description: 'False when marked not applicable (it and its children are then left out of the score)' }) @Column('boolean') applicable: boolean;
  @Field(() => String, { nullable: true, description: 'Why it was marked not applicable' })
  @Column('text', { nullable: true })
  notApplicableReason: string | null;
  @Column('uuid', { nullable: true }) responsibleId: string | null;
  @Field(() => ComplianceRequirementStatus, { description: 'Where it stands, as last computed (never computed on read)' })
  @Column('text')
  status: ComplianceRequirementStatus;
  @Field({ description: 'When the requirement was added' }) @Column('timestamptz') createdAt: Date;

  @Field(() => Float, { description: "Weight in the framework's score (default 1)" })
  get weight(): number {
    return Number(this.storedWeight);
  }
}
