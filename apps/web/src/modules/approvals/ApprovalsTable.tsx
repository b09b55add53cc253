import { Anchor, Badge, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { ApprovalRequestStatus, type ApprovalRequestRowFragment } from '../../gql/graphql';
import { When } from '../../ui/When';
import { approvalPath } from '../../ui/HeldForApproval';
import { WHOLE } from '../../ui/badges';
import { Deadline, KIND_LABEL, modeText, RequestStatusBadge } from './approval-labels';

/** Requests, soonest deadline first as the API orders them: what is asked, by whom, the step and its progress. */
export function ApprovalsTable({ requests, label }: { requests: readonly ApprovalRequestRowFragment[]; label: string }) {
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table verticalSpacing="sm" highlightOnHover aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Request</Table.Th>
            <Table.Th>Asked by</Table.Th>
            <Table.Th>Step</Table.Th>
            <Table.Th>Deadline</Table.Th>
            <Table.Th>Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {requests.map((r) => (
            <Table.Tr key={r.id} data-testid="approval-row" data-approval-title={r.title}>
              <Table.Td>
                <Stack gap={2}>
                  <Anchor component={Link} to={approvalPath(r.id)} size="sm" fw={500}>
                    {r.title}
                  </Anchor>
                  <Text component="div" size="xs" c="dimmed" lineClamp={2}>
                    <Badge size="xs" variant="outline" color="gray" mr={6} styles={WHOLE}>
                      {KIND_LABEL[r.kind]}
                    </Badge>
                    {r.summary}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td>
                <Stack gap={0}>
                  <Text size="sm">{r.requestedBy?.fullName ?? 'Steward'}</Text>
                  <When at={r.createdAt} />
                </Stack>
              </Table.Td>
              <Table.Td>
                {r.currentStep ? (
                  <Stack gap={0}>
                    <Text size="sm">
                      {r.currentStep.level}. {r.currentStep.name}
                    </Text>
                    <Text size="xs" c="dimmed" data-testid="approval-progress">
                      {modeText(r.currentStep)} · {r.currentStep.approvals} of {r.currentStep.requiredApprovals} so far
                    </Text>
                  </Stack>
                ) : (
                  <Text size="sm" c="dimmed">
                    Decided <When at={r.decidedAt} />
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{r.status === ApprovalRequestStatus.Pending ? <Deadline at={r.deadline} /> : <Text size="sm">—</Text>}</Table.Td>
              <Table.Td>
                <RequestStatusBadge status={r.status} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
