import { Anchor, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { graphql } from '../../gql';
import { type AlertRowFragment, AlertSeverity, AlertSource, AlertStatus } from '../../gql/graphql';
import { WHOLE } from '../../ui/badges';
import { ActionsHeader } from '../../ui/RowActions';
import { When } from '../../ui/When';
import { formatDay } from '../../format/days';
import { formatMoney } from '../../format/money';
import { enumText } from '../../format/words';

export const AlertRow = graphql(`
  fragment AlertRow on Alert {
    id
    severity
    status
    source
    message
    threshold
    createdAt
    periodStart
    periodEnd
    note
    spend @include(if: $withMoney)
    budget {
      id
      name
      currency
    }
    alertRule {
      id
      name
    }
    agent {
      id
      name
    }
    acknowledgedAt
    acknowledgedBy {
      id
      fullName
    }
    resolvedAt
    resolvedBy {
      id
      fullName
    }
  }
`);

export const SEVERITY_COLOR: Record<AlertSeverity, string> = {
  [AlertSeverity.Critical]: 'red',
  [AlertSeverity.Warning]: 'orange',
  [AlertSeverity.Info]: 'blue',
};

export const STATUS_COLOR: Record<AlertStatus, string> = {
  [AlertStatus.Open]: 'red',
  [AlertStatus.Acknowledged]: 'yellow',
  [AlertStatus.Resolved]: 'gray',
};

/** What raised an alert, as the inbox names it. */
export const SOURCE_LABEL: Record<AlertSource, string> = {
  [AlertSource.Budget]: 'Budget',
  [AlertSource.MetricRule]: 'Metric rule',
  [AlertSource.Health]: 'Health',
  [AlertSource.Compliance]: 'Compliance',
  [AlertSource.Webhook]: 'Webhook',
  [AlertSource.Plan]: 'Plan',
};

function originOf(alert: AlertRowFragment): string {
  switch (alert.source) {
    case AlertSource.Budget:
      return alert.budget ? alert.budget.name : 'A deleted budget';
    case AlertSource.MetricRule:
      return alert.alertRule ? alert.alertRule.name : 'A deleted alert rule';
    case AlertSource.Health:
      return 'Agent stopped reporting or reported unhealthy';
    case AlertSource.Compliance:
      return 'Evidence due for renewal, or a flagged compliance record';
    case AlertSource.Webhook:
      return 'A webhook endpoint kept failing and was switched off';
    case AlertSource.Plan:
      return 'The trial is running out, or ran out';
  }
}

export type AlertAction = 'acknowledge' | 'resolve';

function who(alert: AlertRowFragment): string | null {
  if (alert.status === AlertStatus.Resolved) return alert.resolvedBy ? `Resolved by ${alert.resolvedBy.fullName}` : 'Resolved';
  if (alert.status === AlertStatus.Acknowledged) return alert.acknowledgedBy ? `Acknowledged by ${alert.acknowledgedBy.fullName}` : 'Acknowledged';
  return null;
}

export function AlertsTable({
  alerts,
  respond,
  onAction,
}: {
  alerts: readonly AlertRowFragment[];
  respond: boolean;
  onAction: (alert: AlertRowFragment, action: AlertAction) => void;
}) {
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table verticalSpacing="sm" aria-label="Alerts">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={110}>Severity</Table.Th>
            <Table.Th>Alert</Table.Th>
            <Table.Th>Period</Table.Th>
            <Table.Th>Raised</Table.Th>
            <Table.Th w={190}>Status</Table.Th>
            {respond ? <ActionsHeader w={200} /> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {alerts.map((alert) => {
            const by = who(alert);
            return (
              <Table.Tr key={alert.id} data-testid="alert-row" data-status={alert.status} data-severity={alert.severity}>
                <Table.Td>
                  <Badge color={SEVERITY_COLOR[alert.severity]} variant={alert.status === AlertStatus.Resolved ? 'outline' : 'filled'}>
                    {enumText(alert.severity)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    <Text size="sm" fw={500}>
                      {alert.message}
                    </Text>
                    <Group gap={6} wrap="nowrap">
                      <Badge size="xs" variant="outline" color="gray" styles={WHOLE} data-testid="alert-source">
                        {SOURCE_LABEL[alert.source]}
                      </Badge>
                      <Text size="xs" c="dimmed" data-testid="alert-origin">
                        {originOf(alert)}
                        {alert.threshold != null ? ` · ${alert.threshold}% threshold` : ''}
                        {alert.spend != null ? ` · ${formatMoney(alert.spend, alert.budget?.currency ?? 'USD')} spent when raised` : ''}
                      </Text>
                      {alert.agent ? (
                        <Anchor component={Link} to={`/agents/${encodeURIComponent(alert.agent.id)}?tab=health`} size="xs">
                          {alert.agent.name}
                        </Anchor>
                      ) : null}
                    </Group>
                    {alert.note ? (
                      <Text size="xs" fs="italic">
                        “{alert.note}”
                      </Text>
                    ) : null}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {alert.periodStart && alert.periodEnd ? `${formatDay(alert.periodStart)} – ${formatDay(alert.periodEnd)}` : '—'}
                  </Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <When at={alert.createdAt} />
                </Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    <Badge variant="dot" color={STATUS_COLOR[alert.status]} data-testid="alert-status">
                      {enumText(alert.status)}
                    </Badge>
                    {by ? (
                      <Text size="xs" c="dimmed">
                        {by}
                      </Text>
                    ) : null}
                  </Stack>
                </Table.Td>
                {respond ? (
                  <Table.Td>
                    <Group gap="xs" justify="flex-end" wrap="nowrap">
                      {alert.status === AlertStatus.Open ? (
                        <Button size="xs" variant="light" onClick={() => onAction(alert, 'acknowledge')} aria-label={`Acknowledge: ${alert.message}`}>
                          Acknowledge
                        </Button>
                      ) : null}
                      {alert.status !== AlertStatus.Resolved ? (
                        <Button size="xs" variant="default" onClick={() => onAction(alert, 'resolve')} aria-label={`Resolve: ${alert.message}`}>
                          Resolve
                        </Button>
                      ) : null}
                    </Group>
                  </Table.Td>
                ) : null}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
