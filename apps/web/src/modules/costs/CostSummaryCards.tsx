import { Card, Group, SimpleGrid, Skeleton, Text, ThemeIcon } from '@mantine/core';
import { IconArrowDownRight, IconArrowUpRight, IconEqual } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { CostDashboardQuery } from '../../gql/graphql';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { formatDay } from '../../format/days';
import { compareDecimal, formatChangePercent, formatMoney } from '../../format/money';

type Summary = NonNullable<CostDashboardQuery['summary']>;
type Forecast = NonNullable<CostDashboardQuery['forecast']>;

function Stat({
  label,
  value,
  hint,
  loading,
  testId,
  icon,
}: {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  loading: boolean;
  testId: string;
  icon?: ReactNode;
}) {
  return (
    <Card withBorder padding="md" data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      {loading ? (
        <>
          <Skeleton h={28} mt={8} w="70%" />
          <Skeleton h={10} mt={10} w="50%" />
        </>
      ) : (
        <>
          <Group gap={6} mt={4} wrap="nowrap" align="center">
            {icon}
            <Text fz="h3" fw={650} lh={1.3} style={{ fontVariantNumeric: 'tabular-nums' }} data-testid={`${testId}-value`}>
              {value}
            </Text>
          </Group>
          {hint ? (
            <Text size="xs" c="dimmed" mt={4}>
              {hint}
            </Text>
          ) : null}
        </>
      )}
    </Card>
  );
}

function range(from: string, to: string): string {
  return `${formatDay(from)} – ${formatDay(to, { month: 'short', day: 'numeric', year: 'numeric' })}`;
}

/** Total, the period before, the change between them and where the month is heading. */
export function CostSummaryCards({
  summary,
  forecast,
  loading,
  summaryError,
  forecastError,
}: {
  summary: Summary | null | undefined;
  forecast: Forecast | null | undefined;
  loading: boolean;
  summaryError: unknown;
  forecastError: unknown;
}) {
  const currency = summary?.currency ?? forecast?.currency ?? 'USD';
  const direction = summary ? compareDecimal(summary.change, '0') : 0;
  // More spend is the bad direction here.
  const changeIcon = direction > 0 ? <IconArrowUpRight size={16} /> : direction < 0 ? <IconArrowDownRight size={16} /> : <IconEqual size={16} />;
  return (
    <>
      {summaryError ? <ProblemAlert error={summaryError} what="reading the cost summary" /> : null}
      {forecastError ? <ProblemAlert error={forecastError} what="reading the forecast" /> : null}
      <SimpleGrid cols={{ base: 1, xs: 2, lg: 4 }}>
        <Stat
          label="Total spend"
          testId="summary-total"
          loading={loading && !summary}
          value={formatMoney(summary?.total, currency)}
          hint={summary ? `${range(summary.from, summary.to)} · ${summary.entries} cost lines` : undefined}
        />
        <Stat
          label="Previous period"
          testId="summary-previous"
          loading={loading && !summary}
          value={formatMoney(summary?.previousTotal, currency)}
          hint={summary ? range(summary.previousFrom, summary.previousTo) : undefined}
        />
        <Stat
          label="Change"
          testId="summary-change"
          loading={loading && !summary}
          icon={
            summary ? (
              <ThemeIcon variant="light" size="sm" color={direction > 0 ? 'red' : direction < 0 ? 'teal' : 'gray'} aria-hidden>
                {changeIcon}
              </ThemeIcon>
            ) : null
          }
          value={summary ? (summary.changePercent != null ? formatChangePercent(summary.changePercent) : 'New spend') : '—'}
          hint={summary ? `${direction > 0 ? '+' : ''}${formatMoney(summary.change, currency)} against the previous period` : undefined}
        />
        <Stat
          label="Month-end forecast"
          testId="summary-forecast"
          loading={loading && !forecast}
          value={formatMoney(forecast?.projectedMonthEnd, currency)}
          hint={
            forecast
              ? `${formatMoney(forecast.monthToDate, currency)} so far in ${formatDay(forecast.monthStart, { month: 'long', year: 'numeric' })} at ${formatMoney(forecast.dailyRunRate, currency)} a day`
              : undefined
          }
        />
      </SimpleGrid>
    </>
  );
}
