import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PermissionName } from '../../auth/permissions';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Role } from '../../auth/roles';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';

export enum ApiKeyStatus {
  ACTIVE = 'active',
  REVOKED = 'revoked',
  EXPIRED = 'expired',
}
registerEnumType(ApiKeyStatus, {
  name: 'ApiKeyStatus',
  description: 'Whether the key works: active, revoked by someone, or past its expiry',
  valuesConfig: {
    ACTIVE: { description: 'Works' },
    REVOKED: { description: 'Revoked by someone; no longer works' },
    EXPIRED: { description: 'Past expiresAt; no longer works' },
  },
});

@ObjectType({ description: 'An operation an API key may run: registered by name, matched by the SHA-256 of its document' })
export class ApiKeyOperation {
  @Field({ description: 'The operation name, e.g. "RecordMetrics"' }) name: string;
  @Field({ name: 'sha256', description: 'SHA-256 (hex) of the operation document as Steward prints it; requests must send the same document' })
  hash: string;
}

/** A partner app's credential for one tenant. Only the SHA-256 of the secret is stored, and never exposed. */
@ObjectType({ implements: Node, description: "A partner app's credential for this tenant; the secret itself is never readable after creation" })
@Entity('api_keys')
export class ApiKey implements Node {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID, { description: 'Global id of the key (use with node(id:) and in inputs)' })
  get id(): string {
    return toGlobalId('ApiKey', this.uuid);
  }

  @Column('uuid') tenantId: string;
  @Field({ description: 'What the key is for, e.g. "CI pipeline"' }) @Column('text') name: string;
  @Field(() => Role, { nullable: true, description: 'What the key may do, as a member of that system role would; null when it holds a custom role' })
  @Column('text', { nullable: true })
  role: Role | null;
  /** The custom role the key holds instead of a system role. */
  @Column('uuid', { nullable: true }) customRoleId: string | null;
  @Field(() => [PermissionName], {
    nullable: true,
    description: "The only permissions of its role the key may use; null: all of the role's",
  })
  @Column('text', { array: true, nullable: true })
  scopes: PermissionName[] | null;
  @Field(() => [ApiKeyOperation], { nullable: true, description: 'The only operations the key may run; null: any operation' })
  @Column('jsonb', { nullable: true })
  allowedOperations: ApiKeyOperation[] | null;
  @Field(() => Int, { nullable: true, description: 'Operation cost the key may spend a minute; null: the default' })
  @Column('int', { nullable: true })
  costPerMinute: number | null;
  @Field({ description: 'The first characters of the secret, to recognise it' }) @Column('text') prefix: string;
  @Column('text', { select: false }) keyHash: string;
  @Field(() => Date, { nullable: true, description: 'When the key stops working; null if it never expires' })
  @Column('timestamptz', { nullable: true })
  expiresAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'When a request last authenticated with the key; null if never' })
  @Column('timestamptz', { nullable: true })
  lastUsedAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'When the key was revoked; null while not revoked' })
  @Column('timestamptz', { nullable: true })
  revokedAt: Date | null;
  @Column('uuid', { nullable: true }) createdById: string | null;
  @Field({ description: 'When the key was created' }) @Column('timestamptz') createdAt: Date;

  @Field(() => ApiKeyStatus, { description: 'Whether the key works now (follows from revokedAt and expiresAt)' })
  get status(): ApiKeyStatus {
    if (this.revokedAt) return ApiKeyStatus.REVOKED;
    if (this.expiresAt && this.expiresAt.getTime() <= Date.now()) return ApiKeyStatus.EXPIRED;
    return ApiKeyStatus.ACTIVE;
  }
}
