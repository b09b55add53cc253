import { useMutation, useQuery } from '@apollo/client/react';
import { Anchor, Badge, Button, Card, Code, Group, Stack, Switch, Table, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { allowed } from '../../app/access';
import { useViewer } from '../../app/shell/viewer';
import { getFragmentData } from '../../gql';
import { AlertSeverity, type AlertRuleRowFragment } from '../../gql/graphql';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { runMutation } from '../../ui/errors';
import { ListState } from '../../ui/ListState';
import { LoadMore } from '../../ui/LoadMore';
import { PageHeader } from '../../ui/PageHeader';
import { ActionsHeader, RowAction } from '../../ui/RowActions';
import { TableSkeleton } from '../../ui/TableSkeleton';
import { WHOLE } from '../../ui/badges';
import { enumText } from '../../format/words';
import { AlertRuleDelete, AlertRuleDisable, AlertRuleEnable, AlertRuleRow, AlertRulesQuery } from './alert-rule.operations';
import { AlertRuleFormModal } from './AlertRuleFormModal';

export const RULE_SEVERITY_COLOR: Record<AlertSeverity, string> = {
  [AlertSeverity.Critical]: 'red',
  [AlertSeverity.Warning]: 'orange',
  [AlertSeverity.Info]: 'blue',
};

export default function AlertRulesPage() {
  const viewer = useViewer();
  const manage = allowed(viewer, 'alertRules.manage');
  const [editing, setEditing] = useState<AlertRuleRowFragment | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [deleting, setDeleting] = useState<AlertRuleRowFragment | null>(null);
  const [deleteProblems, setDeleteProblems] = useState<string[] | null>(null);
  const [toggling, setToggling] = useState<string | null>(null);
  const { data, previousData, loading, error, refetch, fetchMore } = useQuery(AlertRulesQuery, {
    variables: { first: 50 },
    errorPolicy: 'all',
    notifyOnNetworkStatusChange: true,
  });
  const [enable] = useMutation(AlertRuleEnable);
  const [disable] = useMutation(AlertRuleDisable);
  const [remove, removeState] = useMutation(AlertRuleDelete, {
    update(cache, { data: result }) {
      const id = result?.alertRuleDelete?.deletedAlertRuleId;
      if (!id) return;
      cache.evict({ id: cache.identify({ __typename: 'AlertRule', id }) });
      cache.gc();
    },
  });
  const connection = (data ?? previousData)?.alertRules;
  const rules =
    getFragmentData(
      AlertRuleRow,
      connection?.edges.map((e) => e.node),
    ) ?? [];

  function openForm(rule: AlertRuleRowFragment | null) {
    setEditing(rule);
    setFormOpen(true);
  }

  async function toggle(rule: AlertRuleRowFragment) {
    setToggling(rule.id);
    const input = { alertRuleId: rule.id };
    const { problems } = rule.enabled
      ? await runMutation(
          () => disable({ variables: { input }, errorPolicy: 'all' }),
          (d) => d.alertRuleDisable,
        )
      : await runMutation(
          () => enable({ variables: { input }, errorPolicy: 'all' }),
          (d) => d.alertRuleEnable,
        );
    setToggling(null);
    if (problems.length) notifications.show({ color: 'red', title: `"${rule.name}" did not change`, message: problems.join(' ') });
  }

  async function confirmDelete() {
    if (!deleting) return;
    const { problems } = await runMutation(
      () => remove({ variables: { input: { alertRuleId: deleting.id } }, errorPolicy: 'all' }),
      (d) => d.alertRuleDelete,
    );
    if (problems.length) return setDeleteProblems(problems);
    notifications.show({ color: 'teal', title: 'Alert rule deleted', message: `"${deleting.name}" no longer raises alerts; the alerts it raised stay.` });
    setDeleting(null);
    setDeleteProblems(null);
    void refetch();
  }

  return (
    <>
      <PageHeader
        title="Alert rules"
        description="CEL conditions over each agent's metrics, evaluated every minute. A rule fires once per episode into the alerts inbox and resolves when its condition clears."
        actions={
          manage ? (
            <Button leftSection={<IconPlus size={18} />} onClick={() => openForm(null)}>
              New alert rule
            </Button>
          ) : null
        }
      />
      <Card withBorder padding="md">
        {loading && !connection ? (
          <TableSkeleton label="Loading alert rules" />
        ) : (
          <ListState
            loading={false}
            error={error}
            empty={connection != null && rules.length === 0}
            emptyTitle="No alert rules yet"
            emptyDescription={manage ? 'Create one to hear about slow or failing agents before their users do.' : undefined}
            what="alert rules"
            onRetry={() => void refetch()}
          >
            <Table.ScrollContainer minWidth={900}>
              <Table verticalSpacing="sm" aria-label="Alert rules">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Rule</Table.Th>
                    <Table.Th>Condition</Table.Th>
                    <Table.Th>Window</Table.Th>
                    <Table.Th w={100}>Severity</Table.Th>
                    <Table.Th>Firing</Table.Th>
                    <Table.Th w={110}>Enabled</Table.Th>
                    {manage ? <ActionsHeader w={90} /> : null}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rules.map((rule) => (
                    <Table.Tr key={rule.id} data-testid="alert-rule-row" data-rule-name={rule.name}>
                      <Table.Td>
                        <Stack gap={0}>
                          <Text size="sm" fw={500}>
                            {rule.name}
                          </Text>
                          <Text size="xs" c="dimmed">
                            {rule.agentTags.length ? `Agents tagged ${rule.agentTags.join(', ')}` : 'Every agent'}
                          </Text>
                        </Stack>
                      </Table.Td>
                      <Table.Td>
                        <Code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{rule.condition}</Code>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{rule.windowMinutes} min</Text>
                        <Text size="xs" c="dimmed">
                          {rule.forMinutes ? `for ${rule.forMinutes} min` : 'fires at once'}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Badge color={RULE_SEVERITY_COLOR[rule.severity]} variant="light" styles={WHOLE}>
                          {enumText(rule.severity)}
                        </Badge>
                      </Table.Td>
                      <Table.Td data-testid="alert-rule-firing">
                        {rule.firing.length === 0 ? (
                          <Text size="sm" c="dimmed">
                            Quiet
                          </Text>
                        ) : (
                          <Tooltip label={rule.firing.map((f) => f.agent.name).join(', ')} withArrow>
                            <Anchor component={Link} to="/alerts" size="sm" c="red">
                              {rule.firing.length} {rule.firing.length === 1 ? 'agent' : 'agents'} firing
                            </Anchor>
                          </Tooltip>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {manage ? (
                          <Switch
                            checked={rule.enabled}
                            disabled={toggling === rule.id}
                            aria-label={`${rule.enabled ? 'Disable' : 'Enable'} ${rule.name}`}
                            label={rule.enabled ? 'On' : 'Off'}
                            onChange={() => void toggle(rule)}
                          />
                        ) : (
                          <Text size="sm">{rule.enabled ? 'On' : 'Off'}</Text>
                        )}
                      </Table.Td>
                      {manage ? (
                        <Table.Td>
                          <Group gap={4} wrap="nowrap" justify="flex-end">
                            <RowAction label="Edit" ariaLabel={`Edit ${rule.name}`} icon={<IconPencil size={16} />} onClick={() => openForm(rule)} />
                            <RowAction
                              label="Delete"
                              ariaLabel={`Delete ${rule.name}`}
                              icon={<IconTrash size={16} />}
                              danger
                              onClick={() => setDeleting(rule)}
                            />
                          </Group>
                        </Table.Td>
                      ) : null}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {connection ? (
              <LoadMore
                shown={rules.length}
                total={connection.totalCount}
                hasMore={connection.pageInfo.hasNextPage}
                noun="alert rules"
                onLoadMore={() => fetchMore({ variables: { after: connection.pageInfo.endCursor } })}
              />
            ) : null}
          </ListState>
        )}
      </Card>
      {manage ? (
        <AlertRuleFormModal
          opened={formOpen}
          rule={editing}
          onClose={() => setFormOpen(false)}
          onSaved={(saved, created) => {
            setFormOpen(false);
            notifications.show({
              color: 'teal',
              title: created ? 'Alert rule created' : 'Alert rule saved',
              message: `"${saved.name}" is evaluated every minute from now on.`,
            });
            void refetch();
          }}
        />
      ) : null}
      <ConfirmModal
        opened={deleting !== null}
        title="Delete alert rule"
        confirmLabel="Delete rule"
        danger
        busy={removeState.loading}
        messages={deleteProblems}
        onConfirm={() => void confirmDelete()}
        onClose={() => {
          setDeleting(null);
          setDeleteProblems(null);
        }}
      >
        Delete <b>{deleting?.name}</b>? It stops at once; the alerts it raised stay, without it.
      </ConfirmModal>
    </>
  );
}
