import { useQuery } from '@apollo/client/react';
import { Badge, Card, Group, MultiSelect, Progress, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { type FragmentType, getFragmentData } from '../../gql';
import { MetricAggregation } from '../../gql/graphql';
import { ChartBody } from '../../ui/ChartCard';
import { PageHeader } from '../../ui/PageHeader';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { type ChartKind, MetricChart } from './MetricChart';
import { AGGREGATIONS, formatValue, isRange, RANGES, type RangeKey, rangeOf, STEPS, stepFor, pointsOf, stepText, valueOf, windowOf } from './metric-view';
import { MetricExplorerOptionsQuery, MetricSeriesFields, MetricSeriesQuery } from './metrics.operations';

const DEFAULT_METRIC = 'agent.response_time';
/** Compare at most this many agents at once: more lines than this are unreadable. */
export const MAX_AGENTS = 10;

function aggregationOf(value: string | null): MetricAggregation | null {
  const upper = value?.toUpperCase();
  return (Object.values(MetricAggregation) as string[]).includes(upper ?? '') ? (upper as MetricAggregation) : null;
}

/** The explorer's choice, kept in the URL so a view can be shared and survives a reload. */
export function useExplorerParams() {
  const [params, setParams] = useSearchParams();
  const range: RangeKey = isRange(params.get('range')) ? (params.get('range') as RangeKey) : '24h';
  const choice = {
    metric: params.get('metric') || DEFAULT_METRIC,
    agentIds: params.getAll('agent').slice(0, MAX_AGENTS),
    tags: params.getAll('tag'),
    range,
    step: params.get('step') && STEPS.some((s) => s.value === params.get('step')) ? (params.get('step') as string) : 'auto',
    aggregation: aggregationOf(params.get('agg')),
    kind: (params.get('chart') === 'area' ? 'area' : 'line') as ChartKind,
  };
  function change(patch: Partial<typeof choice>) {
    const next = { ...choice, ...patch };
    const out = new URLSearchParams();
    out.set('metric', next.metric);
    for (const id of next.agentIds) out.append('agent', id);
    for (const tag of next.tags) out.append('tag', tag);
    if (next.range !== '24h') out.set('range', next.range);
    if (next.step !== 'auto') out.set('step', next.step);
    if (next.aggregation) out.set('agg', next.aggregation.toLowerCase());
    if (next.kind !== 'line') out.set('chart', next.kind);
    setParams(out, { replace: true });
  }
  return { ...choice, change };
}

export default function MetricsExplorerPage() {
  const choice = useExplorerParams();
  const options = useQuery(MetricExplorerOptionsQuery, { errorPolicy: 'all' });
  const definitions = options.data?.metricDefinitions ?? [];
  const definition = definitions.find((d) => d.name === choice.metric);
  const aggregation = choice.aggregation ?? definition?.defaultAggregation ?? MetricAggregation.Avg;
  const window = useMemo(() => windowOf(choice.range), [choice.range]);
  const stepSeconds = stepFor(choice.range, choice.step);
  const input = {
    name: choice.metric,
    agentIds: choice.agentIds.length ? choice.agentIds : null,
    tags: choice.tags.length ? choice.tags : null,
    ...window,
    stepSeconds,
  };
  const { data, previousData, loading, error, refetch } = useQuery(MetricSeriesQuery, {
    variables: { input },
    errorPolicy: 'all',
    notifyOnNetworkStatusChange: true,
  });
  const result = (data ?? previousData)?.metricSeries;
  const series = result?.series ?? [];

  const agents = options.data?.agents?.nodes ?? [];
  const metricOptions = [...new Set([...definitions.map((d) => d.name), ...(options.data?.metricNames ?? []), choice.metric])].map((name) => ({
    value: name,
    label: name,
  }));
  const tagOptions = [...new Set(agents.flatMap((a) => a.tags))].sort();
  const unit = definition?.unit ?? getFragmentData(MetricSeriesFields, series).find((s) => s.unit)?.unit ?? null;

  return (
    <>
      <PageHeader
        title="Metrics"
        description="Latency, errors, throughput, tokens and uptime per agent. Pick a metric, the agents to compare (or their tags), a range and a step."
      />
      <Stack>
        <Card withBorder padding="md" component="section" aria-label="What to show">
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
            <Select
              label="Metric"
              data={metricOptions}
              value={choice.metric}
              searchable
              allowDeselect={false}
              description={definition ? `${definition.description} (${definition.unit})` : 'A custom metric'}
              onChange={(value) => value && choice.change({ metric: value, aggregation: null })}
            />
            <MultiSelect
              label="Agents"
              description={`Compare up to ${MAX_AGENTS}; none means every agent`}
              placeholder={choice.agentIds.length ? undefined : 'Every agent'}
              data={agents.map((a) => ({ value: a.id, label: a.name }))}
              value={choice.agentIds}
              maxValues={MAX_AGENTS}
              searchable
              clearable
              onChange={(agentIds) => choice.change({ agentIds })}
            />
            <MultiSelect
              label="Tags"
              description="Agents carrying any of these tags"
              placeholder={choice.tags.length ? undefined : 'Any tag'}
              data={tagOptions}
              value={choice.tags}
              searchable
              clearable
              onChange={(tags) => choice.change({ tags })}
            />
            <Select
              label="Value"
              description="Which aggregate of each bucket to plot"
              data={AGGREGATIONS}
              value={aggregation}
              allowDeselect={false}
              onChange={(value) => choice.change({ aggregation: aggregationOf(value) })}
            />
          </SimpleGrid>
          <Group mt="md" gap="lg" align="flex-end">
            <Stack gap={4}>
              <Text size="sm" fw={500} id="metrics-range-label">
                Range
              </Text>
              <SegmentedControl
                aria-labelledby="metrics-range-label"
                data={RANGES.map((r) => ({ value: r.value, label: r.label }))}
                value={choice.range}
                onChange={(value) => choice.change({ range: value as RangeKey })}
              />
            </Stack>
            <Select label="Step" data={STEPS} value={choice.step} allowDeselect={false} w={130} onChange={(value) => value && choice.change({ step: value })} />
            <Stack gap={4}>
              <Text size="sm" fw={500} id="metrics-chart-label">
                Chart
              </Text>
              <SegmentedControl
                aria-labelledby="metrics-chart-label"
                data={[
                  { value: 'line', label: 'Line' },
                  { value: 'area', label: 'Area' },
                ]}
                value={choice.kind}
                onChange={(value) => choice.change({ kind: value as ChartKind })}
              />
            </Stack>
          </Group>
          {options.error && !options.data ? <ProblemAlert error={options.error} what="reading the metric names and agents" /> : null}
        </Card>
        <Card withBorder padding="md" component="section" aria-label={choice.metric} data-testid="metric-explorer">
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h4">
              {choice.metric}
            </Title>
            {result ? (
              <Group gap="xs">
                <Badge variant="light" color="gray" data-testid="metric-resolution">
                  {result.resolution.toLowerCase()} store
                </Badge>
                <Text size="xs" c="dimmed">
                  every {stepText(result.step)} · {series.length} {series.length === 1 ? 'agent' : 'agents'}
                </Text>
              </Group>
            ) : null}
          </Group>
          {loading ? (
            <Progress value={100} animated striped size="xs" mb="xs" aria-label="Loading the metric" data-testid="metric-loading" />
          ) : (
            <div style={{ height: 'var(--progress-size-xs, 6px)' }} />
          )}
          <ChartBody
            what={choice.metric}
            loading={loading && !result}
            error={result ? null : error}
            empty={series.length === 0}
            emptyTitle="No points for this choice"
            emptyDescription="Try a longer range, other agents or another metric."
            height={340}
            onRetry={() => void refetch()}
          >
            <MetricChart
              series={series}
              aggregation={aggregation}
              kind={choice.kind}
              rangeSeconds={rangeOf(choice.range).seconds}
              stacked={aggregation === MetricAggregation.Sum || aggregation === MetricAggregation.Count}
              height={340}
              testId="metric-chart"
            />
          </ChartBody>
        </Card>
        {series.length ? <SeriesSummary series={series} aggregation={aggregation} unit={unit} /> : null}
      </Stack>
    </>
  );
}

/** Per agent over the range: the mean of the plotted values, the peak and the buckets with data, to compare exactly. */
function SeriesSummary({
  series: refs,
  aggregation,
  unit,
}: {
  series: readonly FragmentType<typeof MetricSeriesFields>[];
  aggregation: MetricAggregation;
  unit: string | null;
}) {
  const series = getFragmentData(MetricSeriesFields, refs);
  const rows = series.map((s) => {
    const values = pointsOf(s.buckets)
      .map((p) => valueOf(p, aggregation))
      .filter((v): v is number => v != null);
    const mean = values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
    return { id: s.agent.id, name: s.agent.name, mean, peak: values.length ? Math.max(...values) : null, buckets: values.length };
  });
  const label = AGGREGATIONS.find((a) => a.value === aggregation)?.label.toLowerCase() ?? '';
  return (
    <Card withBorder padding="md" component="section" aria-label="Agents compared">
      <Title order={2} size="h4" mb="sm">
        Agents compared
      </Title>
      <Table.ScrollContainer minWidth={520}>
        <Table aria-label="Agents compared" data-testid="metric-summary">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Agent</Table.Th>
              <Table.Th ta="right">Mean of {label}</Table.Th>
              <Table.Th ta="right">Peak</Table.Th>
              <Table.Th ta="right">Buckets with data</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.id}>
                <Table.Td>{row.name}</Table.Td>
                <Table.Td ta="right">{formatValue(row.mean, unit)}</Table.Td>
                <Table.Td ta="right">{formatValue(row.peak, unit)}</Table.Td>
                <Table.Td ta="right">{row.buckets}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}
