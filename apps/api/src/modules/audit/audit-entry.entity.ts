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
registerEnumType(AuditActorType, { name: 'AuditActorType' });

export enum AuditOutcome {
  SUCCESS = 'success',
  FAILURE = 'failure',
  DENIED = 'denied',
}
registerEnumType(AuditOutcome, { name: 'AuditOutcome' });

/** One link of a tenant's hash chain. The database fills seq, prev_hash, hash and created_at. */
@ObjectType({ implements: Node, description: 'An immutable record of something done in a tenant' })
@Entity('audit_entries')
export class AuditEntry implements Node {
  @PrimaryColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID)
  get id(): string {
    return toGlobalId('AuditEntry', this.uuid);
  }

  @Column('uuid', { nullable: true }) tenantId: string | null;

  @Field(() => String, { description: 'Position in the tenant\'s chain, from 1' })
  @Column('bigint')
  seq: string;

  @Field(() => AuditActorType) @Column('text') actorType: AuditActorType;
  @Column('uuid', { nullable: true }) actorUserId: string | null;
  @Column('uuid', { nullable: true }) actorApiKeyId: string | null;
  @Field(() => String, { nullable: true, description: 'Email of the user, name of the API key, or what an anonymous caller gave' })
  @Column('text', { nullable: true })
  actorLabel: string | null;

  @Field({ description: 'What was done, e.g. apiKey.create' }) @Column('text') action: string;
  @Field(() => String, { nullable: true }) @Column('text', { nullable: true }) entityType: string | null;
  @Column('uuid', { nullable: true }) entityId: string | null;

  @Field(() => ID, { nullable: true, description: 'Global id of the entity acted on' })
  get entityGlobalId(): string | null {
    return this.entityType && this.entityId ? toGlobalId(this.entityType, this.entityId) : null;
  }

  @Field(() => String, { nullable: true }) @Column('text', { nullable: true }) entityName: string | null;
  @Field(() => GraphQLJSONObject, { nullable: true }) @Column('jsonb', { nullable: true }) before: Record<string, unknown> | null;
  @Field(() => GraphQLJSONObject, { nullable: true }) @Column('jsonb', { nullable: true }) after: Record<string, unknown> | null;
  @Field(() => AuditOutcome) @Column('text') outcome: AuditOutcome;
  @Field(() => String, { nullable: true }) @Column('text', { nullable: true }) errorCode: string | null;
  @Field(() => String, { nullable: true }) @Column('text', { nullable: true }) ip: string | null;
  @Field(() => String, { nullable: true }) @Column('text', { nullable: true }) userAgent: string | null;
  @Field(() => String, { nullable: true }) @Column('text', { nullable: true }) requestId: string | null;
  @Field() @Column('timestamptz') createdAt: Date;
  @Field() @Column('text') prevHash: string;
  @Field() @Column('text') hash: string;
}

@ObjectType({ description: "The result of recomputing a tenant's audit hash chain" })
export class AuditChainVerification {
  @Field({ description: 'True when every entry is intact, in order, and the chain ends where its head says' }) valid: boolean;
  @Field(() => Int) checkedCount: number;
  @Field(() => AuditEntry, { nullable: true, description: 'The first entry whose hash, link or position does not match' })
  firstBrokenEntry: AuditEntry | null;
  @Field(() => String, { nullable: true }) problem: string | null;
  @Field() verifiedAt: Date;
}
