import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { AnalyticsEventType } from './analytics-event.entity';

export const MAX_EVENTS_PER_BATCH = 5000;
export const MAX_PAYLOAD = 8192;

@InputType({ description: 'One analytics event' })
export class AnalyticsEventInput {
  @Field(() => AnalyticsEventType, { description: 'Its kind' }) type: AnalyticsEventType;
  @Field({ description: 'What happened, 1-100 characters' }) name: string;
  @Field(() => Date, { nullable: true, description: 'When (default: now); not ahead, not older than the raw retention' }) occurredAt?: Date | null;
  @Field(() => ID, { nullable: true, description: 'The user it is about (a member of the tenant)' }) userId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The agent it is about' }) agentId?: string | null;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Any JSON object, at most 8 KB' }) payload?: Record<string, unknown> | null;
}

@InputType({ description: 'A batch of analytics events, recorded all together or not at all' })
export class AnalyticsEventsRecordInput {
  @Field({ description: 'Chosen by the client: the same key with the same events is a duplicate; with others, a CONFLICT' }) batchKey: string;
  @Field(() => [AnalyticsEventInput], { description: `At most ${MAX_EVENTS_PER_BATCH} events` }) events: AnalyticsEventInput[];
}

@InputType({ description: 'Which events; conditions combine with AND, a list matches any of its values' })
export class AnalyticsEventFilter {
  @Field(() => [AnalyticsEventType], { nullable: true, description: 'Any of these kinds' }) types?: AnalyticsEventType[] | null;
  @Field(() => [String], { nullable: true, description: 'Any of these names' }) names?: string[] | null;
  @Field(() => [ID], { nullable: true, description: 'About any of these agents' }) agentIds?: string[] | null;
  @Field(() => ID, { nullable: true, description: 'About this user' }) userId?: string | null;
  @Field(() => Date, { nullable: true, description: 'From, inclusive (default: 24 hours before `to`)' }) from?: Date | null;
  @Field(() => Date, { nullable: true, description: 'To, exclusive (default: now)' }) to?: Date | null;
}

export enum AnalyticsInterval {
  MINUTE = 'MINUTE',
  HOUR = 'HOUR',
  DAY = 'DAY',
}
registerEnumType(AnalyticsInterval, {
  name: 'AnalyticsInterval',
  description: 'The length of the periods counts are split into (UTC)',
  valuesConfig: { MINUTE: { description: 'Minutes' }, HOUR: { description: 'Hours' }, DAY: { description: 'UTC days' } },
});
