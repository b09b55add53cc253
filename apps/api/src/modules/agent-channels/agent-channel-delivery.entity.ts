import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';

export enum ChannelDeliveryStatus {
  PENDING = 'pending',
  RETRYING = 'retrying',
  SUCCEEDED = 'succeeded',
  FAILED = 'failed',
  CANCELLED = 'cancelled',
}
registerEnumType(ChannelDeliveryStatus, {
  name: 'ChannelDeliveryStatus',
  description: 'Where a message to a channel stands',
  valuesConfig: {
    PENDING: { description: 'Not tried yet' },
    RETRYING: { description: 'Failed so far; tried again at nextAttemptAt' },
    SUCCEEDED: { description: 'Delivered: the receiver answered 2xx, or the email was handed to the mail outbox' },
    FAILED: { description: 'Every attempt failed; nothing more is tried' },
    CANCELLED: { description: 'Not sent: the channel was disabled first' },
  },
});

export enum ChannelDeliverySource {
  EVENT = 'event',
  WORKFLOW = 'workflow',
  TEST = 'test',
}
registerEnumType(ChannelDeliverySource, {
  name: 'ChannelDeliverySource',
  description: 'What asked for the message',
  valuesConfig: {
    EVENT: { description: "An alert raised or a violation opened about the channel's agent" },
    WORKFLOW: { description: 'A workflow\'s "send to a channel" task' },
    TEST: { description: 'Someone sent a test message' },
  },
});

@ObjectType({ implements: Node, description: "One message to an agent's channel, with how its sending went (the channel's delivery log)" })
@Entity('channel_deliveries')
export class ChannelDelivery implements Node {
  @PrimaryColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID, { description: 'Global id of the delivery' })
  get id(): string {
    return toGlobalId('ChannelDelivery', this.uuid);
  }

  @Column('uuid') tenantId: string;
  @Column('uuid') channelId: string;
  @Field(() => ChannelDeliverySource, { description: 'What asked for the message' }) @Column('text') source: ChannelDeliverySource;
  @Column('uuid', { nullable: true }) eventId: string | null;
  @Column('uuid', { nullable: true }) executionId: string | null;
  @Field({ description: 'The webhook-id sent with webhook deliveries: the same on every attempt' }) @Column('text') messageId: string;
  @Field({ description: 'The message subject' }) @Column('text') subject: string;
  @Field({ description: 'The message text' }) @Column('text') text: string;
  @Field(() => ChannelDeliveryStatus, { description: 'Where the delivery stands' }) @Column('text') status: ChannelDeliveryStatus;
  @Field(() => Int, { description: 'Attempts made so far' }) @Column('int') attempts: number;
  @Field(() => Date, { nullable: true, description: 'When the next attempt is due; null when none will be made' })
  @Column('timestamptz', { nullable: true })
  nextAttemptAt: Date | null;
  @Field(() => Int, { nullable: true, description: 'HTTP status of the last attempt; null for email or when there was no answer' })
  @Column('int', { nullable: true })
  lastStatusCode: number | null;
  @Field(() => Int, { nullable: true, description: 'How long the last attempt took, in milliseconds' })
  @Column('int', { nullable: true })
  lastDurationMs: number | null;
  @Field(() => String, { nullable: true, description: 'Why the last attempt failed (timeout, refused address, error answer)' })
  @Column('text', { nullable: true })
  lastError: string | null;
  @Field(() => String, { nullable: true, description: 'The first kilobyte of the last response, or the mail outbox id for email' })
  @Column('text', { nullable: true })
  responseExcerpt: string | null;
  @Column('uuid', { nullable: true }) mailId: string | null;
  @Field({ description: 'When the message was queued' }) @Column('timestamptz') createdAt: Date;
  @Field(() => Date, { nullable: true, description: 'When it succeeded, failed for good or was cancelled' })
  @Column('timestamptz', { nullable: true })
  completedAt: Date | null;
}
