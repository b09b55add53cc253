import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';

export enum ComplianceEvidenceKind {
  FILE = 'file',
  LINK = 'link',
  NOTE = 'note',
}
registerEnumType(ComplianceEvidenceKind, {
  name: 'ComplianceEvidenceKind',
  description: 'What a piece of evidence is',
  valuesConfig: {
    FILE: { description: 'An uploaded file (stored in PostgreSQL with its SHA-256)' },
    LINK: { description: 'A link to where the evidence lives' },
    NOTE: { description: 'A written statement' },
  },
});

export enum ComplianceEvidenceStatus {
  DRAFT = 'draft',
  IN_REVIEW = 'in_review',
  APPROVED = 'approved',
  REJECTED = 'rejected',
  EXPIRED = 'expired',
}
registerEnumType(ComplianceEvidenceStatus, {
  name: 'ComplianceEvidenceStatus',
  description: 'Where evidence is in its lifecycle: draft -> in review -> approved / rejected -> expired',
  valuesConfig: {
    DRAFT: { description: 'Being prepared by its uploader; does not count' },
    IN_REVIEW: { description: 'Submitted; waiting for someone other than the uploader to approve or reject it' },
    APPROVED: { description: 'Approved by someone other than the uploader; counts until its renewal date' },
    REJECTED: { description: 'Refused by a reviewer; can be changed and submitted again' },
    EXPIRED: { description: 'Past its renewal date; no longer counts' },
  },
});

@ObjectType({ description: 'The file of a piece of file evidence' })
export class ComplianceEvidenceFile {
  @Field({ description: 'File name as uploaded' }) name: string;
  @Field({ description: 'Media type as uploaded, e.g. application/pdf' }) contentType: string;
  @Field(() => Int, { description: 'Size in bytes' }) sizeBytes: number;
  @Field({ description: 'SHA-256 of the content, hex' }) sha256: string;
  @Field({ description: 'Where to GET the file, with the same Authorization header (or x-api-key) as /graphql' }) downloadPath: string;
}

@ObjectType({ description: "One step in a piece of evidence's trail" })
export class ComplianceEvidenceEvent {
  @Field({ description: 'created, file_uploaded, submitted, approved, rejected or expired' }) action: string;
  actorUserId: string | null;
  @Field({ description: 'When it happened' }) at: Date;
  @Field(() => String, { nullable: true, description: "The reviewer's comment, for approvals and rejections" }) comment: string | null;
}

@ObjectType({ implements: Node, description: 'Evidence that a control holds: a file, a link or a note, with its review trail' })
@Entity('compliance_evidence')
export class ComplianceEvidence implements Node {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID, { description: 'Global id of the evidence' })
  get id(): string {
    return toGlobalId('ComplianceEvidence', this.uuid);
  }

  @Column('uuid') tenantId: string;
  @Column('uuid') controlId: string;
  @Field(() => ComplianceEvidenceKind, { description: 'File, link or note' }) @Column('text') kind: ComplianceEvidenceKind;
  @Field({ description: 'Short title (1-200 characters)' }) @Column('text') title: string;
  @Field({ description: 'What it shows; empty when none' }) @Column('text') description: string;
  @Field(() => String, { nullable: true, description: 'The link, for link evidence' }) @Column('text', { nullable: true }) url: string | null;
  @Field(() => String, { nullable: true, description: 'The statement, for note evidence' }) @Column('text', { nullable: true }) note: string | null;
  @Field(() => ComplianceEvidenceStatus, { description: 'Where it is in its lifecycle' }) @Column('text') status: ComplianceEvidenceStatus;
  @Column('text', { nullable: true }) fileName: string | null;
  @Column('text', { nullable: true }) contentType: string | null;
  @Column('bigint', { nullable: true }) sizeBytes: string | null;
  @Column('text', { nullable: true }) sha256: string | null;
  @Column('uuid', { nullable: true }) uploadedById: string | null;
  @Field(() => Date, { nullable: true, description: 'When it was last submitted for review' })
  @Column('timestamptz', { nullable: true })
  submittedAt: Date | null;
  @Column('uuid', { nullable: true }) reviewedById: string | null;
  @Field(() => Date, { nullable: true, description: 'When it was approved or rejected' }) @Column('timestamptz', { nullable: true }) reviewedAt: Date | null;
  @Field(() => String, { nullable: true, description: "The reviewer's comment" }) @Column('text', { nullable: true }) reviewComment: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Approved evidence counts up to and including this day, then expires' })
  @Column('date', { nullable: true })
  renewalDue: string | null;
  @Column('timestamptz', { nullable: true }) expiryAlertedAt: Date | null;
  @Field({ description: 'When it was created' }) @Column('timestamptz') createdAt: Date;
  @Field({ description: 'When it last changed' }) @Column('timestamptz') updatedAt: Date;

  @Field(() => ComplianceEvidenceFile, { nullable: true, description: 'The file, for file evidence once uploaded; null otherwise' })
  get file(): ComplianceEvidenceFile | null {
    if (!this.sha256 || !this.fileName) return null;
    return {
      name: this.fileName,
      contentType: this.contentType ?? 'application/octet-stream',
      sizeBytes: Number(this.sizeBytes),
      sha256: this.sha256,
      downloadPath: `/compliance/files/evidence/${this.id}`,
    };
  }
}
