import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { AgentHealthStatus } from './agent-health.types';

export const MAX_REPORTS_PER_BATCH = 1000;

@InputType({ description: "One health report of an agent's runtime" })
export class AgentHealthReportInput {
  @Field(() => ID, { description: 'The agent (global id)' }) agentId: string;
  @Field(() => AgentHealthStatus, { description: 'HEALTHY, DEGRADED or UNHEALTHY (UNKNOWN is not reportable)' }) status: AgentHealthStatus;
  @Field(() => Date, { nullable: true, description: 'When it was observed (default: now); not ahead, not older than the raw retention' }) at?: Date | null;
  @Field(() => Float, { nullable: true, description: 'CPU use in percent of one core (0-100000)' }) cpuPercent?: number | null;
  @Field(() => Float, { nullable: true, description: 'Memory in use, in MB' }) memoryMb?: number | null;
  @Field(() => Int, { nullable: true, description: 'Restarts counted by the runtime' }) restarts?: number | null;
  @Field(() => String, { nullable: true, description: 'A short message, at most 500 characters' }) message?: string | null;
}

@InputType({ description: 'A batch of health reports, recorded all together or not at all' })
export class AgentHealthReportsRecordInput {
  @Field({ description: 'Chosen by the client: the same key with the same reports is a duplicate; with others, a CONFLICT' }) batchKey: string;
  @Field(() => [AgentHealthReportInput], { description: `At most ${MAX_REPORTS_PER_BATCH} reports` }) reports: AgentHealthReportInput[];
}
