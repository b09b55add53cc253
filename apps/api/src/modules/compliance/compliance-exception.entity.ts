import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';

@ObjectType({ implements: Node, description: 'A control or requirement exempted, with the reason, who approved it and until when (like a policy waiver)' })
@Entity('compliance_exceptions')
export class ComplianceException implements Node {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID, { description: 'Global id of the exception' })
  get id(): string {
    return toGlobalId('ComplianceException', this.uuid);
  }

  @Column('uuid') tenantId: string;
  @Column('uuid', { nullable: true }) controlId: string | null;
  @Column('uuid', { nullable: true }) requirementId: string | null;
  @Field({ description: 'Why it is exempted, as the approver wrote it' }) @Column('text') reason: string;
  @Column('uuid', { nullable: true }) approvedById: string | null;
  @Field({ description: 'When it was granted' }) @Column('timestamptz') approvedAt: Date;
  @Field({ description: 'When it lapses' }) @Column('timestamptz') expiresAt: Date;
  @Field(() => Date, { nullable: true, description: 'When it was revoked; null while not revoked' })
  @Column('timestamptz', { nullable: true })
  revokedAt: Date | null;
  @Column('uuid', { nullable: true }) revokedById: string | null;

  @Field({ description: 'Neither revoked nor expired' })
  get active(): boolean {
    return this.revokedAt === null && new Date(this.expiresAt).getTime() > Date.now();
  }
}
