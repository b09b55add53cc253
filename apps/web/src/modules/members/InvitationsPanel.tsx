import { useMutation, useQuery } from '@apollo/client/react';
import { Badge, Card, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMailOff } from '@tabler/icons-react';
import { useState } from 'react';
import { heldRoleLabel } from '../../app/held-role';
import { graphql } from '../../gql';
import { InvitationStatus, type PendingInvitationsQuery } from '../../gql/graphql';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { runMutation } from '../../ui/errors';
import { ListState } from '../../ui/ListState';
import { LoadMore } from '../../ui/LoadMore';
import { ActionsHeader, RowAction } from '../../ui/RowActions';
import { When } from '../../ui/When';

export const InvitationsQuery = graphql(`
  query PendingInvitations($first: Int!, $after: String, $filter: InvitationFilter) {
    invitations(first: $first, after: $after, filter: $filter) {
      totalCount
      edges {
        cursor
        node {
          id
          email
          role
          customRole {
            id
            name
          }
          createdAt
          expiresAt
          effectiveStatus
          invitedBy {
            id
            fullName
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const InvitationRevoke = graphql(`
  mutation InvitationRevoke($input: InvitationRevokeInput!) {
    invitationRevoke(input: $input) {
      invitation {
        id
        effectiveStatus
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

type Invitation = NonNullable<PendingInvitationsQuery['invitations']>['edges'][number]['node'];

/** Invitations still waiting for an answer; admins can take one back. */
export function InvitationsPanel() {
  const { data, loading, error, refetch, fetchMore } = useQuery(InvitationsQuery, {
    variables: { first: 25, filter: { statuses: [InvitationStatus.Pending] } },
    errorPolicy: 'all',
  });
  const [revoking, setRevoking] = useState<Invitation | null>(null);
  const [messages, setMessages] = useState<string[] | null>(null);
  const [revoke, revokeState] = useMutation(InvitationRevoke);
  const connection = data?.invitations;
  const invitations = (connection?.edges.map((e) => e.node) ?? []).filter((i) => i.effectiveStatus === InvitationStatus.Pending);

  async function confirm() {
    if (!revoking) return;
    const { problems } = await runMutation(
      () => revoke({ variables: { input: { invitationId: revoking.id } }, errorPolicy: 'all' }),
      (data) => data.invitationRevoke,
    );
    if (problems.length) return setMessages(problems);
    notifications.show({ color: 'teal', title: 'Invitation revoked', message: `${revoking.email} can no longer join with it.` });
    setRevoking(null);
    setMessages(null);
  }

  return (
    <Card withBorder padding="md">
      <Title order={2} size="h4" mb="sm">
        Pending invitations
      </Title>
      <ListState
        loading={loading && !connection}
        error={error}
        empty={connection !== undefined && invitations.length === 0}
        emptyTitle="No pending invitations"
        what="invitations"
        onRetry={() => void refetch()}
      >
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="xs" aria-label="Pending invitations">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Email</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>Invited by</Table.Th>
                <Table.Th>Expires</Table.Th>
                <ActionsHeader w={60} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {invitations.map((invitation) => (
                <Table.Tr key={invitation.id} data-testid="invitation-row">
                  <Table.Td>
                    <Text size="sm">{invitation.email}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light">{heldRoleLabel(invitation)}</Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{invitation.invitedBy?.fullName ?? '—'}</Text>
                  </Table.Td>
                  <Table.Td>
                    <When at={invitation.expiresAt} />
                  </Table.Td>
                  <Table.Td>
                    <RowAction
                      label="Revoke invitation"
                      ariaLabel={`Revoke the invitation for ${invitation.email}`}
                      icon={<IconMailOff size={16} />}
                      danger
                      onClick={() => setRevoking(invitation)}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {connection ? (
          <LoadMore
            shown={invitations.length}
            total={connection.totalCount}
            hasMore={connection.pageInfo.hasNextPage}
            noun="invitations"
            onLoadMore={() => fetchMore({ variables: { after: connection.pageInfo.endCursor } })}
          />
        ) : null}
      </ListState>
      <ConfirmModal
        opened={revoking !== null}
        title="Revoke invitation"
        confirmLabel="Revoke"
        danger
        busy={revokeState.loading}
        messages={messages}
        onConfirm={() => void confirm()}
        onClose={() => {
          setRevoking(null);
          setMessages(null);
        }}
      >
        Revoke the invitation for <b>{revoking?.email}</b>? Its token stops working at once.
      </ConfirmModal>
    </Card>
  );
}
