import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';

export enum ComplianceReviewFrequency {
  MONTHLY = 'monthly',
  QUARTERLY = 'quarterly',
  SEMIANNUALLY = 'semiannually',
  ANNUALLY = 'annually',
}
registerEnumType(ComplianceReviewFrequency, {
  name: 'ComplianceReviewFrequency',
  description: "How often a control's owner reviews it",
  valuesConfig: {
    MONTHLY: { description: 'Every month' },
    QUARTERLY: { description: 'Every three months' },
    SEMIANNUALLY: { description: 'Every six months' },
    ANNUALLY: { description: 'Every year' },
  },
});

const MONTHS: Record<ComplianceReviewFrequency, number> = { monthly: 1, quarterly: 3, semiannually: 6, annually: 12 };

export enum ComplianceControlStatus {
  PASSING = 'passing',
  FAILING = 'failing',
  EXEMPTED = 'exempted',
}
registerEnumType(ComplianceControlStatus, {
  name: 'ComplianceControlStatus',
  description: 'Whether a control currently holds, as last computed',
  valuesConfig: {
    PASSING: { description: 'Its automated checks pass and, when evidence is required, it has approved evidence not past renewal' },
    FAILING: { description: 'An automated check fails, or required evidence is missing, unapproved or expired' },
    EXEMPTED: { description: 'An active exception covers it; it counts as passing until the exception expires' },
  },
});

@ObjectType({ implements: Node, description: "One of the tenant's own measures, mapped to requirements in any number of frameworks" })
@Entity('compliance_controls')
export class ComplianceControl implements Node {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID, { description: 'Global id of the control' })
  get id(): string {
    return toGlobalId('ComplianceControl', this.uuid);
  }

  @Column('uuid') tenantId: string;
  @Field({ description: 'Display name, unique in the tenant (1-160 characters)' }) @Column('text') name: string;
  @Field({ description: 'What the measure is and how it is carried out' }) @Column('text') description: string;
  @Column('uuid', { nullable: true }) ownerId: string | null;
  @Field(() => ComplianceReviewFrequency, { description: 'How often its owner reviews it' }) @Column('text') reviewFrequency: ComplianceReviewFrequency;
  @Field({ description: 'Whether it needs approved evidence to pass (an automated control may rely on its checks alone)' })
  @Column('boolean')
  evidenceRequired: boolean;
  @Field(() => Date, { nullable: true, description: 'When its owner last marked it reviewed' })
  @Column('timestamptz', { nullable: true })
  lastReviewedAt: Date | null;
  @Field(() => ComplianceControlStatus, { description: 'Whether it holds, as last computed (never computed on read)' })
  @Column('text')
  status: ComplianceControlStatus;
  @Field(() => Boolean, { nullable: true, description: 'Whether its automated checks pass; null for a manual control' })
  @Column('boolean', { nullable: true })
  automatedPassing: boolean | null;
  @Field({ description: 'Whether it has approved evidence not past its renewal date' }) @Column('boolean') evidencePassing: boolean;
  @Field(() => Date, { nullable: true, description: 'When its computed state (status, checks, evidence) last changed' })
  @Column('timestamptz', { nullable: true })
  statusComputedAt: Date | null;
  @Column('uuid', { nullable: true }) createdById: string | null;
  @Field({ description: 'When the control was created' }) @Column('timestamptz') createdAt: Date;
  @Field({ description: 'When it last changed' }) @Column('timestamptz') updatedAt: Date;

  @Field(() => GraphQLLocalDate, { description: 'When the next review is due: the last review (or creation) plus the review frequency' })
  get nextReviewDue(): string {
    const from = new Date(this.lastReviewedAt ?? this.createdAt);
    from.setUTCMonth(from.getUTCMonth() + MONTHS[this.reviewFrequency]);
    return from.toISOString().slice(0, 10);
  }
}
