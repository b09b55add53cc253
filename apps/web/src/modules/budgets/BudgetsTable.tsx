import { Anchor, Badge, Group, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { IconChartLine, IconPencil, IconTrash } from '@tabler/icons-react';
import { graphql } from '../../gql';
import { BudgetEnforcement, BudgetPeriod, BudgetScope, type BudgetRowFragment } from '../../gql/graphql';
import { ActionsHeader, RowAction } from '../../ui/RowActions';
import { CATEGORY_LABEL, isCategory } from '../../ui/labels';
import { formatDay } from '../../format/days';
import { BudgetProgress } from '../../ui/BudgetProgress';

export const BudgetRow = graphql(`
  fragment BudgetRow on Budget {
    id
    name
    scope
    tag
    category
    agent {
      id
      name
    }
    period
    currency
    thresholds
    enforcement
    currentPeriod {
      start
      end
    }
    amount @include(if: $withMoney)
    currentSpend @include(if: $withMoney)
    updatedAt
  }
`);

export function scopeText(budget: Pick<BudgetRowFragment, 'scope' | 'tag' | 'category' | 'agent'>): string {
  switch (budget.scope) {
    case BudgetScope.Agent:
      return `Agent: ${budget.agent?.name ?? 'a deleted agent'}`;
    case BudgetScope.Tag:
      return `Tag: ${budget.tag ?? '—'}`;
    case BudgetScope.Category:
      return `Category: ${isCategory(budget.category) ? CATEGORY_LABEL[budget.category] : (budget.category ?? '—')}`;
    default:
      return 'All costs of the tenant';
  }
}

interface BudgetsTableProps {
  budgets: readonly BudgetRowFragment[];
  withMoney: boolean;
  manage: boolean;
  onBurndown: (budget: BudgetRowFragment) => void;
  onEdit: (budget: BudgetRowFragment) => void;
  onDelete: (budget: BudgetRowFragment) => void;
}

export function BudgetsTable({ budgets, withMoney, manage, onBurndown, onEdit, onDelete }: BudgetsTableProps) {
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table verticalSpacing="sm" highlightOnHover aria-label="Budgets">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Budget</Table.Th>
            <Table.Th>Period</Table.Th>
            <Table.Th w={withMoney ? 300 : undefined}>{withMoney ? 'Spend this period' : 'Thresholds'}</Table.Th>
            <Table.Th>On 100%</Table.Th>
            <ActionsHeader w={manage ? 120 : 60} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {budgets.map((budget) => (
            <Table.Tr key={budget.id} data-testid="budget-row" data-budget-name={budget.name}>
              <Table.Td>
                <Stack gap={0}>
                  <Anchor component={Link} to={`/budgets/${encodeURIComponent(budget.id)}`} size="sm" fw={500}>
                    {budget.name}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {scopeText(budget)}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td>
                <Stack gap={0}>
                  <Text size="sm">{budget.period === BudgetPeriod.Quarterly ? 'Quarterly' : 'Monthly'}</Text>
                  <Text size="xs" c="dimmed">
                    {formatDay(budget.currentPeriod.start)} – {formatDay(budget.currentPeriod.end)}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td>
                {withMoney && budget.amount != null && budget.currentSpend != null ? (
                  <BudgetProgress
                    spent={budget.currentSpend}
                    amount={budget.amount}
                    currency={budget.currency}
                    thresholds={budget.thresholds}
                    name={budget.name}
                  />
                ) : (
                  <Group gap={4}>
                    {budget.thresholds.map((t) => (
                      <Badge key={t} variant="outline" size="sm">
                        {t}%
                      </Badge>
                    ))}
                  </Group>
                )}
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={budget.enforcement === BudgetEnforcement.Block ? 'red' : 'blue'}>
                  {budget.enforcement === BudgetEnforcement.Block ? 'Suspend agent' : 'Notify'}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap" justify="flex-end">
                  {withMoney ? (
                    <RowAction
                      label="Burn-down"
                      ariaLabel={`Burn-down of ${budget.name}`}
                      icon={<IconChartLine size={16} />}
                      onClick={() => onBurndown(budget)}
                    />
                  ) : null}
                  {manage ? (
                    <>
                      <RowAction label="Edit" ariaLabel={`Edit ${budget.name}`} icon={<IconPencil size={16} />} onClick={() => onEdit(budget)} />
                      <RowAction label="Delete" ariaLabel={`Delete ${budget.name}`} icon={<IconTrash size={16} />} danger onClick={() => onDelete(budget)} />
                    </>
                  ) : null}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
