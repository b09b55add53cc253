import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';

export enum AuditActorType {
  USER = 'user',
  API_KEY = 'api_key',
  SYSTEM = 'system',
  ANONYMOUS = 'anonymous',
}
registerEnumType(AuditActorType, {
  name: 'AuditActorType',
  description: 'Who acted: a signed-in user, a partner app with an API key, Steward itself (jobs), or an unauthenticated caller (e.g. a failed sign-in)',
  valuesConfig: {
    USER: { description: 'A signed-in user (see actorUser)' },
    API_KEY: { description: 'A partner app with an API key (see actorApiKey)' },
    SYSTEM: { description: 'Steward itself, e.g. a scheduled job' },
    ANONYMOUS: { description: 'An unauthenticated caller, e.g. a failed sign-in (see actorLabel)' },
  },
});

export enum AuditOutcome {
  SUCCESS = 'success',
  FAILURE = 'failure',
  DENIED = 'denied',
}
registerEnumType(AuditOutcome, {
  name: 'AuditOutcome',
  description:
    'How the action ended: done, failed (e.g. bad input, a conflict, a job that could not finish), or denied (by permissions, a blocking policy or authentication)',
  valuesConfig: {
    SUCCESS: { description: 'The action was carried out' },
    FAILURE: { description: 'The action failed, e.g. on bad input or a conflict; nothing changed' },
    DENIED: { description: 'The action was not allowed: permissions, a blocking policy or authentication' },
  },
});

/** One link of a tenant's hash chain. The database fills seq, prev_hash, hash and created_at. */
@ObjectType({ implements: Node, description: 'An immutable record of something done in a tenant, linked into a hash chain; for admins and auditors' })
@Entity('audit_entries')
export class AuditEntry implements Node {
  @PrimaryColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID, { description: 'Global id of the entry (use with node(id:))' })
  get id(): string {
    return toGlobalId('AuditEntry', this.uuid);
  }

  @Column('uuid', { nullable: true }) tenantId: string | null;

  @Field(() => String, { description: "Position in the tenant's chain, from 1" })
  @Column('bigint')
  seq: string;

  @Field(() => AuditActorType, { description: 'What kind of actor acted' }) @Column('text') actorType: AuditActorType;
  @Column('uuid', { nullable: true }) actorUserId: string | null;
  @Column('uuid', { nullable: true }) actorApiKeyId: string | null;
  @Field(() => String, { nullable: true, description: 'Email of the user, name of the API key, or what an anonymous caller gave' })
  @Column('text', { nullable: true })
  actorLabel: string | null;

  @Field({ description: 'What was done, e.g. apiKey.create' }) @Column('text') action: string;
  @Field(() => String, { nullable: true, description: 'GraphQL type name of the entity acted on, e.g. ApiKey; null when the action has none (e.g. sign-in)' })
  @Column('text', { nullable: true })
  entityType: string | null;
  @Column('uuid', { nullable: true }) entityId: string | null;

  @Field(() => ID, { nullable: true, description: 'Global id of the entity acted on' })
  get entityGlobalId(): string | null {
    return this.entityType && this.entityId ? toGlobalId(this.entityType, this.entityId) : null;
  }

  @Field(() => String, {
    nullable: true,
    description: 'Name of the entity at the time, so the entry reads well after it is renamed or deleted; null when unknown',
  })
  @Column('text', { nullable: true })
  entityName: string | null;
  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: 'The entity before the change, as recorded by the action; null for creations and actions without an entity',
  })
  @Column('jsonb', { nullable: true })
  before: Record<string, unknown> | null;
  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: 'The entity after the change, as recorded by the action; null for deletions, refusals and actions without an entity',
  })
  @Column('jsonb', { nullable: true })
  after: Record<string, unknown> | null;
  @Field(() => AuditOutcome, { description: 'How the action ended' }) @Column('text') outcome: AuditOutcome;
  @Field(() => String, {
    nullable: true,
    description: 'Why it failed or was denied, as an error code (e.g. FORBIDDEN, POLICY_VIOLATION, UNAUTHENTICATED); null on success',
  })
  @Column('text', { nullable: true })
  errorCode: string | null;
  @Field(() => String, { nullable: true, description: 'IP address the request came from; null for jobs' }) @Column('text', { nullable: true }) ip:
    string | null;
  @Field(() => String, { nullable: true, description: 'User-Agent header of the request; null when absent or for jobs' })
  @Column('text', { nullable: true })
  userAgent: string | null;
  @Field(() => String, { nullable: true, description: 'Id of the request, to match the entry with server logs; null for jobs' })
  @Column('text', { nullable: true })
  requestId: string | null;
  @Field({ description: 'When the entry was written (set by the database)' }) @Column('timestamptz') createdAt: Date;
  @Field({ description: "Hash of the previous entry in the tenant's chain (hex); empty for the tenant's first entry" }) @Column('text') prevHash: string;
  @Field({ description: "SHA-256 (hex) over prevHash and this entry's content, computed by the database; recomputed by auditChainVerification" })
  @Column('text')
  hash: string;
}

@ObjectType({ description: "The result of recomputing a tenant's audit hash chain" })
export class AuditChainVerification {
  @Field({ description: 'True when every entry is intact, in order, and the chain ends where its head says' }) valid: boolean;
  @Field(() => Int, { description: 'How many entries were recomputed' }) checkedCount: number;
  @Field(() => AuditEntry, { nullable: true, description: 'The first entry whose hash, link or position does not match' })
  firstBrokenEntry: AuditEntry | null;
  @Field(() => String, { nullable: true, description: 'What is wrong, in words; null when the chain is valid' }) problem: string | null;
  @Field({ description: 'When the check ran' }) verifiedAt: Date;
}
