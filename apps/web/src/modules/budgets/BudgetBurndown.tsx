import { useQuery } from '@apollo/client/react';
import { LineChart } from '@mantine/charts';
import { Badge, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { graphql } from '../../gql';
import type { BudgetBurndownQuery as BurndownResult } from '../../gql/graphql';
import { ChartBody } from '../../ui/ChartCard';
import { formatDay } from '../../format/days';
import { addDays } from '../../format/days';
import { compareDecimal, formatChartMoney, formatMoney, formatMoneyCompact, toChartNumber } from '../../format/money';

export const BudgetBurndownQuery = graphql(`
  query BudgetBurndown($id: ID!) {
    budgetBurndown(id: $id) {
      periodStart
      periodEnd
      amount
      spent
      remaining
      days {
        date
        cumulative
      }
      thresholds {
        percent
        amount
        reachedOn
      }
      budget {
        id
        name
        currency
      }
    }
  }
`);

type Burndown = NonNullable<BurndownResult['budgetBurndown']>;

export function thresholdColor(percent: number): string {
  return percent >= 100 ? 'red.6' : percent >= 80 ? 'orange.6' : 'yellow.6';
}

/** One row per day of the whole period: spent so far up to today, nothing after, so the axis shows the period's end. */
export function burndownRows(burndown: Burndown) {
  const spent = new Map(burndown.days.map((d) => [d.date, toChartNumber(d.cumulative)]));
  const rows: { date: string; label: string; spent: number | null }[] = [];
  for (let day = burndown.periodStart; day <= burndown.periodEnd && rows.length < 400; day = addDays(day, 1)) {
    rows.push({ date: day, label: formatDay(day), spent: spent.get(day) ?? null });
  }
  return rows;
}

/** Cumulative spend against the budget, with a reference line per threshold and one at 100%. */
export function BurndownChart({ burndown, height = 260 }: { burndown: Burndown; height?: number }) {
  const currency = burndown.budget.currency;
  const lines = burndown.thresholds.map((t) => ({ percent: t.percent, amount: t.amount }));
  if (!lines.some((t) => t.percent === 100)) lines.push({ percent: 100, amount: burndown.amount });
  const top = Math.max(toChartNumber(burndown.spent), ...lines.map((t) => toChartNumber(t.amount))) * 1.08;
  return (
    <LineChart
      h={height}
      data={burndownRows(burndown)}
      dataKey="label"
      series={[{ name: 'spent', label: 'Spent so far', color: 'blue.6' }]}
      curveType="linear"
      withDots={false}
      connectNulls={false}
      valueFormatter={(value) => formatChartMoney(value, currency)}
      yAxisProps={{ domain: [0, Math.ceil(top)], tickFormatter: (value: number) => formatMoneyCompact(value, currency), width: 70 }}
      xAxisProps={{ minTickGap: 20 }}
      referenceLines={lines.map((t) => ({
        y: toChartNumber(t.amount),
        color: thresholdColor(t.percent),
        label: `${t.percent}% · ${formatMoney(t.amount, currency)}`,
        labelPosition: 'insideTopLeft',
        strokeDasharray: t.percent === 100 ? undefined : '4 4',
      }))}
      data-testid="burndown-chart"
    />
  );
}

/** The figures under the chart, exact. */
function BurndownFigures({ burndown }: { burndown: Burndown }) {
  const currency = burndown.budget.currency;
  const over = compareDecimal(burndown.remaining, '0') < 0;
  return (
    <Stack gap="xs" mt="sm">
      <SimpleGrid cols={3}>
        <div>
          <Text size="xs" c="dimmed">
            Spent
          </Text>
          <Text fw={600} data-testid="burndown-spent">
            {formatMoney(burndown.spent, currency)}
          </Text>
        </div>
        <div>
          <Text size="xs" c="dimmed">
            Budget
          </Text>
          <Text fw={600}>{formatMoney(burndown.amount, currency)}</Text>
        </div>
        <div>
          <Text size="xs" c="dimmed">
            {over ? 'Over budget by' : 'Remaining'}
          </Text>
          <Text fw={600} c={over ? 'red' : undefined}>
            {formatMoney(over ? burndown.remaining.replace(/^-/, '') : burndown.remaining, currency)}
          </Text>
        </div>
      </SimpleGrid>
      <Group gap="xs">
        {burndown.thresholds.map((t) => (
          <Badge key={t.percent} variant={t.reachedOn ? 'filled' : 'outline'} color={thresholdColor(t.percent).split('.')[0]} size="sm">
            {t.percent}% {t.reachedOn ? `reached ${formatDay(t.reachedOn)}` : 'not reached'}
          </Badge>
        ))}
      </Group>
    </Stack>
  );
}

/** A budget's current period, day by day: its own query, loading, failure and empty states. */
export function BudgetBurndown({ budgetId, height = 260 }: { budgetId: string; height?: number }) {
  const { data, previousData, loading, error, refetch } = useQuery(BudgetBurndownQuery, { variables: { id: budgetId }, errorPolicy: 'all' });
  const burndown = (data ?? previousData)?.budgetBurndown;
  return (
    <ChartBody
      what="the budget burn-down"
      loading={loading && !burndown}
      error={burndown ? null : error}
      empty={!burndown}
      emptyTitle="No burn-down for this budget"
      height={height}
      onRetry={() => void refetch()}
    >
      {burndown ? (
        <>
          <Text size="xs" c="dimmed" mb="xs">
            {formatDay(burndown.periodStart, { month: 'short', day: 'numeric', year: 'numeric' })} –{' '}
            {formatDay(burndown.periodEnd, { month: 'short', day: 'numeric', year: 'numeric' })} (UTC)
          </Text>
          <BurndownChart burndown={burndown} height={height} />
          <BurndownFigures burndown={burndown} />
        </>
      ) : null}
    </ChartBody>
  );
}
