import { Field, Int, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error';
import { TelemetryBatchOutcome } from '../metrics';
import { AnalyticsEventType } from './analytics-event.entity';

@ObjectType({ description: 'What became of a batch of analytics events; nothing is written when there are userErrors' })
export class AnalyticsEventsRecordPayload {
  @Field(() => TelemetryBatchOutcome, { nullable: true, description: 'Recorded now or a duplicate; null when refused' }) outcome: TelemetryBatchOutcome | null;
  @Field(() => Int, { nullable: true, description: 'Events in the batch; null when refused' }) recordedCount: number | null;
  @Field(() => [UserError], { description: 'Problems by event, e.g. field ["input", "events", "4", "payload"]' }) userErrors: UserError[];
}

@ObjectType({ description: 'How many events of one kind happened in one period' })
export class AnalyticsEventCount {
  @Field({ description: 'Start of the period' }) at: Date;
  @Field(() => AnalyticsEventType, { description: 'The kind' }) type: AnalyticsEventType;
  @Field(() => Int, { description: 'How many' }) count: number;
}
