import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';

export enum AnalyticsEventType {
  USER_ACTION = 'user_action',
  SYSTEM_EVENT = 'system_event',
  AI_PREDICTION = 'ai_prediction',
}
registerEnumType(AnalyticsEventType, {
  name: 'AnalyticsEventType',
  description: 'The kind of an analytics event',
  valuesConfig: {
    USER_ACTION: { description: 'Something a person did' },
    SYSTEM_EVENT: { description: 'Something the platform or a runtime did' },
    AI_PREDICTION: { description: 'A prediction an AI model made' },
  },
});

@ObjectType({ implements: Node, description: 'A typed analytics event with its payload, optionally about a user and an agent' })
@Entity('analytics_events')
export class AnalyticsEvent implements Node {
  @PrimaryColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID, { description: 'Global id of the event' })
  get id(): string {
    return toGlobalId('AnalyticsEvent', this.uuid);
  }

  @Column('uuid') tenantId: string;
  @Field(() => AnalyticsEventType, { description: 'Its kind' }) @Column('text') type: AnalyticsEventType;
  @Field({ description: 'What happened, e.g. ticket.classified' }) @Column('text') name: string;
  @Field({ description: 'When it happened' }) @PrimaryColumn('timestamptz') occurredAt: Date;
  @Column('uuid', { nullable: true }) userId: string | null;
  @Column('uuid', { nullable: true }) agentId: string | null;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'What the reporter sent with it (at most 8 KB); for admins, developers and analysts' })
  @Column('jsonb')
  payload: Record<string, unknown>;
}
