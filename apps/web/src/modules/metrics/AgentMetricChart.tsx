import { useQuery } from '@apollo/client/react';
import { Anchor, Group, Loader } from '@mantine/core';
import { useMemo } from 'react';
import { Link } from 'react-router';
import type { MetricAggregation } from '../../gql/graphql';
import { ChartCard } from '../../ui/ChartCard';
import { type ChartKind, MetricChart } from './MetricChart';
import { type RangeKey, rangeOf, stepFor, stepText, windowOf } from './metric-view';
import { MetricSeriesQuery } from './metrics.operations';

interface AgentMetricChartProps {
  agentId: string;
  /** The metric, e.g. agent.response_time. */
  name: string;
  title: string;
  description?: string;
  range: RangeKey;
  aggregation: MetricAggregation;
  kind: ChartKind;
  testId: string;
  height?: number;
}

/**
 * One agent's metric over a range, in a chart card with its loading, failure and empty states and a
 * link to the explorer with the same choice. Self-contained (its own query) for the agent's Health tab.
 */
export function AgentMetricChart({ agentId, name, title, description, range, aggregation, kind, testId, height = 240 }: AgentMetricChartProps) {
  const window = useMemo(() => windowOf(range), [range]);
  const step = stepFor(range, 'auto');
  const { data, previousData, loading, error, refetch } = useQuery(MetricSeriesQuery, {
    variables: { input: { name, agentIds: [agentId], ...window, stepSeconds: step } },
    errorPolicy: 'all',
    notifyOnNetworkStatusChange: true,
  });
  const result = (data ?? previousData)?.metricSeries;
  const series = result?.series ?? [];
  const explore = `/metrics?${new URLSearchParams({ metric: name, agent: agentId, range, agg: aggregation.toLowerCase(), chart: kind })}`;
  return (
    <ChartCard
      title={title}
      description={description ?? (result ? `Every ${stepText(result.step)}, ${rangeOf(range).label.toLowerCase()} (UTC)` : undefined)}
      testId={testId}
      actions={
        <Group gap="xs" wrap="nowrap">
          {loading && result ? <Loader size="xs" aria-label={`Updating ${title.toLowerCase()}`} /> : null}
          <Anchor component={Link} to={explore} size="sm">
            Explore
          </Anchor>
        </Group>
      }
      loading={loading && !result}
      error={result ? null : error}
      empty={series.length === 0}
      emptyTitle="No points in this range"
      emptyDescription="The agent has not reported this metric here yet."
      height={height}
      onRetry={() => void refetch()}
    >
      <MetricChart series={series} aggregation={aggregation} kind={kind} rangeSeconds={rangeOf(range).seconds} height={height} testId={`${testId}-chart`} />
    </ChartCard>
  );
}
