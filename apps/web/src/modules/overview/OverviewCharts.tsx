import { BarChart, DonutChart } from '@mantine/charts';
import { Anchor, ColorSwatch, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { AgentStatus, AlertSeverity, OverviewQuery, PolicySeverity } from '../../gql/graphql';
import { ChartCard } from '../../ui/ChartCard';
import { STATUS_COLOR } from '../../ui/labels';
import { words } from '../../format/words';
import { SEVERITY_COLOR } from '../../ui/badges';

type Counts = NonNullable<OverviewQuery['overview']>;

const ALERT_COLOR: Record<AlertSeverity, string> = { CRITICAL: 'red', WARNING: 'orange', INFO: 'blue' };
const AGENT_COLOR: Record<AgentStatus, string> = { ...STATUS_COLOR, DRAFT: 'gray', ARCHIVED: 'dark' };

interface ChartState {
  loading: boolean;
  error: unknown;
  onRetry: () => void;
}

/** Open violations by severity as bars, each in its severity's colour; the exact counts are in the bars' labels. */
export function ViolationsBySeverityChart({ counts, ...state }: { counts: Counts['openViolationsBySeverity'] | undefined } & ChartState) {
  const data = (counts ?? []).map((c) => ({ severity: words(c.severity), key: c.severity, count: c.count, color: `${SEVERITY_COLOR[c.severity]}.6` }));
  const total = data.reduce((sum, d) => sum + d.count, 0);
  return (
    <ChartCard
      title="Open violations by severity"
      description={
        <Anchor component={Link} to="/violations" size="xs">
          {total} open: see them all
        </Anchor>
      }
      testId="violations-by-severity"
      height={200}
      empty={counts != null && total === 0}
      emptyTitle="No open violations"
      emptyDescription="Every agent complies with the rules in force, or has a waiver."
      {...state}
    >
      <BarChart
        h={200}
        data={data}
        dataKey="severity"
        series={[{ name: 'count', label: 'Open violations', color: 'red.6' }]}
        withBarValueLabel
        withTooltip={false}
        tickLine="none"
        gridAxis="none"
        withYAxis={false}
        role="img"
        aria-label={data.map((d) => `${d.severity}: ${d.count}`).join(', ')}
      />
      <SeverityKey items={data.map((d) => ({ key: d.key, label: d.severity, count: d.count, color: SEVERITY_COLOR[d.key as PolicySeverity] }))} />
    </ChartCard>
  );
}

function SeverityKey({ items }: { items: { key: string; label: string; count: number; color: string }[] }) {
  return (
    <Group gap="md" justify="center" mt="xs">
      {items.map((item) => (
        <Group key={item.key} gap={6} wrap="nowrap" data-testid={`count-${item.key.toLowerCase()}`}>
          <ColorSwatch color={`var(--mantine-color-${item.color}-6)`} size={10} withShadow={false} />
          <Text size="xs">
            {item.label} <b>{item.count}</b>
          </Text>
        </Group>
      ))}
    </Group>
  );
}

/** Agents by lifecycle state as a donut with a legend of links to the agents list. */
export function AgentsByStateChart({ counts, ...state }: { counts: Counts['agentsByStatus'] | undefined } & ChartState) {
  const data = (counts ?? []).map((c) => ({ name: words(c.status), value: c.count, color: `${AGENT_COLOR[c.status]}.6`, key: c.status }));
  const total = data.reduce((sum, d) => sum + d.value, 0);
  return (
    <ChartCard
      title="Agents by lifecycle state"
      testId="agents-by-state"
      height={200}
      empty={counts != null && total === 0}
      emptyTitle="No agents yet"
      emptyDescription="Register the first agent on the Agents page."
      {...state}
    >
      <Group justify="center" gap="xl" wrap="wrap">
        <DonutChart data={data.filter((d) => d.value > 0)} size={170} thickness={24} withTooltip tooltipDataSource="segment" chartLabel={`${total} agents`} />
        <Stack gap={6}>
          {data.map((d) => (
            <Group key={d.key} gap={8} wrap="nowrap" data-testid={`count-${d.key.toLowerCase()}`}>
              <ColorSwatch color={`var(--mantine-color-${d.color.replace('.', '-')})`} size={12} withShadow={false} />
              <Anchor component={Link} to="/agents" size="sm">
                {d.name}
              </Anchor>
              <Text size="sm" fw={600}>
                {d.value}
              </Text>
            </Group>
          ))}
        </Stack>
      </Group>
    </ChartCard>
  );
}

/** Open and acknowledged alerts by severity. */
export function AlertsBySeverityChart({ counts, ...state }: { counts: Counts['openAlertsBySeverity'] | undefined } & ChartState) {
  const data = (counts ?? []).map((c) => ({ severity: words(c.severity), key: c.severity, count: c.count, color: `${ALERT_COLOR[c.severity]}.6` }));
  const total = data.reduce((sum, d) => sum + d.count, 0);
  return (
    <ChartCard
      title="Open alerts by severity"
      description={
        <Anchor component={Link} to="/alerts" size="xs">
          {total} not resolved: see them all
        </Anchor>
      }
      testId="alerts-by-severity"
      height={200}
      empty={counts != null && total === 0}
      emptyTitle="No open alerts"
      emptyDescription="No budget has crossed a threshold this period."
      {...state}
    >
      <BarChart
        h={200}
        data={data}
        dataKey="severity"
        series={[{ name: 'count', label: 'Open alerts', color: 'orange.6' }]}
        withBarValueLabel
        withTooltip={false}
        tickLine="none"
        gridAxis="none"
        withYAxis={false}
      />
      <SeverityKey items={data.map((d) => ({ key: d.key, label: d.severity, count: d.count, color: ALERT_COLOR[d.key as AlertSeverity] }))} />
    </ChartCard>
  );
}
