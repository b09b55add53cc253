import { Arg, Ctx, FieldResolver, Float, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { StewardContext } from '../../context';
import { loader } from '../../graphql/loader';
import { mutate } from '../../graphql/mutation';
import { Agent } from '../agents';
import { AgentHealthReportsRecordInput } from './agent-health.inputs';
import { agentHealthByAgent } from './agent-health.loaders';
import { AgentHealthReportsRecordPayload } from './agent-health.payloads';
import { healthHistory, MAX_HISTORY, uptimePercent } from './agent-health.reads';
import { recordHealthReports } from './agent-health.service';
import { AgentHealth, AgentHealthReport } from './agent-health.types';

@Resolver()
export class AgentHealthResolver {
  @Mutation(() => AgentHealthReportsRecordPayload, {
    nullable: true,
    description: "Records up to 1,000 health reports of agents' runtimes, all or none; the agents' health follows from the newest report of each",
  })
  agentHealthReportsRecord(
    @Arg('input', { description: 'The batch to record' }) input: AgentHealthReportsRecordInput,
    @Ctx() ctx: StewardContext,
  ): Promise<AgentHealthReportsRecordPayload> {
    return mutate(
      ctx,
      { action: 'agentHealthReports.record', entityType: 'AgentHealthReport' },
      async () => ({ ...(await recordHealthReports(ctx, input.batchKey, input.reports)), userErrors: [] }),
      () => ({ outcome: null, recordedCount: null }),
    );
  }
}

@Resolver(() => Agent)
export class AgentHealthFieldsResolver {
  @FieldResolver(() => AgentHealth, { nullable: true, description: "The agent runtime's current health (UNKNOWN when it never reported)" })
  health(@Root() agent: Agent, @Ctx() ctx: StewardContext): Promise<AgentHealth> {
    return loader(ctx, agentHealthByAgent).load(agent.uuid);
  }

  @FieldResolver(() => [AgentHealthReport], {
    nullable: true,
    description: "The agent's health history over a range (default: the last 24 hours), newest first",
  })
  healthHistory(
    @Root() agent: Agent,
    @Arg('from', () => Date, { nullable: true, description: 'Start, inclusive (default: 24 hours before `to`)' }) from: Date | null,
    @Arg('to', () => Date, { nullable: true, description: 'End, exclusive (default: now)' }) to: Date | null,
    @Arg('limit', () => Int, { defaultValue: 200, description: `At most this many entries (1-${MAX_HISTORY}); 200 unless given` }) limit: number,
    @Ctx() ctx: StewardContext,
  ): Promise<AgentHealthReport[]> {
    return healthHistory(ctx, agent.uuid, from, to, limit);
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description: 'Percent of the range the agent was HEALTHY or DEGRADED, time-weighted; null when nothing was reported',
  })
  uptime(
    @Root() agent: Agent,
    @Arg('from', () => Date, { nullable: true, description: 'Start, inclusive (default: 24 hours before `to`)' }) from: Date | null,
    @Arg('to', () => Date, { nullable: true, description: 'End, exclusive (default: now)' }) to: Date | null,
    @Ctx() ctx: StewardContext,
  ): Promise<number | null> {
    return uptimePercent(ctx, agent.uuid, from, to);
  }
}
