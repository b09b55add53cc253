import { Field, Int, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error';
import { TelemetryBatchOutcome } from './telemetry-batch';
import { MetricRetention } from './metric.types';

@ObjectType({ description: 'What became of a batch of metric points; nothing is written when there are userErrors' })
export class MetricPointsRecordPayload {
  @Field(() => TelemetryBatchOutcome, { nullable: true, description: 'Recorded now or a duplicate of a batch recorded before; null when refused' })
  outcome: TelemetryBatchOutcome | null;
  @Field(() => Int, { nullable: true, description: 'Points in the batch; null when refused' }) recordedCount: number | null;
  @Field(() => [UserError], { description: 'Problems by point, e.g. field ["input", "points", "17", "value"]' }) userErrors: UserError[];
}

@ObjectType({ description: 'The retention after the change' })
export class MetricRetentionSetPayload {
  @Field(() => MetricRetention, { nullable: true, description: 'The retention now in force; null when refused' }) retention: MetricRetention | null;
  @Field(() => [UserError], { description: 'Values outside the plan limits' }) userErrors: UserError[];
}
