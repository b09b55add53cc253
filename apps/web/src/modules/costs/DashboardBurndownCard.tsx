import { useQuery } from '@apollo/client/react';
import { Anchor, Card, Group, Select, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { graphql } from '../../gql';
import { BudgetScope } from '../../gql/graphql';
import { BudgetBurndown } from '../budgets/public';
import { ChartBody } from '../../ui/ChartCard';

export const DashboardBudgetsQuery = graphql(`
  query DashboardBudgets {
    budgets(first: 100) {
      nodes {
        id
        name
        scope
        period
      }
    }
  }
`);

/** The burn-down of one budget (the tenant-wide one unless the URL names another). */
export function DashboardBurndownCard({ budgetId, onBudgetChange }: { budgetId: string | null; onBudgetChange: (id: string | null) => void }) {
  const { data, loading, error, refetch } = useQuery(DashboardBudgetsQuery, { errorPolicy: 'all' });
  const budgets = data?.budgets?.nodes ?? [];
  const chosen = budgets.find((b) => b.id === budgetId) ?? budgets.find((b) => b.scope === BudgetScope.Tenant) ?? budgets[0] ?? null;
  return (
    <Card withBorder padding="md" data-testid="burndown-card" component="section" aria-label="Budget burn-down">
      <Group justify="space-between" align="flex-start" mb="sm">
        <Stack gap={2}>
          <Title order={2} size="h4">
            Budget burn-down
          </Title>
          <Text size="xs" c="dimmed">
            Cumulative spend this period against the budget and its thresholds. A budget counts its own scope, not the filters above.
          </Text>
        </Stack>
        {budgets.length ? (
          <Select
            aria-label="Budget"
            size="xs"
            w={240}
            data={budgets.map((b) => ({ value: b.id, label: b.name }))}
            value={chosen?.id ?? null}
            onChange={(id) => onBudgetChange(id)}
            allowDeselect={false}
          />
        ) : null}
      </Group>
      {chosen ? (
        <BudgetBurndown budgetId={chosen.id} />
      ) : (
        <ChartBody
          what="budgets"
          loading={loading}
          error={error}
          empty
          emptyTitle="No budgets yet"
          emptyDescription={
            <>
              Set one on the{' '}
              <Anchor component={Link} to="/budgets" size="sm">
                budgets page
              </Anchor>{' '}
              to follow spend against it.
            </>
          }
          onRetry={() => void refetch()}
        >
          {null}
        </ChartBody>
      )}
    </Card>
  );
}
