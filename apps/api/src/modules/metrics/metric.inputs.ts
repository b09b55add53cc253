import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, Float, ID, InputType, Int } from 'type-graphql';

export const MAX_POINTS_PER_BATCH = 5000;
export const MAX_SERIES_AGENTS = 50;

@InputType({ description: 'One measurement of one agent at one instant' })
export class MetricPointInput {
  @Field(() => ID, { description: 'The agent measured (global id)' }) agentId: string;
  @Field({ description: 'Well-known (agent.response_time, agent.requests, …) or custom name: lower-case dotted words, at most 100 characters' }) name: string;
  @Field(() => Float, { description: 'The measured value, a finite number' }) value: number;
  @Field({ description: 'When it was measured; not more than 5 minutes ahead, not older than the raw retention' }) at: Date;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Flat string labels, at most 10, names up to 40 and values up to 100 characters' })
  labels?: Record<string, unknown> | null;
}

@InputType({ description: 'A batch of metric points, recorded all together or not at all' })
export class MetricPointsRecordInput {
  @Field({ description: 'Chosen by the client: the same key with the same points is a duplicate; with other points, a CONFLICT' }) batchKey: string;
  @Field(() => [MetricPointInput], { description: `At most ${MAX_POINTS_PER_BATCH} points` }) points: MetricPointInput[];
}

@InputType({ description: 'Which series to chart, over which range and at which step' })
export class MetricSeriesInput {
  @Field({ description: 'The metric name' }) name: string;
  @Field(() => [ID], { nullable: true, description: `These agents (at most ${MAX_SERIES_AGENTS})` }) agentIds?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'Agents carrying any of these tags; with neither agentIds nor tags, every agent (first 50 by name)' })
  tags?: string[] | null;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Only points carrying all these labels (answered from raw points)' })
  labels?: Record<string, unknown> | null;
  @Field(() => Date, { nullable: true, description: 'Start of the range, inclusive (default: 24 hours before `to`)' }) from?: Date | null;
  @Field(() => Date, { nullable: true, description: 'End of the range, exclusive (default: now)' }) to?: Date | null;
  @Field(() => Int, { nullable: true, description: 'Seconds per bucket (default: about 120 buckets over the range); at most 2,000 buckets' })
  stepSeconds?: number | null;
}

@InputType({ description: 'How long the tenant keeps each tier of metrics, in days, within its plan' })
export class MetricRetentionSetInput {
  @Field(() => Int, { nullable: true, description: 'Raw points and minute rollups' }) rawDays?: number | null;
  @Field(() => Int, { nullable: true, description: 'Hourly rollups' }) hourDays?: number | null;
  @Field(() => Int, { nullable: true, description: 'Daily rollups (compliance metrics keep 7 years whatever this says)' }) dayDays?: number | null;
  @Field(() => Int, { nullable: true, description: 'Minutes without a health report before an agent counts as unhealthy' }) silenceMinutes?: number | null;
}
