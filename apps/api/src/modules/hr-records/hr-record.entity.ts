import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';

export enum HrRecordKind {
  CANDIDATE = 'candidate',
  EMPLOYEE = 'employee',
  PERFORMANCE = 'performance',
}
registerEnumType(HrRecordKind, {
  name: 'HrRecordKind',
  description: 'What an HR record is; each kind has its own JSON schema for data',
  valuesConfig: {
    CANDIDATE: { description: 'Someone applying for a position' },
    EMPLOYEE: { description: 'Someone employed by the tenant' },
    PERFORMANCE: { description: "A review of an employee's performance" },
  },
});

export enum HrRecordStatus {
  ACTIVE = 'active',
  INACTIVE = 'inactive',
  PENDING = 'pending',
}
registerEnumType(HrRecordStatus, {
  name: 'HrRecordStatus',
  description: 'Where an HR record stands',
  valuesConfig: {
    ACTIVE: { description: 'In use' },
    INACTIVE: { description: 'Kept, no longer in use' },
    PENDING: { description: 'Not yet in use (e.g. a candidate not yet assessed)' },
  },
});

/**
 * An HR record. Its personal fields (subjectName, subjectEmail, data) are stored only sealed with STEWARD_DATA_KEYS
 * and are resolved by hr-record.personal.ts: null for callers who may not read them (see personalFieldsVisible).
 */
@ObjectType({
  implements: Node,
  description:
    'A candidate, employee or performance record about a person. Its personal fields (subjectName, subjectEmail, data) are null unless the caller ' +
    "holds hr.read_pii (HR managers; admins when the tenant's HR settings allow); every read of them is audited",
})
@Entity('hr_records')
export class HrRecord implements Node {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID, { description: 'Global id of the record' })
  get id(): string {
    return toGlobalId('HrRecord', this.uuid);
  }

  @Column('uuid') tenantId: string;
  @Field(() => HrRecordKind, { description: 'What it is' }) @Column('text') kind: HrRecordKind;
  @Field(() => HrRecordStatus, { description: 'Where it stands' }) @Column('text') status: HrRecordStatus;
  @Column('text') subjectNameSealed: string;
  @Column('text') subjectEmailSealed: string;
  @Column('text') dataSealed: string;
  /** Blind index of the subject (hr-record.index.ts); null until indexed (rows from before migration 17697400000000). */
  @Column('text', { nullable: true }) subjectEmailIndex: string | null;
  @Column('text', { array: true, nullable: true }) subjectNameIndex: string[] | null;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'What partner apps (AI) concluded about the record; null until one has written it' })
  @Column('jsonb', { nullable: true })
  aiInsights: Record<string, unknown> | null;
  @Field(() => Date, { nullable: true, description: 'When AI insights were last written' })
  @Column('timestamptz', { nullable: true })
  aiInsightsAt: Date | null;
  @Column('uuid', { nullable: true }) createdById: string | null;
  @Column('uuid', { nullable: true }) createdByApiKeyId: string | null;
  @Field({ description: 'When it was created' }) @Column('timestamptz') createdAt: Date;
  @Field({ description: 'When it last changed' }) @Column('timestamptz') updatedAt: Date;
}

/** A tenant's HR settings (one row per tenant, absent until first changed). */
@Entity('hr_settings')
export class HrSettingsRow {
  @PrimaryColumn('uuid') tenantId: string;
  @Column('boolean') adminsReadPersonal: boolean;
  @Column('uuid', { nullable: true }) updatedById: string | null;
  @Column('timestamptz') updatedAt: Date;
}

@ObjectType({ description: "The tenant's HR settings" })
export class HrSettings {
  @Field({ description: "Whether admins read HR records' personal fields (HR managers always do); off unless an admin turns it on" })
  adminsReadPersonal: boolean;
}

@ObjectType({ description: 'The JSON schema that the data of one kind of HR record follows (draft 7); forms are built from it' })
export class HrRecordDataSchema {
  @Field(() => HrRecordKind, { description: 'The kind of record' }) kind: HrRecordKind;
  @Field(() => GraphQLJSONObject, { description: 'The JSON schema of its data' }) schema: Record<string, unknown>;
}
