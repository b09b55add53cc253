import { useQuery } from '@apollo/client/react';
import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconPigMoney } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { allowed } from '../../app/access';
import { useViewer } from '../../app/shell/viewer';
import { getFragmentData, graphql } from '../../gql';
import { BudgetEnforcement, BudgetPeriod, DeletedItemKind } from '../../gql/graphql';
import { DeleteAction } from '../deleted-items/public';
import { DetailState } from '../../ui/DetailState';
import { PageHeader } from '../../ui/PageHeader';
import { When } from '../../ui/When';
import { BackLink } from '../../ui/BackLink';
import { AlertRow, AlertsTable } from '../alerts/public';
import { formatDay } from '../../format/days';
import { BudgetBurndown } from './BudgetBurndown';
import { BudgetProgress } from '../../ui/BudgetProgress';
import { BudgetRow, scopeText } from './BudgetsTable';
import { Fact } from '../../ui/Fact';

export const BudgetDetailQuery = graphql(`
  query BudgetDetail($id: ID!, $withMoney: Boolean!) {
    budget(id: $id) {
      ...BudgetRow
      createdAt
      createdBy {
        id
        fullName
      }
    }
    alerts(first: 25, filter: { budgetId: $id }) {
      totalCount
      nodes {
        ...AlertRow
      }
    }
  }
`);

/** One budget: its burn-down this period, its terms, and the alerts it raised. */
export default function BudgetDetailPage() {
  const { id = '' } = useParams();
  const viewer = useViewer();
  const withMoney = allowed(viewer, 'costs.readAmounts');
  const manage = allowed(viewer, 'budgets.manage');
  const { data, loading, error, refetch } = useQuery(BudgetDetailQuery, { variables: { id, withMoney }, errorPolicy: 'all' });
  const budget = data?.budget ? { ...data.budget, ...getFragmentData(BudgetRow, data.budget) } : null;
  const alerts = getFragmentData(AlertRow, data?.alerts?.nodes) ?? [];
  const back = <BackLink to="/budgets" label="Budgets" />;

  return (
    <DetailState
      found={Boolean(budget)}
      loading={loading}
      error={error}
      what="this budget"
      notFoundTitle="No such budget"
      icon={IconPigMoney}
      back={back}
      onRetry={() => void refetch()}
    >
      {budget ? (
        <>
          {back}
          <PageHeader
            title={budget.name}
            description={scopeText(budget)}
            actions={
              <Group gap="xs">
                <Badge variant="light">{budget.period === BudgetPeriod.Quarterly ? 'Quarterly' : 'Monthly'}</Badge>
                {manage ? <DeleteAction kind={DeletedItemKind.Budget} item={budget} /> : null}
              </Group>
            }
          />
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <Card withBorder padding="md" component="section" aria-label="Burn-down">
              <Title order={2} size="h4" mb="sm">
                Burn-down this period
              </Title>
              {withMoney ? (
                <BudgetBurndown budgetId={budget.id} />
              ) : (
                <Text size="sm" c="dimmed">
                  Amounts are for admins, developers and analysts; you see the budget&apos;s terms and the alerts it raised.
                </Text>
              )}
            </Card>
            <Card withBorder padding="md" component="section" aria-label="Terms">
              <Title order={2} size="h4" mb="sm">
                Terms
              </Title>
              <Table verticalSpacing={6}>
                <Table.Tbody>
                  <Fact label="Covers">
                    {budget.agent ? (
                      <Anchor component={Link} to={`/agents/${encodeURIComponent(budget.agent.id)}`}>
                        {budget.agent.name}
                      </Anchor>
                    ) : (
                      scopeText(budget)
                    )}
                  </Fact>
                  <Fact label="This period">
                    {formatDay(budget.currentPeriod.start)} – {formatDay(budget.currentPeriod.end)}
                  </Fact>
                  {withMoney && budget.amount != null && budget.currentSpend != null ? (
                    <Fact label="Spent">
                      <BudgetProgress
                        spent={budget.currentSpend}
                        amount={budget.amount}
                        currency={budget.currency}
                        thresholds={budget.thresholds}
                        name={budget.name}
                      />
                    </Fact>
                  ) : null}
                  <Fact label="Alerts at">{budget.thresholds.map((t) => `${t}%`).join(', ')}</Fact>
                  <Fact label="On 100%">{budget.enforcement === BudgetEnforcement.Block ? 'Suspends the agent' : 'Notifies only'}</Fact>
                  <Fact label="Created">
                    <When at={budget.createdAt} /> {budget.createdBy ? `by ${budget.createdBy.fullName}` : ''}
                  </Fact>
                </Table.Tbody>
              </Table>
            </Card>
          </SimpleGrid>
          <Card withBorder padding="md" mt="md" component="section" aria-label="Alerts" data-testid="budget-alerts">
            <Group justify="space-between" mb="sm">
              <Title order={2} size="h4">
                Alerts it raised
              </Title>
              <Anchor component={Link} to="/alerts" size="sm">
                All alerts
              </Anchor>
            </Group>
            {alerts.length === 0 ? (
              <Text size="sm" c="dimmed">
                No alerts: the budget has not crossed a threshold.
              </Text>
            ) : (
              <Stack>
                <AlertsTable alerts={alerts} respond={false} onAction={() => undefined} />
              </Stack>
            )}
          </Card>
        </>
      ) : null}
    </DetailState>
  );
}
