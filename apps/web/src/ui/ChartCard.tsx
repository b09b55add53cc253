// Charts are lazy pages' business: their styles load with them (every chart sits in a ChartBody), not with the shell.
import '@mantine/charts/styles.css';
import { Card, EmptyState, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconChartBarOff } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { ProblemAlert } from './ProblemAlert';

interface ChartBodyProps {
  /** What the chart shows, for the loading label and the "not allowed" message. */
  what: string;
  /** Nothing to show yet: a skeleton of the chart's size. */
  loading: boolean;
  error: unknown;
  empty: boolean;
  emptyTitle?: string;
  emptyDescription?: ReactNode;
  height?: number;
  onRetry?: () => void;
  children: ReactNode;
}

/** A chart or its three other states: loading (skeleton), failed and empty, all at the chart's height. */
export function ChartBody({
  what,
  loading,
  error,
  empty,
  emptyTitle = 'No costs in this view',
  emptyDescription,
  height = 280,
  onRetry,
  children,
}: ChartBodyProps) {
  if (loading) {
    return (
      <Stack gap="xs" h={height} justify="flex-end" aria-busy="true" aria-label={`Loading ${what}`} data-state="loading">
        <Skeleton h="65%" />
        <Skeleton h={12} w="90%" />
      </Stack>
    );
  }
  if (error) {
    return (
      <Stack mih={height} justify="center" data-state="error">
        <ProblemAlert error={error} onRetry={onRetry} what={`reading ${what}`} />
      </Stack>
    );
  }
  if (empty) {
    return (
      <Stack h={height} justify="center" data-state="empty">
        <EmptyState
          icon={<IconChartBarOff size={28} />}
          withIndicatorBackground
          title={emptyTitle}
          description={emptyDescription ?? 'Try a longer date range or fewer filters.'}
        />
      </Stack>
    );
  }
  return (
    <div style={{ minHeight: height }} data-state="ready">
      {children}
    </div>
  );
}

interface ChartCardProps extends Omit<ChartBodyProps, 'what'> {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  testId: string;
}

export function ChartCard({ title, description, actions, testId, ...body }: ChartCardProps) {
  return (
    <Card withBorder padding="md" data-testid={testId} component="section" aria-label={title}>
      <Group justify="space-between" align="flex-start" mb="sm" wrap="nowrap">
        <Stack gap={2}>
          <Title order={2} size="h4">
            {title}
          </Title>
          {description ? (
            <Text size="xs" c="dimmed">
              {description}
            </Text>
          ) : null}
        </Stack>
        {actions}
      </Group>
      <ChartBody what={title.toLowerCase()} {...body} />
    </Card>
  );
}
