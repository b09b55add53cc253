import { useQuery } from '@apollo/client/react';
import { LineChart } from '@mantine/charts';
import { Card, Group, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { allowed } from '../../app/access';
import { useViewer } from '../../app/shell/viewer';
import { graphql } from '../../gql';
import { type AgentHealthPanelQuery as HealthResult, MetricAggregation } from '../../gql/graphql';
import { HealthBadge } from '../../ui/badges';
import { ChartBody } from '../../ui/ChartCard';
import { ListState } from '../../ui/ListState';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { TableSkeleton } from '../../ui/TableSkeleton';
import { When } from '../../ui/When';
import { formatDateTime } from '../../ui/dates';
import { AgentMetricChart } from '../metrics/public';

export const AgentHealthPanelQuery = graphql(`
  query AgentHealthPanel($id: ID!, $from: DateTimeISO!, $withDetails: Boolean!) {
    agent(id: $id) {
      id
      health {
        status
        since
        lastReportAt
        silent
        message
        cpuPercent @include(if: $withDetails)
        memoryMb @include(if: $withDetails)
        restarts @include(if: $withDetails)
      }
      uptime(from: $from) @include(if: $withDetails)
      healthHistory(from: $from, limit: 500) @include(if: $withDetails) {
        at
        status
        cpuPercent
        memoryMb
        restarts
        message
        source
      }
    }
  }
`);

type Report = NonNullable<NonNullable<HealthResult['agent']>['healthHistory']>[number];

const RANGES = [
  { value: '24h', label: '24 hours', hours: 24 },
  { value: '7d', label: '7 days', hours: 168 },
] as const;
type Range = (typeof RANGES)[number]['value'];

/** The status changes of a history (newest first): each report that differs from the one before it in time. */
export function statusChanges(history: readonly Report[]): Report[] {
  const changes: Report[] = [];
  for (let i = history.length - 1; i >= 0; i--) {
    const report = history[i];
    if (changes.length === 0 || changes[changes.length - 1].status !== report.status) changes.push(report);
  }
  return changes.reverse();
}

function number(value: number | null | undefined, unit: string, digits = 1): string {
  return value == null ? '—' : `${value.toLocaleString(undefined, { maximumFractionDigits: digits })}${unit}`;
}

/**
 * An agent's runtime health: its current status from the last report (or silence), CPU, memory and
 * restarts, uptime and latency over a range, and the history of reports and status changes.
 */
export function AgentHealth({ agentId }: { agentId: string }) {
  const viewer = useViewer();
  const withDetails = allowed(viewer, 'agents.readHealth');
  const withMetrics = allowed(viewer, 'metrics.read');
  const [range, setRange] = useState<Range>('24h');
  const hours = RANGES.find((r) => r.value === range)?.hours ?? 24;
  // The range ends when the tab opened (to the minute), so re-renders ask the same thing.
  const [openedAt] = useState(() => Math.floor(Date.now() / 60_000) * 60_000);
  const from = new Date(openedAt - hours * 3_600_000).toISOString();
  const { data, previousData, loading, error, refetch } = useQuery(AgentHealthPanelQuery, {
    variables: { id: agentId, from, withDetails },
    errorPolicy: 'all',
    notifyOnNetworkStatusChange: true,
  });
  const agent = (data ?? previousData)?.agent;
  const health = agent?.health;
  const history = agent?.healthHistory ?? [];
  const resources = [...history]
    .reverse()
    .filter((r) => r.cpuPercent != null || r.memoryMb != null)
    .map((r) => ({ at: r.at, label: formatDateTime(r.at), cpu: r.cpuPercent, memory: r.memoryMb }));

  if (!health) {
    if (loading) return <TableSkeleton label="Loading the agent's health" />;
    return <ProblemAlert error={error} onRetry={() => void refetch()} what="reading this agent's health" />;
  }

  return (
    <Stack data-testid="agent-health">
      <Card withBorder padding="md" component="section" aria-label="Current health">
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <Title order={2} size="h4">
              Current health
            </Title>
            <Group gap="xs">
              <HealthBadge status={health.status} size="lg" />
              {health.silent ? (
                <Text size="sm" c="dimmed">
                  No report within the silence limit
                </Text>
              ) : null}
            </Group>
            {health.message ? (
              <Text size="sm" data-testid="agent-health-message">
                {health.message}
              </Text>
            ) : null}
          </Stack>
          {withDetails ? (
            <SegmentedControl
              aria-label="Health range"
              data={RANGES.map((r) => ({ value: r.value, label: r.label }))}
              value={range}
              onChange={(v) => setRange(v as Range)}
            />
          ) : null}
        </Group>
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} mt="md">
          <Figure label="Status since">
            <When at={health.since} never="—" />
          </Figure>
          <Figure label="Last report">
            <When at={health.lastReportAt} never="Never" />
          </Figure>
          {withDetails ? (
            <>
              <Figure label={`Uptime (${RANGES.find((r) => r.value === range)?.label})`} testId="agent-uptime">
                {number(agent?.uptime, '%', 2)}
              </Figure>
              <Figure label="CPU" testId="agent-cpu">
                {number(health.cpuPercent, '%')}
              </Figure>
              <Figure label="Memory" testId="agent-memory">
                {number(health.memoryMb, ' MB', 0)}
              </Figure>
              <Figure label="Restarts" testId="agent-restarts">
                {health.restarts == null ? '—' : health.restarts.toLocaleString()}
              </Figure>
            </>
          ) : null}
        </SimpleGrid>
        {!withDetails ? (
          <Text size="sm" c="dimmed" mt="sm">
            Your role sees the agent&apos;s status only; resources, uptime and history are for operators and reviewers.
          </Text>
        ) : null}
      </Card>
      {error && withDetails ? <ProblemAlert error={error} what="reading parts of this agent's health" /> : null}
      {withMetrics ? (
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          <AgentMetricChart
            agentId={agentId}
            name="agent.response_time"
            title="Latency"
            range={range}
            aggregation={MetricAggregation.P95}
            kind="line"
            testId="agent-latency"
          />
          <AgentMetricChart
            agentId={agentId}
            name="agent.uptime"
            title="Uptime"
            range={range}
            aggregation={MetricAggregation.Avg}
            kind="area"
            testId="agent-uptime-chart"
          />
        </SimpleGrid>
      ) : null}
      {withDetails ? (
        <>
          <Card withBorder padding="md" component="section" aria-label="CPU and memory" data-testid="agent-resources">
            <Title order={2} size="h4" mb="sm">
              CPU and memory
            </Title>
            <ChartBody
              what="CPU and memory"
              loading={loading && !agent}
              error={null}
              empty={resources.length === 0}
              emptyTitle="No resource reports in this range"
              emptyDescription="The runtime's health reports carry CPU and memory."
              height={220}
            >
              <LineChart
                h={220}
                data={resources}
                dataKey="label"
                withRightYAxis
                withDots={false}
                connectNulls={false}
                curveType="linear"
                series={[
                  { name: 'cpu', label: 'CPU %', color: 'blue.6' },
                  { name: 'memory', label: 'Memory MB', color: 'grape.6', yAxisId: 'right' },
                ]}
                withLegend
                xAxisProps={{ minTickGap: 40, tick: false }}
                yAxisProps={{ width: 50 }}
                rightYAxisProps={{ width: 60 }}
              />
            </ChartBody>
          </Card>
          <HealthHistory history={history} loading={loading && !agent} />
        </>
      ) : null}
    </Stack>
  );
}

function Figure({ label, testId, children }: { label: string; testId?: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600} component="div" data-testid={testId}>
        {children}
      </Text>
    </div>
  );
}

/** The status changes over the range, newest first, with what the runtime said. */
function HealthHistory({ history, loading }: { history: readonly Report[]; loading: boolean }) {
  const changes = statusChanges(history);
  return (
    <Card withBorder padding="md" component="section" aria-label="Health history">
      <Title order={2} size="h4" mb="sm">
        Health history
      </Title>
      <ListState
        loading={loading}
        error={null}
        empty={changes.length === 0}
        emptyTitle="No health reports in this range"
        emptyDescription="The agent's runtime has not reported its health here."
        what="the health history"
      >
        <Table.ScrollContainer minWidth={640}>
          <Table aria-label="Health history" data-testid="agent-health-history">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>From</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>CPU</Table.Th>
                <Table.Th>Memory</Table.Th>
                <Table.Th>Restarts</Table.Th>
                <Table.Th>Message</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {changes.map((r) => (
                <Table.Tr key={`${r.at}-${r.status}`} data-status={r.status}>
                  <Table.Td>
                    <When at={r.at} />
                  </Table.Td>
                  <Table.Td>
                    <HealthBadge status={r.status} size="sm" data-testid="history-status" />
                  </Table.Td>
                  <Table.Td>{number(r.cpuPercent, '%')}</Table.Td>
                  <Table.Td>{number(r.memoryMb, ' MB', 0)}</Table.Td>
                  <Table.Td>{r.restarts ?? '—'}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{r.source === 'silence' ? 'No report: marked unhealthy by silence detection' : (r.message ?? '')}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </ListState>
    </Card>
  );
}
