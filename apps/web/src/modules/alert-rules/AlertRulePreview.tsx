import { useQuery } from '@apollo/client/react';
import { BarChart } from '@mantine/charts';
import { Badge, Card, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import type { AlertRulePreviewInput, AlertRulePreviewQuery as PreviewResult } from '../../gql/graphql';
import { ChartBody } from '../../ui/ChartCard';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { When } from '../../ui/When';
import { formatDateTime } from '../../ui/dates';
import { AlertRulePreviewQuery } from './alert-rule.operations';

export const PREVIEW_DEBOUNCE_MS = 500;

type Preview = NonNullable<PreviewResult['alertRulePreview']>;
type Episode = Preview['episodes'][number];

/** Hour by hour over the preview's day: how many agents the rule would have been firing for. */
export function firingByHour(episodes: readonly Episode[], end: number, hours = 24): { hour: string; agents: number }[] {
  const hourMs = 3_600_000;
  const last = Math.floor(end / hourMs) * hourMs;
  const format = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
  const rows: { hour: string; agents: number }[] = [];
  for (let i = hours - 1; i >= 0; i--) {
    const start = last - i * hourMs;
    const stop = start + hourMs;
    const agents = new Set(
      episodes.filter((e) => Date.parse(e.firedAt) < stop && (e.resolvedAt == null || Date.parse(e.resolvedAt) > start)).map((e) => e.agent.id),
    );
    rows.push({ hour: format.format(new Date(start)), agents: agents.size });
  }
  return rows;
}

/**
 * What the draft rule would have fired over the last day, re-asked as the author types (debounced).
 * The condition's problems go back to the form, to show in the editor at their place.
 */
export function usePreview(input: AlertRulePreviewInput | null) {
  const key = JSON.stringify(input);
  const [debouncedKey] = useDebouncedValue(key, PREVIEW_DEBOUNCE_MS);
  const debounced = JSON.parse(debouncedKey) as AlertRulePreviewInput | null;
  const { data, previousData, loading, error } = useQuery(AlertRulePreviewQuery, {
    variables: { input: debounced ?? { condition: '' } },
    skip: !debounced,
    fetchPolicy: 'network-only',
    errorPolicy: 'all',
  });
  const preview = input ? ((data ?? previousData)?.alertRulePreview ?? null) : null;
  return { input, preview, checking: Boolean(input) && (loading || key !== debouncedKey), error: input ? error : undefined };
}

export function AlertRulePreviewPanel({ preview, checking, error, hasInput }: ReturnType<typeof usePreview> & { hasInput: boolean }) {
  const [openedAt] = useState(() => Date.now());
  const problems = preview?.userErrors ?? [];
  const episodes = preview?.episodes ?? [];
  const agents = new Set(episodes.map((e) => e.agent.id)).size;
  return (
    <Card withBorder padding="sm" component="section" aria-label="Preview over the last 24 hours" data-testid="alert-rule-preview" aria-busy={checking}>
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h5">
          Preview: the last 24 hours
        </Title>
        {checking ? (
          <Group gap={6}>
            <Loader size="xs" />
            <Text size="xs" c="dimmed">
              Evaluating…
            </Text>
          </Group>
        ) : null}
      </Group>
      {!hasInput ? (
        <Text size="sm" c="dimmed">
          Write a condition and its window: the rule is tried on the stored metrics of the last day as you type.
        </Text>
      ) : error && !preview ? (
        <ProblemAlert error={error} what="previewing the rule" />
      ) : problems.length ? (
        <Text size="sm" c="dimmed">
          Fix the condition to see what it would have fired.
        </Text>
      ) : preview ? (
        <Stack gap="xs">
          <Group gap="xs">
            <Badge color={episodes.length ? 'orange' : 'teal'} variant="light" data-testid="preview-episodes">
              {episodes.length === 0 ? 'Would not have fired' : `Would have fired ${episodes.length} ${episodes.length === 1 ? 'time' : 'times'}`}
            </Badge>
            <Text size="xs" c="dimmed">
              {agents ? `${agents} ${agents === 1 ? 'agent' : 'agents'} · ` : ''}
              {preview.evaluations.toLocaleString()} evaluations
            </Text>
          </Group>
          <ChartBody what="the preview" loading={false} error={null} empty={false} height={120}>
            <BarChart
              h={120}
              data={firingByHour(episodes, openedAt)}
              dataKey="hour"
              series={[{ name: 'agents', label: 'Agents firing', color: 'orange.6' }]}
              xAxisProps={{ minTickGap: 24 }}
              yAxisProps={{ allowDecimals: false, width: 30 }}
              data-testid="preview-chart"
            />
          </ChartBody>
          {episodes.length ? (
            <Table.ScrollContainer
              // Native scrolling: the container itself scrolls, so the keyboard stop is on the element that scrolls.
              type="native"
              minWidth={420}
              mah={180}
              tabIndex={0}
              role="region"
              aria-label="Would-have-fired episodes, scrollable"
              data-testid="preview-episodes-scroller"
            >
              <Table fz="sm" aria-label="Would-have-fired episodes">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Agent</Table.Th>
                    <Table.Th>Fired</Table.Th>
                    <Table.Th>Resolved</Table.Th>
                    <Table.Th ta="right">Peak error rate</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {episodes.slice(0, 20).map((e) => (
                    <Table.Tr key={`${e.agent.id}-${e.firedAt}`}>
                      <Table.Td>{e.agent.name}</Table.Td>
                      <Table.Td>{formatDateTime(e.firedAt)}</Table.Td>
                      <Table.Td>{e.resolvedAt ? <When at={e.resolvedAt} /> : 'still firing'}</Table.Td>
                      <Table.Td ta="right">
                        {e.peakErrorRate == null ? '—' : `${(e.peakErrorRate * 100).toLocaleString(undefined, { maximumFractionDigits: 1 })}%`}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          ) : null}
        </Stack>
      ) : null}
    </Card>
  );
}
