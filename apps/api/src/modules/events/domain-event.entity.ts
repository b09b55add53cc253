import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';
import { AuditActorType } from '../audit';
import { DomainEventType, type EventTypeName } from './event-types';

/** One row of the outbox: written by the database in the transaction of the change it announces. */
@ObjectType({ implements: Node, description: 'Something that happened in the tenant, announced once its change committed; types in docs/events.md' })
@Entity('domain_events')
export class DomainEvent implements Node {
  @PrimaryColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID, { description: 'Global id of the event; webhooks send the same id as webhook-id' })
  get id(): string {
    return toGlobalId('DomainEvent', this.uuid);
  }

  @Column('uuid') tenantId: string;
  @Field(() => DomainEventType, { description: 'What happened' }) @Column('text') type: EventTypeName;
  @Field(() => Int, { description: 'Version of the payload shape of this type the event was written with' }) @Column('int') schemaVersion: number;
  @Field({ description: 'When the change was made (its transaction began)' }) @Column('timestamptz') occurredAt: Date;
  @Field(() => AuditActorType, { description: 'Who made the change: a user, an API key or Steward itself' }) @Column('text') actorType: AuditActorType;
  @Column('uuid', { nullable: true }) actorUserId: string | null;
  @Column('uuid', { nullable: true }) actorApiKeyId: string | null;
  @Field({ description: 'GraphQL type name of what the event is about, e.g. Alert' }) @Column('text') subjectType: string;
  @Column('uuid', { nullable: true }) subjectId: string | null;

  @Field(() => ID, { nullable: true, description: 'Global id of what the event is about (use with node(id:)); it may be gone since' })
  get subjectGlobalId(): string | null {
    return this.subjectId ? toGlobalId(this.subjectType, this.subjectId) : null;
  }

  @Field(() => GraphQLJSONObject, { description: 'What the type says it carries (docs/events.md); ids in it are database ids' })
  @Column('jsonb')
  payload: Record<string, unknown>;
}
