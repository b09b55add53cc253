import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';
import { DomainEventType, type EventTypeName } from '../events';

@ObjectType({ implements: Node, description: 'A URL of a partner system that receives signed domain events (Standard Webhooks); for admins' })
@Entity('webhook_endpoints')
export class WebhookEndpoint implements Node {
  @PrimaryColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID, { description: 'Global id of the endpoint' })
  get id(): string {
    return toGlobalId('WebhookEndpoint', this.uuid);
  }

  @Column('uuid') tenantId: string;
  @Field({ description: 'Where events are POSTed' }) @Column('text') url: string;
  @Field({ description: 'What the endpoint is for, in words' }) @Column('text') description: string;
  @Field(() => [DomainEventType], { description: 'The event types sent; empty means every type' })
  @Column('text', { array: true })
  eventTypes: EventTypeName[];
  @Column('text', { select: false }) secretSealed: string;
  @Field({ description: 'Whether events are sent; false when switched off by hand or after repeated failures' }) @Column('boolean') active: boolean;
  @Field(() => String, { nullable: true, description: 'Why the endpoint was switched off; null while active' })
  @Column('text', { nullable: true })
  disabledReason: string | null;
  @Field(() => Int, { description: 'Failed attempts in a row; at the deployment limit (15 by default) the endpoint is switched off and an alert raised' })
  @Column('int')
  failureStreak: number;
  @Column('uuid', { nullable: true }) createdById: string | null;
  @Field({ description: 'When the endpoint was added' }) @Column('timestamptz') createdAt: Date;
  @Field({ description: 'When the endpoint last changed' }) @Column('timestamptz') updatedAt: Date;
}

export enum WebhookDeliveryStatus {
  PENDING = 'pending',
  RETRYING = 'retrying',
  SUCCEEDED = 'succeeded',
  FAILED = 'failed',
  CANCELLED = 'cancelled',
}
registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'Where a delivery stands',
  valuesConfig: {
    PENDING: { description: 'Not tried yet' },
    RETRYING: { description: 'Failed so far; tried again at nextAttemptAt' },
    SUCCEEDED: { description: 'The receiver answered 2xx' },
    FAILED: { description: 'Every attempt failed over about a day; nothing more is tried (redeliver to try again)' },
    CANCELLED: { description: 'Not sent: the endpoint was switched off or removed first' },
  },
});

@ObjectType({ implements: Node, description: 'One event sent (or to be sent) to one endpoint, with its attempts' })
@Entity('webhook_deliveries')
export class WebhookDelivery implements Node {
  @PrimaryColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID, { description: 'Global id of the delivery' })
  get id(): string {
    return toGlobalId('WebhookDelivery', this.uuid);
  }

  @Column('uuid') tenantId: string;
  @Column('uuid') endpointId: string;
  @Column('uuid', { nullable: true }) eventId: string | null;
  @Field({ description: 'The webhook-id header: the same for every attempt and redelivery of one event, so receivers can drop duplicates' })
  @Column('text')
  messageId: string;
  @Field({ description: 'The event type, e.g. alert.raised; webhook.test for a test event' }) @Column('text') eventType: string;
  @Field(() => String, { nullable: true, description: 'The JSON body sent (and signed); null until the first attempt' })
  @Column('text', { nullable: true })
  body: string | null;
  @Field(() => WebhookDeliveryStatus, { description: 'Where the delivery stands' }) @Column('text') status: WebhookDeliveryStatus;
  @Field(() => Int, { description: 'Attempts made so far' }) @Column('int') attempts: number;
  @Field(() => Date, { nullable: true, description: 'When the next attempt is due; null when none will be made' })
  @Column('timestamptz', { nullable: true })
  nextAttemptAt: Date | null;
  @Field(() => Int, { nullable: true, description: 'HTTP status of the last attempt; null when it got no answer' })
  @Column('int', { nullable: true })
  lastStatusCode: number | null;
  @Field(() => Int, { nullable: true, description: 'How long the last attempt took, in milliseconds' })
  @Column('int', { nullable: true })
  lastDurationMs: number | null;
  @Field(() => String, { nullable: true, description: 'Why the last attempt failed without an answer (timeout, refused address, connection error)' })
  @Column('text', { nullable: true })
  lastError: string | null;
  @Column('uuid', { nullable: true }) redeliveryOfId: string | null;
  @Field({ description: 'When the delivery was made (with its event)' }) @Column('timestamptz') createdAt: Date;
  @Field(() => Date, { nullable: true, description: 'When it succeeded, failed for good or was cancelled' })
  @Column('timestamptz', { nullable: true })
  completedAt: Date | null;
}

@ObjectType({ description: 'One HTTP attempt of a delivery' })
@Entity('webhook_delivery_attempts')
export class WebhookDeliveryAttempt {
  @PrimaryColumn('uuid', { name: 'id' }) uuid: string;
  @Column('uuid') tenantId: string;
  @Column('uuid') deliveryId: string;
  @Field(() => Int, { description: 'Which attempt, from 1' }) @Column('int') attempt: number;
  @Field({ description: 'When it was made' }) @Column('timestamptz') attemptedAt: Date;
  @Field(() => Int, { nullable: true, description: 'HTTP status answered; null when there was no answer' })
  @Column('int', { nullable: true })
  statusCode: number | null;
  @Field(() => Int, { description: 'How long it took, in milliseconds' }) @Column('int') durationMs: number;
  @Field(() => String, { nullable: true, description: 'The first kilobyte of the response body' })
  @Column('text', { nullable: true })
  responseExcerpt: string | null;
  @Field(() => String, { nullable: true, description: 'Why there was no answer: timeout, refused address, connection error' })
  @Column('text', { nullable: true })
  error: string | null;
}
