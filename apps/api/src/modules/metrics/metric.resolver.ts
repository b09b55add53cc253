import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { StewardContext } from '../../context';
import { readByIdFor, Selection } from '../../graphql/read-model';
import { mutate } from '../../graphql/mutation';
import { Agent, agentReads } from '../agents';
import { MetricDefinition, WELL_KNOWN_METRICS } from './metric.definitions';
import { MetricPointsRecordInput, MetricRetentionSetInput, MetricSeriesInput } from './metric.inputs';
import { MetricPointsRecordPayload, MetricRetentionSetPayload } from './metric.payloads';
import { metricRetention, setMetricRetention } from './metric-retention.service';
import { recordMetricPoints } from './metric-ingestion.service';
import { metricNames } from './metric-names.service';
import { metricSeries, seriesReadsOf } from './metric-series.service';
import { MetricPoint, MetricRetention, MetricSeries, MetricSeriesResult } from './metric.types';
import { StewardError, UserInputProblem } from '../../graphql/errors';

@Resolver()
export class MetricResolver {
  @Mutation(() => MetricPointsRecordPayload, {
    nullable: true,
    description: 'Records up to 5,000 metric points, all or none; a retry with the same batchKey and points is a DUPLICATE and writes nothing',
  })
  metricPointsRecord(
    @Arg('input', { description: 'The batch to record' }) input: MetricPointsRecordInput,
    @Ctx() ctx: StewardContext,
  ): Promise<MetricPointsRecordPayload> {
    return mutate(
      ctx,
      { action: 'metricPoints.record', entityType: 'MetricPoint' },
      async () => ({ ...(await recordMetricPoints(ctx, input.batchKey, input.points)), userErrors: [] }),
      () => ({ outcome: null, recordedCount: null }),
    );
  }

  @Mutation(() => MetricRetentionSetPayload, {
    nullable: true,
    description: 'Sets how long this tenant keeps each tier of metrics, within its plan; admins only',
  })
  metricRetentionSet(
    @Arg('input', { description: 'Days per tier; omitted tiers stay as they are' }) input: MetricRetentionSetInput,
    @Ctx() ctx: StewardContext,
  ): Promise<MetricRetentionSetPayload> {
    return mutate(
      ctx,
      { action: 'metricRetention.set', entityType: 'MetricRetention' },
      async () => ({ retention: await setMetricRetention(ctx, input), userErrors: [] }),
      () => ({ retention: null }),
    );
  }

  @Query(() => [MetricDefinition], { nullable: true, description: 'The well-known metric names, with units' })
  metricDefinitions(): MetricDefinition[] {
    return WELL_KNOWN_METRICS;
  }

  @Query(() => [String], {
    nullable: true,
    description: 'Metric names this tenant has data for over the last 30 days: well-known first, then custom, at most 200',
  })
  metricNames(@Ctx() ctx: StewardContext): Promise<string[]> {
    return metricNames(ctx);
  }

  @Query(() => MetricSeriesResult, {
    nullable: true,
    description: 'Series of one metric for up to 50 agents, from the coarsest store fitting the range and step',
  })
  async metricSeries(
    @Arg('input', { description: 'Metric, agents, range and step' }) input: MetricSeriesInput,
    @Ctx() ctx: StewardContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<MetricSeriesResult> {
    try {
      return await metricSeries(ctx, input, Date.now(), seriesReadsOf(Selection.of(info)));
    } catch (error) {
      if (error instanceof UserInputProblem) throw StewardError.badInput(`input.${error.field ?? ''}`, error.message);
      throw error;
    }
  }

  @Query(() => MetricRetention, { nullable: true, description: 'How long this tenant keeps each tier of metrics, and its plan’s limits' })
  metricRetention(@Ctx() ctx: StewardContext): Promise<MetricRetention> {
    return metricRetention(ctx);
  }
}

@Resolver(() => MetricSeries)
export class MetricSeriesResolver {
  @FieldResolver(() => [MetricPoint], { description: 'Buckets in time order, an object each' })
  points(@Root() series: MetricSeries): MetricPoint[] {
    const b = series.buckets;
    return b.at.map((at, i) => ({ at, avg: b.avg[i], sum: b.sum[i], min: b.min[i], max: b.max[i], count: b.count[i], p95: b.p95[i] }));
  }

  @FieldResolver(() => Agent, { description: 'The agent measured' })
  agent(@Root() series: MetricSeries, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Agent | Promise<Agent> {
    // Read with the series when the query selected it there (always, from metricSeries): no promise per series.
    if (series.joinedAgent) return series.joinedAgent;
    return readByIdFor(ctx, agentReads, info)
      .load(series.agentUuid)
      .then((agent) => {
        if (!agent) throw StewardError.notFound('Agent');
        return agent;
      });
  }
}
