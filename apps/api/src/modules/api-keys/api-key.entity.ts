import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Role } from '../../auth/roles';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';

export enum ApiKeyStatus {
  ACTIVE = 'active',
  REVOKED = 'revoked',
  EXPIRED = 'expired',
}
registerEnumType(ApiKeyStatus, { name: 'ApiKeyStatus' });

/** A partner app's credential for one tenant. Only the SHA-256 of the secret is stored, and never exposed. */
@ObjectType({ implements: Node })
@Entity('api_keys')
export class ApiKey implements Node {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID)
  get id(): string {
    return toGlobalId('ApiKey', this.uuid);
  }

  @Column('uuid') tenantId: string;
  @Field() @Column('text') name: string;
  @Field(() => Role) @Column('text') role: Role;
  @Field({ description: 'The first characters of the secret, to recognise it' }) @Column('text') prefix: string;
  @Column('text', { select: false }) keyHash: string;
  @Field(() => Date, { nullable: true }) @Column('timestamptz', { nullable: true }) expiresAt: Date | null;
  @Field(() => Date, { nullable: true }) @Column('timestamptz', { nullable: true }) lastUsedAt: Date | null;
  @Field(() => Date, { nullable: true }) @Column('timestamptz', { nullable: true }) revokedAt: Date | null;
  @Column('uuid', { nullable: true }) createdById: string | null;
  @Field() @Column('timestamptz') createdAt: Date;

  @Field(() => ApiKeyStatus)
  get status(): ApiKeyStatus {
    if (this.revokedAt) return ApiKeyStatus.REVOKED;
    if (this.expiresAt && this.expiresAt.getTime() <= Date.now()) return ApiKeyStatus.EXPIRED;
    return ApiKeyStatus.ACTIVE;
  }
}
