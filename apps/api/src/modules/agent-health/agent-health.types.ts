import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum AgentHealthStatus {
  HEALTHY = 'healthy',
  DEGRADED = 'degraded',
  UNHEALTHY = 'unhealthy',
  UNKNOWN = 'unknown',
}
registerEnumType(AgentHealthStatus, {
  name: 'AgentHealthStatus',
  description: "An agent runtime's health, as it reports it (or as silence makes it)",
  valuesConfig: {
    HEALTHY: { description: 'Working normally' },
    DEGRADED: { description: 'Working, with trouble (slow, retrying, partial)' },
    UNHEALTHY: { description: 'Not working, or silent for longer than the tenant allows' },
    UNKNOWN: { description: 'Never reported' },
  },
});

@ObjectType({ description: "An agent runtime's current health, following from its latest report or from its silence" })
export class AgentHealth {
  @Field(() => AgentHealthStatus, { description: 'Current status' }) status: AgentHealthStatus;
  @Field(() => Date, { nullable: true, description: 'When the runtime last reported; null if it never did' }) lastReportAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'Since when the status holds; null if it never reported' }) since: Date | null;
  @Field(() => Float, { nullable: true, description: 'CPU use in percent of one core at the last report' }) cpuPercent: number | null;
  @Field(() => Float, { nullable: true, description: 'Memory in use at the last report, in MB' }) memoryMb: number | null;
  @Field(() => Int, { nullable: true, description: 'Restarts the runtime counted at the last report' }) restarts: number | null;
  @Field(() => String, { nullable: true, description: 'What the runtime (or silence detection) said' }) message: string | null;
  @Field({ description: 'True when the status comes from silence detection, not from a report' }) silent: boolean;
}

@ObjectType({ description: 'One entry of an agent’s health history' })
export class AgentHealthReport {
  @Field({ description: 'When it was reported (or when silence was detected)' }) at: Date;
  @Field(() => AgentHealthStatus, { description: 'The status reported' }) status: AgentHealthStatus;
  @Field(() => Float, { nullable: true, description: 'CPU use in percent of one core' }) cpuPercent: number | null;
  @Field(() => Float, { nullable: true, description: 'Memory in use, in MB' }) memoryMb: number | null;
  @Field(() => Int, { nullable: true, description: 'Restarts the runtime counted' }) restarts: number | null;
  @Field(() => String, { nullable: true, description: 'What the runtime said' }) message: string | null;
  @Field({ description: '"report" for a runtime’s report, "silence" for silence detection' }) source: string;
}
