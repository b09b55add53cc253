import type { GraphQLResolveInfo } from 'graphql';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Arg, Args, Ctx, FieldResolver, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { StewardContext } from '../../context';
import { Connection, ConnectionArgs, connectionType } from '../../graphql/connection';
import { StewardError } from '../../graphql/errors';
import { mutate } from '../../graphql/mutation';
import { computedOf, Selection } from '../../graphql/read-model';
import { DecimalScalar } from '../../graphql/scalars';
import { Agent } from '../agents';
import { lastDays, MAX_RANGE_DAYS, resolveRange } from './cost-dates';
import { costForecast, costRollup, costSummary, costTopAgents } from './cost-analysis.service';
import { bucketsCsv } from './cost.csv';
import { CostEntry } from './cost-entry.entity';
import { listCostEntries } from './cost-entry.service';
import { recordCostEntries } from './cost-ingestion.service';
import { CostDimension, CostEntriesRecordInput, CostFilter, CostInterval, CostRangeArgs, TOP_AGENTS_MAX } from './cost.inputs';
import { agentSpend } from './cost.loaders';
import { spendKey } from './cost.reads';
import { CostEntriesRecordPayload } from './cost.payloads';
import { AgentSpend, CostBucket, CostForecast, CostSummary } from './cost.types';

export const CostEntryConnection = connectionType(CostEntry, 'CostEntry');

const filterArg = { nullable: true, description: 'Defaults to every cost in USD' } as const;

@Resolver()
export class CostResolver {
  @Mutation(() => CostEntriesRecordPayload, {
    nullable: true,
    description: 'Records up to 1,000 cost and usage lines, all or none; retries with the same idempotency keys count once',
  })
  costEntriesRecord(
    @Arg('input', { description: 'The batch of lines to record' }) input: CostEntriesRecordInput,
    @Ctx() ctx: StewardContext,
  ): Promise<CostEntriesRecordPayload> {
    return mutate(
      ctx,
      { action: 'costEntries.record', entityType: 'CostEntry' },
      () => recordCostEntries(ctx, input),
      () => ({ recordedCount: null, duplicateCount: null, entries: null }),
    );
  }

  @Query(() => CostEntryConnection, { nullable: true, description: 'Cost lines over a range (default: the last 30 days), newest day first' })
  costEntries(
    @Args() page: ConnectionArgs,
    @Args() range: CostRangeArgs,
    @Arg('filter', () => CostFilter, filterArg) filter: CostFilter | null,
    @Ctx() ctx: StewardContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<CostEntry>> {
    return listCostEntries(ctx, page, resolveRange(range), filter, Selection.of(info, true));
  }

  @Query(() => [CostBucket], {
    nullable: true,
    description: 'Totals over a range (default: the last 30 days) per interval and group, largest first within a period',
  })
  costRollup(
    @Args() range: CostRangeArgs,
    @Arg('filter', () => CostFilter, filterArg) filter: CostFilter | null,
    @Arg('groupBy', () => CostDimension, { nullable: true, description: 'What to split the totals by; without one, one bucket per period' })
    groupBy: CostDimension | null,
    @Arg('interval', () => CostInterval, { nullable: true, description: 'Without one, the whole range is one period' }) interval: CostInterval | null,
    @Ctx() ctx: StewardContext,
  ): Promise<CostBucket[]> {
    return costRollup(ctx, resolveRange(range), filter, groupBy, interval);
  }

  @Query(() => String, { nullable: true, description: 'costRollup as CSV (header row, CRLF), safe to open in a spreadsheet' })
  async costRollupCsv(
    @Args() range: CostRangeArgs,
    @Arg('filter', () => CostFilter, filterArg) filter: CostFilter | null,
    @Arg('groupBy', () => CostDimension, { nullable: true, description: 'What to split the totals by; without one, one row per period' })
    groupBy: CostDimension | null,
    @Arg('interval', () => CostInterval, { nullable: true, description: 'Without one, the whole range is one period' }) interval: CostInterval | null,
    @Ctx() ctx: StewardContext,
  ): Promise<string> {
    return bucketsCsv(await costRollup(ctx, resolveRange(range), filter, groupBy, interval), filter?.currency ?? 'USD');
  }

  @Query(() => [AgentSpend], { nullable: true, description: 'The agents that spent most over a range (default: the last 30 days)' })
  costTopAgents(
    @Args() range: CostRangeArgs,
    @Arg('limit', () => Int, { defaultValue: 10, description: `How many agents, most spending first (1-${TOP_AGENTS_MAX}); 10 unless given` }) limit: number,
    @Arg('filter', () => CostFilter, filterArg) filter: CostFilter | null,
    @Ctx() ctx: StewardContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<AgentSpend[]> {
    return costTopAgents(ctx, resolveRange(range), limit, filter, Selection.of(info).child('agent'));
  }

  @Query(() => CostSummary, { nullable: true, description: 'Total over a range (default: the last 30 days) against the same number of days before it' })
  costSummary(
    @Args() range: CostRangeArgs,
    @Arg('filter', () => CostFilter, filterArg) filter: CostFilter | null,
    @Ctx() ctx: StewardContext,
  ): Promise<CostSummary> {
    return costSummary(ctx, resolveRange(range), filter);
  }

  @Query(() => CostForecast, { nullable: true, description: 'The month of `asOf` (default: today): month-to-date, run rate and projected month end' })
  costForecast(
    @Arg('asOf', () => GraphQLLocalDate, { nullable: true, description: 'The day to forecast from (UTC, not in the future); today when null' })
    asOf: string | null,
    @Arg('filter', () => CostFilter, filterArg) filter: CostFilter | null,
    @Ctx() ctx: StewardContext,
  ): Promise<CostForecast> {
    return costForecast(ctx, asOf, filter);
  }
}

@Resolver(() => Agent)
export class AgentCostResolver {
  @FieldResolver(() => DecimalScalar, {
    nullable: true,
    description: 'What the agent cost over the last `days` days up to today (UTC); for admins, developers and analysts',
  })
  costTotal(
    @Root() agent: Agent,
    @Arg('days', () => Int, { defaultValue: 30, description: `How many days back, today included (1-${MAX_RANGE_DAYS}); 30 unless given` }) days: number,
    @Arg('currency', { defaultValue: 'USD', description: 'ISO 4217 code: only costs in this currency count; USD unless given' }) currency: string,
    @Ctx() ctx: StewardContext,
  ): Promise<string> {
    if (days < 1 || days > MAX_RANGE_DAYS) throw StewardError.badInput('days', `days must be between 1 and ${MAX_RANGE_DAYS}`);
    const computed = computedOf<string>(agent, 'costTotal', spendKey(days, currency));
    if (computed !== undefined) return Promise.resolve(computed);
    return agentSpend(ctx, lastDays(days), currency).load(agent.uuid);
  }
}
