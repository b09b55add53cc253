import { Anchor, Button, Group, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { ViolationRowFragment } from '../../gql/graphql';
import { PolicyViolationStatus } from '../../gql/graphql';
import { formatDateTime } from '../../ui/dates';
import { ActionsHeader } from '../../ui/RowActions';
import { When } from '../../ui/When';
import { SeverityBadge, ViolationStatusBadge } from '../../ui/badges';
import { enumText } from '../../format/words';
import classes from './ViolationsTable.module.css';

function Waiver({ waiver }: { waiver: ViolationRowFragment['waiver'] }) {
  if (!waiver)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  const state = waiver.revokedAt
    ? `revoked ${formatDateTime(waiver.revokedAt)}`
    : !waiver.active
      ? 'expired'
      : waiver.expiresAt
        ? `until ${formatDateTime(waiver.expiresAt)}`
        : 'until revoked';
  return (
    <Stack gap={0} maw={240}>
      <Text size="sm" lineClamp={2} title={waiver.reason}>
        “{waiver.reason}”
      </Text>
      <Text size="xs" c="dimmed">
        {waiver.waivedBy ? `${waiver.waivedBy.fullName}, ` : ''}
        {state}
      </Text>
    </Stack>
  );
}

interface ViolationsTableProps {
  violations: readonly ViolationRowFragment[];
  showAgent: boolean;
  showPolicy: boolean;
  /** Admins: offered for open and blocked violations, and revoke for waived ones. */
  onWaive?: (violation: ViolationRowFragment) => void;
  onRevoke?: (violation: ViolationRowFragment) => void;
  /** Violations that arrived live since the list was shown: marked for a moment. */
  fresh?: ReadonlySet<string>;
}

export function ViolationsTable({ violations, showAgent, showPolicy, onWaive, onRevoke, fresh }: ViolationsTableProps) {
  const actions = Boolean(onWaive || onRevoke);
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table verticalSpacing="sm" highlightOnHover aria-label="Policy violations">
        <Table.Thead>
          <Table.Tr>
            {showAgent ? <Table.Th>Agent</Table.Th> : null}
            {showPolicy ? <Table.Th>Policy and rule</Table.Th> : <Table.Th>Rule</Table.Th>}
            <Table.Th>Status</Table.Th>
            <Table.Th>Message</Table.Th>
            <Table.Th>Detected</Table.Th>
            <Table.Th>Waiver</Table.Th>
            {actions ? <ActionsHeader /> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {violations.map((v) => (
            <Table.Tr
              key={v.id}
              data-testid="violation-row"
              data-agent-name={v.agentName}
              data-status={v.status}
              data-fresh={fresh?.has(v.id) || undefined}
              className={fresh?.has(v.id) ? classes.fresh : undefined}
            >
              {showAgent ? (
                <Table.Td>
                  {v.agent ? (
                    <Anchor component={Link} to={`/agents/${encodeURIComponent(v.agent.id)}`} size="sm" fw={500}>
                      {v.agent.name}
                    </Anchor>
                  ) : (
                    <Stack gap={0}>
                      <Text size="sm" fw={500}>
                        {v.agentName}
                      </Text>
                      <Text size="xs" c="dimmed">
                        refused create
                      </Text>
                    </Stack>
                  )}
                </Table.Td>
              ) : null}
              <Table.Td maw={240}>
                <Stack gap={0}>
                  {showPolicy ? (
                    <Anchor component={Link} to={`/policies/${encodeURIComponent(v.policy.id)}`} size="sm" fw={500}>
                      {v.policy.name}
                    </Anchor>
                  ) : null}
                  <Anchor component={Link} to={`/violations/${encodeURIComponent(v.id)}`} size={showPolicy ? 'xs' : 'sm'}>
                    {v.ruleName} · v{v.policyVersion}
                  </Anchor>
                </Stack>
              </Table.Td>
              <Table.Td>
                <Stack gap={4} align="flex-start">
                  <Group gap={4} wrap="nowrap">
                    <ViolationStatusBadge status={v.status} />
                    <SeverityBadge severity={v.severity} />
                  </Group>
                  <Text size="xs" c="dimmed">
                    {enumText(v.enforcement)} mode
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td maw={280}>
                <Text size="sm" lineClamp={3} title={v.message}>
                  {v.message}
                </Text>
              </Table.Td>
              <Table.Td>
                <Stack gap={0}>
                  <When at={v.detectedAt} />
                  {v.resolvedAt ? (
                    <Text size="xs" c="dimmed">
                      resolved {formatDateTime(v.resolvedAt)}
                    </Text>
                  ) : null}
                </Stack>
              </Table.Td>
              <Table.Td>
                <Waiver waiver={v.waiver} />
              </Table.Td>
              {actions ? (
                <Table.Td>
                  {onWaive && (v.status === PolicyViolationStatus.Open || v.status === PolicyViolationStatus.Blocked) ? (
                    <Button size="xs" variant="light" color="grape" onClick={() => onWaive(v)} aria-label={`Waive ${v.ruleName} for ${v.agentName}`}>
                      Waive
                    </Button>
                  ) : null}
                  {onRevoke && v.status === PolicyViolationStatus.Waived ? (
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      onClick={() => onRevoke(v)}
                      aria-label={`Revoke the waiver of ${v.ruleName} for ${v.agentName}`}
                    >
                      Revoke waiver
                    </Button>
                  ) : null}
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
