import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';

export enum ComplianceRecordKind {
  AML = 'aml',
  KYC = 'kyc',
  OFAC = 'ofac',
  CUSTOM = 'custom',
}
registerEnumType(ComplianceRecordKind, {
  name: 'ComplianceRecordKind',
  description: 'Which check a compliance record is',
  valuesConfig: {
    AML: { description: 'Anti-money-laundering check' },
    KYC: { description: 'Know-your-customer (or supplier) check' },
    OFAC: { description: 'Sanctions screening against the OFAC lists' },
    CUSTOM: { description: "A check of the tenant's own, named in customKind" },
  },
});

export enum ComplianceRecordSubjectKind {
  AGENT = 'agent',
  VENDOR_MODEL = 'vendor_model',
  PERSON = 'person',
  ORGANISATION = 'organisation',
}
registerEnumType(ComplianceRecordSubjectKind, {
  name: 'ComplianceRecordSubjectKind',
  description: 'What a compliance record checks',
  valuesConfig: {
    AGENT: { description: 'One of the tenant’s agents' },
    VENDOR_MODEL: { description: "A vendor's AI model" },
    PERSON: { description: 'A person named in data' },
    ORGANISATION: { description: 'An organisation named in data' },
  },
});

export enum ComplianceRecordStatus {
  PENDING = 'pending',
  APPROVED = 'approved',
  REJECTED = 'rejected',
  FLAGGED = 'flagged',
}
registerEnumType(ComplianceRecordStatus, {
  name: 'ComplianceRecordStatus',
  description: 'Where a compliance record stands; every decision is by someone other than its creator (four eyes)',
  valuesConfig: {
    PENDING: { description: 'Waiting for a second person to review it' },
    APPROVED: { description: 'Cleared by a reviewer' },
    REJECTED: { description: 'Refused by a reviewer' },
    FLAGGED: { description: 'Raised for attention by a reviewer; an alert was raised' },
  },
});

@ObjectType({ implements: Node, description: 'An AML, KYC, OFAC or custom check on a subject, reviewed by a second person' })
@Entity('compliance_records')
export class ComplianceRecord implements Node {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID, { description: 'Global id of the record' })
  get id(): string {
    return toGlobalId('ComplianceRecord', this.uuid);
  }

  @Column('uuid') tenantId: string;
  @Field(() => ComplianceRecordKind, { description: 'Which check it is' }) @Column('text') kind: ComplianceRecordKind;
  @Field(() => String, { nullable: true, description: 'Name of the check, for CUSTOM records' }) @Column('text', { nullable: true }) customKind: string | null;
  @Field(() => ComplianceRecordSubjectKind, { description: 'What it checks' }) @Column('text') subjectKind: ComplianceRecordSubjectKind;
  @Field({ description: 'Name of the subject as checked' }) @Column('text') subjectName: string;
  @Column('uuid', { nullable: true }) agentId: string | null;
  @Field(() => ComplianceRecordStatus, { description: 'Where it stands' }) @Column('text') status: ComplianceRecordStatus;
  /** riskScore and data are resolved by the resolver, which audits each read. */
  @Column('int') riskScore: number;
  @Column('jsonb')
  data: Record<string, unknown>;
  @Column('uuid', { nullable: true }) createdById: string | null;
  @Column('uuid', { nullable: true }) reviewedById: string | null;
  @Field(() => Date, { nullable: true, description: 'When it was reviewed' }) @Column('timestamptz', { nullable: true }) reviewedAt: Date | null;
  @Field(() => String, { nullable: true, description: "The reviewer's note" }) @Column('text', { nullable: true }) reviewNote: string | null;
  @Field({ description: 'When it was created' }) @Column('timestamptz') createdAt: Date;
  @Field({ description: 'When it last changed' }) @Column('timestamptz') updatedAt: Date;
}
