import { Field, ObjectType, registerEnumType } from 'type-graphql';

export enum MetricAggregation {
  AVG = 'AVG',
  SUM = 'SUM',
  MIN = 'MIN',
  MAX = 'MAX',
  COUNT = 'COUNT',
  P95 = 'P95',
}
registerEnumType(MetricAggregation, {
  name: 'MetricAggregation',
  description: 'Which value of a bucket a chart plots; every bucket carries all of them',
  valuesConfig: {
    AVG: { description: 'Mean of the points in the bucket' },
    SUM: { description: 'Sum of the points in the bucket' },
    MIN: { description: 'Smallest point in the bucket' },
    MAX: { description: 'Largest point in the bucket' },
    COUNT: { description: 'How many points the bucket holds' },
    P95: { description: '95th percentile of the points (exact at a tier’s own step; the largest tier p95 when buckets are merged)' },
  },
});

@ObjectType({ description: 'A well-known metric name: its unit and how it is usually aggregated' })
export class MetricDefinition {
  @Field({ description: 'The metric name, e.g. agent.response_time' }) name: string;
  @Field({ description: 'Unit of the values, e.g. ms, count, tokens, percent' }) unit: string;
  @Field({ description: 'What the metric measures' }) description: string;
  @Field(() => MetricAggregation, { description: 'The aggregation that makes sense for a chart of it' }) defaultAggregation: MetricAggregation;
}

export const WELL_KNOWN_METRICS: MetricDefinition[] = [
  { name: 'agent.response_time', unit: 'ms', description: 'Time to answer one request', defaultAggregation: MetricAggregation.AVG },
  { name: 'agent.requests', unit: 'count', description: 'Requests handled', defaultAggregation: MetricAggregation.SUM },
  { name: 'agent.errors', unit: 'count', description: 'Requests that failed', defaultAggregation: MetricAggregation.SUM },
  { name: 'agent.tokens.prompt', unit: 'tokens', description: 'Prompt tokens sent to the model', defaultAggregation: MetricAggregation.SUM },
  { name: 'agent.tokens.completion', unit: 'tokens', description: 'Completion tokens received from the model', defaultAggregation: MetricAggregation.SUM },
  { name: 'agent.uptime', unit: 'percent', description: 'Share of time the agent was available', defaultAggregation: MetricAggregation.AVG },
];

const units = new Map(WELL_KNOWN_METRICS.map((m) => [m.name, m.unit]));

export function unitOf(name: string): string | null {
  return units.get(name) ?? null;
}

/** Custom names: lower-case dotted words, like the well-known ones. */
export const METRIC_NAME = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+){0,9}$/;
export const MAX_NAME_LENGTH = 100;
export const MAX_LABELS = 10;
export const MAX_LABEL_KEY = 40;
export const MAX_LABEL_VALUE = 100;
const LABEL_KEY = /^[a-zA-Z_][a-zA-Z0-9_.-]*$/;

/** Checks a point's labels: a flat map of at most MAX_LABELS short strings. Returns the problem, or null. */
export function labelProblem(labels: unknown): string | null {
  if (labels === null || labels === undefined) return null;
  if (typeof labels !== 'object' || Array.isArray(labels)) return 'labels must be an object of string values';
  const entries = Object.entries(labels as Record<string, unknown>);
  if (entries.length > MAX_LABELS) return `At most ${MAX_LABELS} labels`;
  for (const [key, value] of entries) {
    if (key.length > MAX_LABEL_KEY || !LABEL_KEY.test(key)) return `Label name "${key.slice(0, 50)}" must be 1 to ${MAX_LABEL_KEY} letters, digits, _ . or -`;
    if (typeof value !== 'string') return `Label ${key} must be a string`;
    if (value.length > MAX_LABEL_VALUE) return `Label ${key} is longer than ${MAX_LABEL_VALUE} characters`;
  }
  return null;
}
