import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';

export enum PersonalDataExportStatus {
  QUEUED = 'queued',
  RUNNING = 'running',
  READY = 'ready',
  DOWNLOADED = 'downloaded',
  FAILED = 'failed',
}
registerEnumType(PersonalDataExportStatus, {
  name: 'PersonalDataExportStatus',
  description: 'Where a personal data export is',
  valuesConfig: {
    QUEUED: { description: 'Waiting for the job queue' },
    RUNNING: { description: 'Being built; see progress' },
    READY: { description: 'Built; download it once from downloadPath' },
    DOWNLOADED: { description: 'Downloaded; its content is gone' },
    FAILED: { description: 'The build failed; see error' },
  },
});

@ObjectType({
  implements: Node,
  description: 'A GDPR subject access export: everything Steward holds about a person in this tenant, a zip of JSON built by a job, downloadable once',
})
@Entity('personal_data_exports')
export class PersonalDataExport implements Node {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID, { description: 'Global id of the export' })
  get id(): string {
    return toGlobalId('PersonalDataExport', this.uuid);
  }

  @Column('uuid') tenantId: string;
  @Column('uuid') subjectUserId: string;
  @Column('uuid', { nullable: true }) requestedById: string | null;
  @Field(() => PersonalDataExportStatus, { description: 'Where the build is' }) @Column('text') status: PersonalDataExportStatus;
  @Field(() => Int, { description: 'How far the build is, 0-100' }) @Column('int') progress: number;
  @Column('bigint', { nullable: true }) sizeBytes: string | null;
  @Field(() => String, { nullable: true, description: 'SHA-256 of the zip, once ready' }) @Column('text', { nullable: true }) sha256: string | null;
  @Field(() => String, { nullable: true, description: 'Why the build failed' }) @Column('text', { nullable: true }) error: string | null;
  @Field({ description: 'When it was asked for' }) @Column('timestamptz') createdAt: Date;
  @Field(() => Date, { nullable: true, description: 'When the build ended' }) @Column('timestamptz', { nullable: true }) finishedAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'When it was downloaded' }) @Column('timestamptz', { nullable: true }) downloadedAt: Date | null;

  @Field(() => Int, { nullable: true, description: 'Size of the zip in bytes, once ready' })
  get size(): number | null {
    return this.sizeBytes == null ? null : Number(this.sizeBytes);
  }

  @Field(() => String, {
    nullable: true,
    description: 'Where whoever asked for it GETs the zip, once, with the same Authorization header as /graphql; null unless READY',
  })
  get downloadPath(): string | null {
    return this.status === PersonalDataExportStatus.READY ? `/personal-data/export/${this.id}` : null;
  }
}
