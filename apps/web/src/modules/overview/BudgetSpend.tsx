import { Anchor, Card, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { type FragmentType, getFragmentData, graphql } from '../../gql';
import type { OverviewBudgetFragment } from '../../gql/graphql';
import { BudgetProgress } from '../../ui/BudgetProgress';
import { words } from '../../format/words';

export const OverviewBudget = graphql(`
  fragment OverviewBudget on Budget {
    id
    name
    period
    currency
    amount
    currentSpend
    thresholds
  }
`);

/** Spend so far this period against each budget (month to date for monthly ones), the fullest first. */
export function BudgetSpend({ budgets, total }: { budgets: readonly FragmentType<typeof OverviewBudget>[]; total: number }) {
  const fullest = [...getFragmentData(OverviewBudget, budgets)].sort((a, b) => ratio(b) - ratio(a));
  return (
    <Card withBorder padding="md" component="section" aria-label="Spend against budgets" data-testid="budget-spend">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          Spend against budgets this period
        </Title>
        <Anchor component={Link} to="/budgets" size="sm">
          {total > 0 ? `All ${total}` : 'Budgets'}
        </Anchor>
      </Group>
      {fullest.length === 0 ? (
        <Text size="sm" c="dimmed">
          No budgets yet: an admin sets them on the Budgets page.
        </Text>
      ) : (
        <Stack gap="sm">
          {fullest.map((b) => (
            <Stack key={b.id} gap={2}>
              <Group justify="space-between" gap="xs">
                <Anchor component={Link} to={`/budgets/${encodeURIComponent(b.id)}`} size="sm" fw={500}>
                  {b.name}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {words(b.period)}
                </Text>
              </Group>
              {b.amount != null && b.currentSpend != null ? (
                <BudgetProgress spent={b.currentSpend} amount={b.amount} currency={b.currency} thresholds={b.thresholds} name={b.name} />
              ) : null}
            </Stack>
          ))}
        </Stack>
      )}
    </Card>
  );
}

function ratio(b: OverviewBudgetFragment): number {
  return b.amount && b.currentSpend ? Number(b.currentSpend) / Number(b.amount) : 0;
}
