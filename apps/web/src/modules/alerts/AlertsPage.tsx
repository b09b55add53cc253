import { useQuery } from '@apollo/client/react';
import { Card, Chip, Group, SegmentedControl, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { allowed } from '../../app/access';
import { useViewer } from '../../app/shell/viewer';
import { getFragmentData, graphql } from '../../gql';
import { type AlertRowFragment, AlertSeverity, AlertStatus } from '../../gql/graphql';
import { RefreshButton } from '../../ui/FilterBar';
import { ListState } from '../../ui/ListState';
import { LoadMore } from '../../ui/LoadMore';
import { PageHeader } from '../../ui/PageHeader';
import { TableSkeleton } from '../../ui/TableSkeleton';
import { type AlertAction, AlertsTable, AlertRow } from './AlertsTable';
import { AlertTransitionModal } from './AlertTransitionModal';
import { useLiveAlerts } from './live-alerts';

export const AlertsQuery = graphql(`
  query Alerts($first: Int!, $after: String, $filter: AlertFilter, $withMoney: Boolean!) {
    alerts(first: $first, after: $after, filter: $filter) {
      totalCount
      edges {
        cursor
        node {
          ...AlertRow
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const STATUS_VIEWS = [
  { value: 'active', label: 'Needs attention', statuses: [AlertStatus.Open, AlertStatus.Acknowledged] },
  { value: 'open', label: 'Open', statuses: [AlertStatus.Open] },
  { value: 'acknowledged', label: 'Acknowledged', statuses: [AlertStatus.Acknowledged] },
  { value: 'resolved', label: 'Resolved', statuses: [AlertStatus.Resolved] },
  { value: 'all', label: 'All', statuses: null },
];
const SEVERITIES = [AlertSeverity.Critical, AlertSeverity.Warning, AlertSeverity.Info];

/** The inbox's filters live in the URL like the dashboard's, in lower case: ?status=open&severity=critical */
export function alertFilterOf(params: URLSearchParams) {
  const view = STATUS_VIEWS.find((v) => v.value === params.get('status')) ?? STATUS_VIEWS[0];
  const severities = params
    .getAll('severity')
    .map((s) => s.toUpperCase())
    .filter((s): s is AlertSeverity => (SEVERITIES as string[]).includes(s));
  return { status: view.value, filter: { statuses: view.statuses, severities: severities.length ? severities : null } };
}

export default function AlertsPage() {
  const viewer = useViewer();
  const respond = allowed(viewer, 'alerts.respond');
  const withMoney = allowed(viewer, 'costs.readAmounts');
  const [params, setParams] = useSearchParams();
  const { status, filter } = alertFilterOf(params);
  const [target, setTarget] = useState<{ alert: AlertRowFragment; action: AlertAction } | null>(null);
  const { data, previousData, loading, error, refetch, fetchMore } = useQuery(AlertsQuery, {
    variables: { first: 25, filter, withMoney },
    errorPolicy: 'all',
    notifyOnNetworkStatusChange: true,
  });
  const connection = (data ?? previousData)?.alerts;
  useLiveAlerts(withMoney, refetch);
  const alerts =
    getFragmentData(
      AlertRow,
      connection?.edges.map((e) => e.node),
    ) ?? [];

  function setParam(name: string, values: string[]) {
    setParams((current) => {
      const next = new URLSearchParams(current);
      next.delete(name);
      for (const v of values) next.append(name, v.toLowerCase());
      return next;
    });
  }

  return (
    <>
      <PageHeader
        title="Alerts"
        description="Budget thresholds crossed, metric alert rules firing and agents gone unhealthy, newest first. Alerts resolve themselves when their period ends or their condition clears."
      />
      <Card withBorder padding="md">
        <Group justify="space-between" mb="md" gap="sm">
          <SegmentedControl
            data={STATUS_VIEWS.map(({ value, label }) => ({ value, label }))}
            value={status}
            onChange={(value) => setParam('status', value === 'active' ? [] : [value])}
            aria-label="Filter by status"
          />
          <Group gap="xs">
            <Text size="sm" c="dimmed" id="severity-label">
              Severity
            </Text>
            <Chip.Group multiple value={filter.severities ?? []} onChange={(values) => setParam('severity', values)}>
              <Group gap={6} role="group" aria-labelledby="severity-label">
                {SEVERITIES.map((s) => (
                  <Chip key={s} value={s} size="xs" variant="outline">
                    {s}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
            <RefreshButton what="alerts" refreshing={loading && Boolean(connection)} onRefresh={() => void refetch()} />
          </Group>
        </Group>
        {loading && !connection ? (
          <TableSkeleton label="Loading alerts" />
        ) : (
          <ListState
            loading={false}
            error={error}
            empty={connection != null && alerts.length === 0}
            emptyTitle={status === 'active' && !filter.severities ? 'Nothing needs attention' : 'No alerts match these filters'}
            emptyDescription={
              status === 'active' ? 'Alerts appear here when spend crosses a budget threshold, an alert rule fires or an agent goes unhealthy.' : undefined
            }
            what="alerts"
            onRetry={() => void refetch()}
          >
            <AlertsTable alerts={alerts} respond={respond} onAction={(alert, action) => setTarget({ alert, action })} />
            {connection ? (
              <LoadMore
                shown={alerts.length}
                total={connection.totalCount}
                hasMore={connection.pageInfo.hasNextPage}
                noun="alerts"
                onLoadMore={() => fetchMore({ variables: { after: connection.pageInfo.endCursor } })}
              />
            ) : null}
          </ListState>
        )}
      </Card>
      {respond ? (
        <AlertTransitionModal
          target={target}
          onClose={() => setTarget(null)}
          onDone={(action) => {
            notifications.show({
              color: 'teal',
              title: action === 'acknowledge' ? 'Alert acknowledged' : 'Alert resolved',
              message: target?.alert.message ?? '',
            });
            setTarget(null);
            void refetch();
          }}
        />
      ) : null}
    </>
  );
}
