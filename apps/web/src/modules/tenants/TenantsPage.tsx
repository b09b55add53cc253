import { useMutation, useQuery } from '@apollo/client/react';
import { Button, Card, Group, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { TenantStatus, type TenantRowFragment } from '../../gql/graphql';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { runMutation } from '../../ui/errors';
import { RefreshButton } from '../../ui/FilterBar';
import { ListState } from '../../ui/ListState';
import { LoadMore } from '../../ui/LoadMore';
import { PageHeader } from '../../ui/PageHeader';
import { TenantReactivate, TenantRow, TenantSuspend, TenantsQuery } from './tenant.operations';
import { TenantFormModal } from './TenantFormModal';
import { TenantPlanModal, TenantTrialModal } from './TenantPlanModals';
import { TenantsTable } from './TenantsTable';
import { TenantUsageExportModal } from './TenantUsageExportModal';
import { enumText } from '../../format/words';
import { getFragmentData } from '../../gql';

export const PAGE_SIZE = 50;

/** The platform admin's page: every tenant, created, limited, suspended and reactivated here. */
export default function TenantsPage() {
  const { data, previousData, loading, error, refetch, fetchMore } = useQuery(TenantsQuery, {
    variables: { first: PAGE_SIZE },
    errorPolicy: 'all',
    notifyOnNetworkStatusChange: true,
  });
  const [form, setForm] = useState<{ tenant: TenantRowFragment | null } | null>(null);
  const [planFor, setPlanFor] = useState<TenantRowFragment | null>(null);
  const [trialFor, setTrialFor] = useState<TenantRowFragment | null>(null);
  const [exportFor, setExportFor] = useState<TenantRowFragment | null>(null);
  const [changing, setChanging] = useState<{ tenant: TenantRowFragment; status: TenantStatus } | null>(null);
  const [reason, setReason] = useState('');
  const [messages, setMessages] = useState<string[] | null>(null);
  const [suspend, suspendState] = useMutation(TenantSuspend);
  const [reactivate, reactivateState] = useMutation(TenantReactivate);
  const connection = (data ?? previousData)?.tenants;
  const tenants =
    getFragmentData(
      TenantRow,
      connection?.edges.map((e) => e.node),
    ) ?? [];
  const suspending = changing?.status === TenantStatus.Suspended;

  function closeChange() {
    setChanging(null);
    setReason('');
    setMessages(null);
  }

  async function confirmChange() {
    if (!changing) return;
    const variables = { input: { tenantId: changing.tenant.id, reason: reason.trim() || null } };
    const { problems } = suspending
      ? await runMutation(
          () => suspend({ variables, errorPolicy: 'all' }),
          (d) => d.tenantSuspend,
        )
      : await runMutation(
          () => reactivate({ variables, errorPolicy: 'all' }),
          (d) => d.tenantReactivate,
        );
    if (problems.length) return setMessages(problems);
    notifications.show({
      color: 'teal',
      title: suspending ? 'Tenant suspended' : 'Tenant reactivated',
      message: `${changing.tenant.name} is ${enumText(changing.status)}.`,
    });
    closeChange();
  }

  return (
    <>
      <PageHeader
        title="Tenants"
        description="Every enterprise on this Steward: create them, change their plan, extend trials, set negotiated limits, suspend and reactivate them."
        actions={
          <Button leftSection={<IconPlus size={18} />} onClick={() => setForm({ tenant: null })}>
            Create tenant
          </Button>
        }
      />
      <Card withBorder padding="md">
        <Group justify="flex-end" mb="sm">
          <RefreshButton what="tenants" refreshing={loading && Boolean(connection)} onRefresh={() => void refetch()} />
        </Group>
        <ListState
          loading={loading && !connection}
          error={error}
          empty={connection != null && tenants.length === 0}
          emptyTitle="No tenants yet"
          emptyDescription="Create the first tenant."
          what="tenants"
          onRetry={() => void refetch()}
        >
          <TenantsTable
            tenants={tenants}
            onEdit={(tenant) => setForm({ tenant })}
            onPlan={setPlanFor}
            onExport={setExportFor}
            onTrial={setTrialFor}
            onStatus={(tenant, status) => setChanging({ tenant, status })}
          />
          {connection ? (
            <LoadMore
              shown={tenants.length}
              total={connection.totalCount}
              hasMore={connection.pageInfo.hasNextPage}
              noun="tenants"
              onLoadMore={() => fetchMore({ variables: { after: connection.pageInfo.endCursor } })}
            />
          ) : null}
        </ListState>
      </Card>
      {exportFor ? <TenantUsageExportModal key={exportFor.id} tenant={exportFor} onClose={() => setExportFor(null)} /> : null}
      {planFor ? <TenantPlanModal key={planFor.id} tenant={planFor} onClose={() => setPlanFor(null)} /> : null}
      {trialFor ? <TenantTrialModal key={trialFor.id} tenant={trialFor} onClose={() => setTrialFor(null)} /> : null}
      {form ? <TenantFormModal key={form.tenant?.id ?? 'new'} opened tenant={form.tenant} onClose={() => setForm(null)} /> : null}
      <ConfirmModal
        opened={changing !== null}
        title={suspending ? `Suspend ${changing?.tenant.name}` : `Reactivate ${changing?.tenant.name}`}
        confirmLabel={suspending ? 'Suspend' : 'Reactivate'}
        danger={suspending}
        busy={suspendState.loading || reactivateState.loading}
        messages={messages}
        onConfirm={() => void confirmChange()}
        onClose={closeChange}
      >
        <Text size="sm" mb="sm">
          {suspending
            ? 'Its members can still sign in, but neither they nor its API keys can read or change anything until it is reactivated.'
            : 'Its members and API keys can work again, with the roles they had.'}
        </Text>
        <Textarea
          label="Reason"
          description="Kept in the audit log"
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          maxLength={500}
          autosize
          minRows={2}
        />
      </ConfirmModal>
    </>
  );
}
