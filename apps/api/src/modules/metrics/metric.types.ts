import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Agent } from '../agents';

export enum MetricResolution {
  RAW = 'RAW',
  MINUTE = 'MINUTE',
  HOUR = 'HOUR',
  DAY = 'DAY',
}
registerEnumType(MetricResolution, {
  name: 'MetricResolution',
  description: 'Which store answered a series query: the coarsest whose bucket fits the step and whose retention covers the range',
  valuesConfig: {
    RAW: { description: 'Raw points (label filters, steps under a minute)' },
    MINUTE: { description: 'Per-minute rollups' },
    HOUR: { description: 'Per-hour rollups' },
    DAY: { description: 'Per-day rollups' },
  },
});

@ObjectType({ description: 'One bucket of a series' })
export class MetricPoint {
  @Field({ description: 'Start of the bucket' }) at: Date;
  @Field(() => Float, { description: 'Mean of the points in the bucket' }) avg: number;
  @Field(() => Float, { description: 'Sum of the points in the bucket' }) sum: number;
  @Field(() => Float, { description: 'Smallest point' }) min: number;
  @Field(() => Float, { description: 'Largest point' }) max: number;
  @Field(() => Int, { description: 'How many points' }) count: number;
  @Field(() => Float, { description: '95th percentile: exact when the step is the tier’s own, else the largest of the merged buckets’ p95' }) p95: number;
}

@ObjectType({
  description:
    'The buckets of a series as parallel lists, one entry per bucket in time order (entry i of every list is bucket i): the compact shape for charts, a few lists instead of an object per bucket',
})
export class MetricBuckets {
  @Field(() => [Date], { description: 'Start of each bucket' }) at: Date[];
  @Field(() => [Float], { description: 'Mean of the points in each bucket' }) avg: number[];
  @Field(() => [Float], { description: 'Sum of the points in each bucket' }) sum: number[];
  @Field(() => [Float], { description: 'Smallest point of each bucket' }) min: number[];
  @Field(() => [Float], { description: 'Largest point of each bucket' }) max: number[];
  @Field(() => [Int], { description: 'How many points each bucket holds' }) count: number[];
  @Field(() => [Float], { description: '95th percentile of each bucket (as MetricPoint.p95)' }) p95: number[];
}

@ObjectType({ description: 'The buckets of one agent for one metric; buckets without points are left out' })
export class MetricSeries {
  agentUuid: string;
  /** The agent as the series' statement read it along (the read path), when the query selects it. */
  joinedAgent?: Agent;
  @Field(() => Agent, { description: 'The agent measured' }) agent?: Agent;
  @Field({ description: 'The metric name' }) name: string;
  @Field(() => String, { nullable: true, description: 'Unit of a well-known metric; null for custom names' }) unit: string | null;
  @Field(() => [MetricPoint], { description: 'Buckets in time order, an object each' }) points?: MetricPoint[];
  @Field(() => MetricBuckets, { description: 'The same buckets as parallel lists: what charts read' }) buckets: MetricBuckets;
}

@ObjectType({ description: 'A series query’s answer: which store answered it, at which step, and one series per agent with points' })
export class MetricSeriesResult {
  @Field(() => MetricResolution, { description: 'The store used' }) resolution: MetricResolution;
  @Field(() => Int, { description: 'Seconds per bucket actually used' }) step: number;
  @Field({ description: 'Start of the range actually answered (aligned to the step, clamped to retention)' }) from: Date;
  @Field({ description: 'End of the range, exclusive' }) to: Date;
  @Field(() => [MetricSeries], { description: 'One series per agent that has points in the range' }) series: MetricSeries[];
}

@ObjectType({ description: 'How long the tenant keeps each tier of metrics, in days, and its plan’s limits' })
export class MetricRetention {
  @Field(() => Int, { description: 'Raw points' }) rawDays: number;
  @Field(() => Int, { description: 'Minute rollups (as long as raw points)' }) minuteDays: number;
  @Field(() => Int, { description: 'Hourly rollups' }) hourDays: number;
  @Field(() => Int, { description: 'Daily rollups' }) dayDays: number;
  @Field(() => Int, { description: 'Daily rollups of compliance metrics (names under compliance.)' }) complianceDays: number;
  @Field(() => Int, { description: 'Minutes without a health report before an agent counts as unhealthy' }) silenceMinutes: number;
  @Field(() => Int, { description: 'The plan’s longest raw retention' }) planMaxRawDays: number;
  @Field(() => Int, { description: 'The plan’s longest hourly retention' }) planMaxHourDays: number;
  @Field(() => Int, { description: 'The plan’s longest daily retention' }) planMaxDayDays: number;
}
