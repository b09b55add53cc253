import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';

export enum ComplianceExportStatus {
  QUEUED = 'queued',
  RUNNING = 'running',
  READY = 'ready',
  FAILED = 'failed',
}
registerEnumType(ComplianceExportStatus, {
  name: 'ComplianceExportStatus',
  description: 'Where an auditor export is',
  valuesConfig: {
    QUEUED: { description: 'Waiting for the job queue' },
    RUNNING: { description: 'Being built; see progress' },
    READY: { description: 'Built; download it from downloadPath' },
    FAILED: { description: 'The build failed; see error' },
  },
});

@ObjectType({ implements: Node, description: 'An auditor export package of one framework for a period: a zip of JSON, CSV and evidence files, built by a job' })
@Entity('compliance_exports')
export class ComplianceExport implements Node {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID, { description: 'Global id of the export' })
  get id(): string {
    return toGlobalId('ComplianceExport', this.uuid);
  }

  @Column('uuid') tenantId: string;
  @Column('uuid', { nullable: true }) frameworkId: string | null;
  @Field({ description: 'Name of the framework exported, as it was then' }) @Column('text') frameworkName: string;
  @Field(() => GraphQLLocalDate, { description: 'First day of the period (UTC)' }) @Column('date') periodStart: string;
  @Field(() => GraphQLLocalDate, { description: 'Last day of the period (UTC), inclusive' }) @Column('date') periodEnd: string;
  @Field(() => ComplianceExportStatus, { description: 'Where the build is' }) @Column('text') status: ComplianceExportStatus;
  @Field(() => Int, { description: 'How far the build is, 0-100' }) @Column('int') progress: number;
  @Column('bigint', { nullable: true }) sizeBytes: string | null;
  @Field(() => String, { nullable: true, description: 'SHA-256 of the zip, once ready' }) @Column('text', { nullable: true }) sha256: string | null;
  @Field(() => String, { nullable: true, description: 'Why the build failed' }) @Column('text', { nullable: true }) error: string | null;
  @Column('uuid', { nullable: true }) requestedById: string | null;
  @Field({ description: 'When it was asked for' }) @Column('timestamptz') createdAt: Date;
  @Field(() => Date, { nullable: true, description: 'When the build ended' }) @Column('timestamptz', { nullable: true }) finishedAt: Date | null;

  @Field(() => Int, { nullable: true, description: 'Size of the zip in bytes, once ready' })
  get size(): number | null {
    return this.sizeBytes == null ? null : Number(this.sizeBytes);
  }

  @Field(() => String, { nullable: true, description: 'Where to GET the zip once ready, with the same Authorization header (or x-api-key) as /graphql' })
  get downloadPath(): string | null {
    return this.status === ComplianceExportStatus.READY ? `/compliance/files/export/${this.id}` : null;
  }
}
