import { useMutation, useQuery } from '@apollo/client/react';
import { Button, Card, Group, Modal, SegmentedControl } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { allowed } from '../../app/access';
import { useViewer } from '../../app/shell/viewer';
import { getFragmentData, graphql } from '../../gql';
import { BudgetScope, type BudgetRowFragment } from '../../gql/graphql';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { runMutation } from '../../ui/errors';
import { ListState } from '../../ui/ListState';
import { LoadMore } from '../../ui/LoadMore';
import { PageHeader } from '../../ui/PageHeader';
import { TableSkeleton } from '../../ui/TableSkeleton';
import { BudgetBurndown } from './BudgetBurndown';
import { BudgetFormModal } from './BudgetFormModal';
import { BudgetsTable, BudgetRow } from './BudgetsTable';

export const BudgetsQuery = graphql(`
  query Budgets($first: Int!, $after: String, $filter: BudgetFilter, $withMoney: Boolean!) {
    budgets(first: $first, after: $after, filter: $filter) {
      totalCount
      edges {
        cursor
        node {
          ...BudgetRow
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const BudgetDelete = graphql(`
  mutation BudgetDelete($input: BudgetDeleteInput!) {
    budgetDelete(input: $input) {
      deletedBudgetId
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const SCOPE_OPTIONS = [
  { value: 'all', label: 'All' },
  { value: BudgetScope.Tenant, label: 'Tenant' },
  { value: BudgetScope.Agent, label: 'Agent' },
  { value: BudgetScope.Tag, label: 'Tag' },
  { value: BudgetScope.Category, label: 'Category' },
];

function scopesFor(value: string): BudgetScope[] | null {
  return (Object.values(BudgetScope) as string[]).includes(value) ? [value as BudgetScope] : null;
}

export default function BudgetsPage() {
  const viewer = useViewer();
  const withMoney = allowed(viewer, 'costs.readAmounts');
  const manage = allowed(viewer, 'budgets.manage');
  const [scope, setScope] = useState('all');
  const [editing, setEditing] = useState<BudgetRowFragment | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [burndown, setBurndown] = useState<BudgetRowFragment | null>(null);
  const [deleting, setDeleting] = useState<BudgetRowFragment | null>(null);
  const [deleteProblems, setDeleteProblems] = useState<string[] | null>(null);
  const variables = { first: 50, filter: { scopes: scopesFor(scope) }, withMoney };
  const { data, previousData, loading, error, refetch, fetchMore } = useQuery(BudgetsQuery, {
    variables,
    errorPolicy: 'all',
    notifyOnNetworkStatusChange: true,
  });
  const [remove, removeState] = useMutation(BudgetDelete, {
    update(cache, { data: result }) {
      const id = result?.budgetDelete?.deletedBudgetId;
      if (!id) return;
      cache.evict({ id: cache.identify({ __typename: 'Budget', id }) });
      cache.gc();
    },
  });
  const connection = (data ?? previousData)?.budgets;
  const budgets =
    getFragmentData(
      BudgetRow,
      connection?.edges.map((e) => e.node),
    ) ?? [];

  function openForm(budget: BudgetRowFragment | null) {
    setEditing(budget);
    setFormOpen(true);
  }

  async function confirmDelete() {
    if (!deleting) return;
    const { problems } = await runMutation(
      () => remove({ variables: { input: { budgetId: deleting.id } }, errorPolicy: 'all' }),
      (data) => data.budgetDelete,
    );
    if (problems.length) return setDeleteProblems(problems);
    notifications.show({ color: 'teal', title: 'Budget deleted', message: `"${deleting.name}" is gone; its alerts stay as history.` });
    setDeleting(null);
    setDeleteProblems(null);
    void refetch();
  }

  return (
    <>
      <PageHeader
        title="Budgets"
        description={
          withMoney
            ? 'Spending limits per month or quarter. Crossing a threshold raises an alert; an agent budget can suspend its agent at 100%.'
            : 'Spending limits and their alert thresholds. Your role does not see amounts.'
        }
        actions={
          manage ? (
            <Button leftSection={<IconPlus size={18} />} onClick={() => openForm(null)}>
              New budget
            </Button>
          ) : null
        }
      />
      <Card withBorder padding="md">
        <Group justify="space-between" mb="md">
          <SegmentedControl data={SCOPE_OPTIONS} value={scope} onChange={setScope} aria-label="Filter by scope" />
        </Group>
        {loading && !connection ? (
          <TableSkeleton label="Loading budgets" />
        ) : (
          <ListState
            loading={false}
            error={error}
            empty={connection != null && budgets.length === 0}
            emptyTitle={scope === 'all' ? 'No budgets yet' : `No ${scope} budgets`}
            emptyDescription={manage && scope === 'all' ? 'Create one to be alerted before spend runs away.' : undefined}
            what="budgets"
            onRetry={() => void refetch()}
          >
            <BudgetsTable budgets={budgets} withMoney={withMoney} manage={manage} onBurndown={setBurndown} onEdit={openForm} onDelete={setDeleting} />
            {connection ? (
              <LoadMore
                shown={budgets.length}
                total={connection.totalCount}
                hasMore={connection.pageInfo.hasNextPage}
                noun="budgets"
                onLoadMore={() => fetchMore({ variables: { after: connection.pageInfo.endCursor } })}
              />
            ) : null}
          </ListState>
        )}
      </Card>
      {manage ? (
        <BudgetFormModal
          opened={formOpen}
          budget={editing}
          onClose={() => setFormOpen(false)}
          onSaved={(name, created) => {
            setFormOpen(false);
            notifications.show({ color: 'teal', title: created ? 'Budget created' : 'Budget saved', message: `"${name}" is in force from now on.` });
            void refetch();
          }}
        />
      ) : null}
      <Modal opened={burndown !== null} onClose={() => setBurndown(null)} title={burndown ? `Burn-down: ${burndown.name}` : ''} size="xl" centered>
        {burndown ? <BudgetBurndown budgetId={burndown.id} height={300} /> : null}
      </Modal>
      <ConfirmModal
        opened={deleting !== null}
        title="Delete budget"
        confirmLabel="Delete budget"
        danger
        busy={removeState.loading}
        messages={deleteProblems}
        onConfirm={() => void confirmDelete()}
        onClose={() => {
          setDeleting(null);
          setDeleteProblems(null);
        }}
      >
        Delete <b>{deleting?.name}</b>? It stops raising alerts at once; the alerts it raised stay, without it. It can be restored from Recently deleted until
        its plan’s retention period ends.
      </ConfirmModal>
    </>
  );
}
