import { useQuery } from '@apollo/client/react';
import { BarChart } from '@mantine/charts';
import { Badge, Card, Chip, Group, Progress, SegmentedControl, Select, Spoiler, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { allowed } from '../../app/access';
import { useViewer } from '../../app/shell/viewer';
import { getFragmentData } from '../../gql';
import { type AnalyticsEventType, type AnalyticsInterval } from '../../gql/graphql';
import { ChartBody } from '../../ui/ChartCard';
import { ListState } from '../../ui/ListState';
import { LoadMore } from '../../ui/LoadMore';
import { PageHeader } from '../../ui/PageHeader';
import { TableSkeleton } from '../../ui/TableSkeleton';
import { When } from '../../ui/When';
import { WHOLE } from '../../ui/badges';
import { JsonView } from '../../ui/json';
import { AnalyticsAgentOptionsQuery, AnalyticsEventCountsQuery, AnalyticsEventRow, AnalyticsEventsQuery } from './analytics.operations';
import {
  countRows,
  EVENT_RANGES,
  EVENT_TYPES,
  type EventRange,
  INTERVALS,
  intervalFor,
  isEventRange,
  isInterval,
  rangeWindow,
  totalsByType,
} from './analytics-view';

const TYPE_COLOR = Object.fromEntries(EVENT_TYPES.map((t) => [t.value, t.color.split('.')[0]])) as Record<AnalyticsEventType, string>;
const TYPE_LABEL = Object.fromEntries(EVENT_TYPES.map((t) => [t.value, t.label])) as Record<AnalyticsEventType, string>;

export default function AnalyticsPage() {
  const viewer = useViewer();
  const withPayload = allowed(viewer, 'analytics.readPayload');
  const [params, setParams] = useSearchParams();
  const range: EventRange = isEventRange(params.get('range')) ? (params.get('range') as EventRange) : '24h';
  const chosenInterval = params.get('interval')?.toUpperCase() ?? null;
  const interval = intervalFor(range, isInterval(chosenInterval) ? chosenInterval : null);
  const types = params
    .getAll('type')
    .filter((t): t is AnalyticsEventType => EVENT_TYPES.some((e) => e.value === t.toUpperCase()))
    .map((t) => t.toUpperCase() as AnalyticsEventType);
  const agentId = params.get('agent');
  const [nameText, setNameText] = useState(params.get('name') ?? '');
  const [name] = useDebouncedValue(nameText.trim(), 400);

  function change(patch: { range?: EventRange; interval?: AnalyticsInterval | null; types?: AnalyticsEventType[]; agent?: string | null; name?: string }) {
    const next = new URLSearchParams();
    const r = patch.range ?? range;
    if (r !== '24h') next.set('range', r);
    const i = patch.interval === undefined ? (isInterval(chosenInterval) ? chosenInterval : null) : patch.interval;
    if (i) next.set('interval', i.toLowerCase());
    for (const t of patch.types ?? types) next.append('type', t.toLowerCase());
    const a = patch.agent === undefined ? agentId : patch.agent;
    if (a) next.set('agent', a);
    const n = patch.name ?? name;
    if (n) next.set('name', n);
    setParams(next, { replace: true });
  }

  // Ranges end when the page opened (to the minute), so re-renders and refetches ask the same thing.
  const [openedAt] = useState(() => Date.now());
  const window = rangeWindow(range, openedAt);
  const filter = {
    types: types.length ? types : null,
    agentIds: agentId ? [agentId] : null,
    names: name ? [name] : null,
    ...window,
  };
  const counts = useQuery(AnalyticsEventCountsQuery, { variables: { filter, interval }, errorPolicy: 'all', notifyOnNetworkStatusChange: true });
  const events = useQuery(AnalyticsEventsQuery, { variables: { filter, first: 50, withPayload }, errorPolicy: 'all', notifyOnNetworkStatusChange: true });
  const agents = useQuery(AnalyticsAgentOptionsQuery, { errorPolicy: 'all' });

  const countList = (counts.data ?? counts.previousData)?.analyticsEventCounts;
  const rows = countRows(countList ?? [], interval);
  const totals = totalsByType(countList ?? []);
  const connection = (events.data ?? events.previousData)?.analyticsEvents;
  const list =
    getFragmentData(
      AnalyticsEventRow,
      connection?.edges.map((e) => e.node),
    ) ?? [];

  return (
    <>
      <PageHeader title="Analytics events" description="What users did, what the platform did and what the agents predicted, counted by type over time." />
      <Stack>
        <Card withBorder padding="md" component="section" aria-label="Filters">
          <Group align="flex-end" gap="lg">
            <Stack gap={4}>
              <Text size="sm" fw={500} id="analytics-range-label">
                Range
              </Text>
              <SegmentedControl
                aria-labelledby="analytics-range-label"
                data={EVENT_RANGES.map((r) => ({ value: r.value, label: r.label }))}
                value={range}
                onChange={(value) => change({ range: value as EventRange, interval: null })}
              />
            </Stack>
            <Select
              label="Interval"
              data={INTERVALS.map((i) => ({ ...i, disabled: i.value === 'MINUTE' && range !== '24h' }))}
              value={interval}
              allowDeselect={false}
              w={130}
              onChange={(value) => isInterval(value) && change({ interval: value })}
            />
            <Select
              label="Agent"
              placeholder="Every agent"
              data={(agents.data?.agents?.nodes ?? []).map((a) => ({ value: a.id, label: a.name }))}
              value={agentId}
              searchable
              clearable
              w={220}
              onChange={(value) => change({ agent: value })}
            />
            <TextInput
              label="Event name"
              placeholder="e.g. policy.evaluated"
              value={nameText}
              w={220}
              onChange={(event) => setNameText(event.currentTarget.value)}
              onBlur={() => change({ name: nameText.trim() })}
            />
          </Group>
          <Stack gap={4} mt="md">
            <Text size="sm" fw={500} id="analytics-types-label">
              Types
            </Text>
            <Chip.Group multiple value={types} onChange={(value) => change({ types: value as AnalyticsEventType[] })}>
              <Group gap="xs" role="group" aria-labelledby="analytics-types-label">
                {EVENT_TYPES.map((t) => (
                  <Chip key={t.value} value={t.value} color={t.color.split('.')[0]} size="sm">
                    {t.label}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
          </Stack>
        </Card>
        <Card withBorder padding="md" component="section" aria-label="Events by type" data-testid="analytics-counts">
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h4">
              Events by type
            </Title>
            <Group gap="xs">
              {EVENT_TYPES.map((t) => (
                <Badge key={t.value} variant="light" color={TYPE_COLOR[t.value]} styles={WHOLE} data-testid={`total-${t.value}`}>
                  {t.label}: {totals[t.value].toLocaleString()}
                </Badge>
              ))}
            </Group>
          </Group>
          {counts.loading ? <Progress value={100} animated striped size="xs" mb="xs" aria-label="Counting events" /> : null}
          <ChartBody
            what="the event counts"
            loading={counts.loading && !countList}
            error={countList ? null : counts.error}
            empty={rows.length === 0}
            emptyTitle="No events in this range"
            emptyDescription="Try a longer range or fewer filters."
            height={260}
            onRetry={() => void counts.refetch()}
          >
            <BarChart
              h={260}
              data={rows}
              dataKey="label"
              type="stacked"
              withLegend
              legendProps={{ verticalAlign: 'bottom', height: 40 }}
              series={EVENT_TYPES.map((t) => ({ name: t.value, label: t.label, color: t.color }))}
              xAxisProps={{ minTickGap: 24 }}
              yAxisProps={{ allowDecimals: false }}
              data-testid="analytics-chart"
            />
          </ChartBody>
        </Card>
        <Card withBorder padding="md" component="section" aria-label="Events">
          <Title order={2} size="h4" mb="sm">
            Events
          </Title>
          {events.loading && !connection ? (
            <TableSkeleton label="Loading events" />
          ) : (
            <ListState
              loading={false}
              error={events.error}
              empty={connection != null && list.length === 0}
              emptyTitle="No events match"
              what="events"
              onRetry={() => void events.refetch()}
            >
              <Table.ScrollContainer minWidth={760}>
                <Table verticalSpacing="xs" aria-label="Events" data-testid="analytics-events">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th w={150}>When</Table.Th>
                      <Table.Th w={150}>Type</Table.Th>
                      <Table.Th>Event</Table.Th>
                      <Table.Th>Agent</Table.Th>
                      {withPayload ? <Table.Th>User</Table.Th> : null}
                      {withPayload ? <Table.Th>Payload</Table.Th> : null}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {list.map((e) => (
                      <Table.Tr key={e.id} data-testid="analytics-event" data-type={e.type}>
                        <Table.Td>
                          <When at={e.occurredAt} />
                        </Table.Td>
                        <Table.Td>
                          <Badge variant="light" color={TYPE_COLOR[e.type]} styles={WHOLE}>
                            {TYPE_LABEL[e.type]}
                          </Badge>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm" ff="monospace">
                            {e.name}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{e.agent?.name ?? '—'}</Text>
                        </Table.Td>
                        {withPayload ? (
                          <Table.Td>
                            <Text size="sm">{e.user?.fullName ?? '—'}</Text>
                          </Table.Td>
                        ) : null}
                        {withPayload ? (
                          <Table.Td maw={360}>
                            <Spoiler maxHeight={48} showLabel="Show all" hideLabel="Hide">
                              <JsonView value={e.payload ?? null} empty="—" label={`Payload of ${e.name}`} />
                            </Spoiler>
                          </Table.Td>
                        ) : null}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              {connection ? (
                <LoadMore
                  shown={list.length}
                  total={connection.totalCount}
                  hasMore={connection.pageInfo.hasNextPage}
                  noun="events"
                  onLoadMore={() => events.fetchMore({ variables: { after: connection.pageInfo.endCursor } })}
                />
              ) : null}
            </ListState>
          )}
        </Card>
      </Stack>
    </>
  );
}
