import { useQuery } from '@apollo/client/react';
import { AreaChart } from '@mantine/charts';
import { Anchor, Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { allowed } from '../../app/access';
import { useViewer } from '../../app/shell/viewer';
import { graphql } from '../../gql';
import { CostInterval } from '../../gql/graphql';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { BudgetProgress } from '../../ui/BudgetProgress';
import { onlyForbidden } from '../../ui/errors';
import { addDays, todayUtc } from '../../format/days';
import { formatChangePercent, formatChartMoney, formatMoney, toChartNumber } from '../../format/money';
import { bucketsOf, periodLabel } from './periods';

export const AgentSpendQuery = graphql(`
  query AgentSpendPanel($agentId: ID!, $from: LocalDate!, $to: LocalDate!) {
    agentDaily: costRollup(from: $from, to: $to, interval: DAY, filter: { agentIds: [$agentId] }) {
      period
      amount
    }
    agentSummary: costSummary(from: $from, to: $to, filter: { agentIds: [$agentId] }) {
      currency
      total
      previousTotal
      changePercent
      entries
    }
    agentBudgets: budgets(first: 10, filter: { agentId: $agentId }) {
      nodes {
        id
        name
        currency
        thresholds
        amount
        currentSpend
      }
    }
  }
`);

const DAYS = 30;

/**
 * An agent's spend over the last 30 days: total against the 30 before, a daily chart and its budgets.
 * Self-contained (its own query) so the agent detail page only places it: <AgentSpend agentId={agent.id} />.
 */
export function AgentSpend({ agentId }: { agentId: string }) {
  const viewer = useViewer();
  const withAmounts = allowed(viewer, 'costs.readAmounts');
  const to = todayUtc();
  const from = addDays(to, 1 - DAYS);
  const { data, loading, error, refetch } = useQuery(AgentSpendQuery, { variables: { agentId, from, to }, errorPolicy: 'all', skip: !withAmounts });

  let body;
  if (!withAmounts || (!data?.agentSummary && onlyForbidden(error))) {
    body = (
      <Text size="sm" c="dimmed" data-testid="agent-spend-hidden">
        Your role cannot see amounts.
      </Text>
    );
  } else if (loading && !data) {
    body = (
      <Stack gap="xs" aria-busy="true" aria-label="Loading spend">
        <Skeleton h={28} w="40%" />
        <Skeleton h={90} />
      </Stack>
    );
  } else if (!data?.agentSummary) {
    body = <ProblemAlert error={error} onRetry={() => void refetch()} what="reading this agent's spend" />;
  } else {
    const summary = data.agentSummary;
    const amounts = new Map((data.agentDaily ?? []).map((b) => [b.period, toChartNumber(b.amount)]));
    const rows = bucketsOf(from, to, CostInterval.Day).map((day) => ({ day: periodLabel(day, CostInterval.Day), spend: amounts.get(day) ?? 0 }));
    const budgets = data.agentBudgets?.nodes ?? [];
    body = (
      <Stack gap="sm">
        <Group gap="lg" align="flex-end">
          <div>
            <Title order={3} data-testid="agent-spend-total">
              {formatMoney(summary.total, summary.currency)}
            </Title>
            <Text size="xs" c="dimmed">
              {formatChangePercent(summary.changePercent)} against the 30 days before ({formatMoney(summary.previousTotal, summary.currency)})
            </Text>
          </div>
        </Group>
        {summary.entries > 0 ? (
          <AreaChart
            h={120}
            data={rows}
            dataKey="day"
            series={[{ name: 'spend', label: 'Spend', color: 'blue.6' }]}
            withDots={false}
            withYAxis={false}
            gridAxis="none"
            valueFormatter={(value) => formatChartMoney(value, summary.currency)}
            xAxisProps={{ minTickGap: 30 }}
            data-testid="agent-spend-chart"
          />
        ) : (
          <Text size="sm" c="dimmed">
            No costs recorded for this agent in the last 30 days.
          </Text>
        )}
        {budgets.map((b) =>
          b.amount != null && b.currentSpend != null ? (
            <Stack key={b.id} gap={2}>
              <Text size="xs" c="dimmed">
                Budget: {b.name}
              </Text>
              <BudgetProgress spent={b.currentSpend} amount={b.amount} currency={b.currency} thresholds={b.thresholds} name={b.name} />
            </Stack>
          ) : null,
        )}
      </Stack>
    );
  }

  return (
    <Card withBorder padding="md" data-testid="agent-spend" component="section" aria-label="Spend">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          Spend, last 30 days
        </Title>
        {withAmounts ? (
          <Anchor component={Link} to={`/costs?agent=${encodeURIComponent(agentId)}`} size="sm">
            Open in the cost dashboard
          </Anchor>
        ) : null}
      </Group>
      {body}
    </Card>
  );
}
