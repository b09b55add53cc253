import { useMutation } from '@apollo/client/react';
import { Badge, Code, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBan } from '@tabler/icons-react';
import { useState } from 'react';
import { allowed } from '../../app/access';
import { heldRoleLabel } from '../../app/held-role';
import { useViewer } from '../../app/shell/viewer';
import { graphql } from '../../gql';
import { type ApiKeyRowFragment, ApiKeyStatus } from '../../gql/graphql';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { runMutation } from '../../ui/errors';
import { ActionsHeader, RowAction } from '../../ui/RowActions';
import { When } from '../../ui/When';
import { enumText } from '../../format/words';

export const ApiKeyRow = graphql(`
  fragment ApiKeyRow on ApiKey {
    id
    name
    prefix
    role
    customRole {
      id
      name
    }
    status
    createdAt
    lastUsedAt
    expiresAt
    revokedAt
    createdBy {
      id
      fullName
    }
  }
`);

const ApiKeyRevoke = graphql(`
  mutation ApiKeyRevoke($input: ApiKeyRevokeInput!) {
    apiKeyRevoke(input: $input) {
      apiKey {
        ...ApiKeyRow
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const STATUS_COLOR: Record<ApiKeyStatus, string> = {
  [ApiKeyStatus.Active]: 'teal',
  [ApiKeyStatus.Expired]: 'orange',
  [ApiKeyStatus.Revoked]: 'gray',
};

export function ApiKeysTable({ apiKeys }: { apiKeys: readonly ApiKeyRowFragment[] }) {
  const viewer = useViewer();
  const manage = allowed(viewer, 'apiKeys.manage');
  const [revoking, setRevoking] = useState<ApiKeyRowFragment | null>(null);
  const [messages, setMessages] = useState<string[] | null>(null);
  const [revoke, { loading }] = useMutation(ApiKeyRevoke);

  function close() {
    setRevoking(null);
    setMessages(null);
  }

  async function confirm() {
    if (!revoking) return;
    const { problems } = await runMutation(
      () => revoke({ variables: { input: { apiKeyId: revoking.id } }, errorPolicy: 'all' }),
      (data) => data.apiKeyRevoke,
    );
    if (problems.length) return setMessages(problems);
    notifications.show({ color: 'teal', title: 'API key revoked', message: `"${revoking.name}" stopped working.` });
    close();
  }

  return (
    <>
      <Table.ScrollContainer minWidth={820}>
        <Table verticalSpacing="sm" highlightOnHover aria-label="API keys">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Prefix</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Last used</Table.Th>
              <Table.Th>Expires</Table.Th>
              <Table.Th>Created</Table.Th>
              {manage ? <ActionsHeader w={60} /> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {apiKeys.map((key) => (
              <Table.Tr key={key.id} data-testid="api-key-row" data-key-name={key.name}>
                <Table.Td>
                  <Stack gap={0}>
                    <Text size="sm" fw={500}>
                      {key.name}
                    </Text>
                    {key.createdBy ? (
                      <Text size="xs" c="dimmed">
                        by {key.createdBy.fullName}
                      </Text>
                    ) : null}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Code>{key.prefix}…</Code>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light">{heldRoleLabel(key)}</Badge>
                </Table.Td>
                <Table.Td>
                  <Badge variant="dot" color={STATUS_COLOR[key.status]}>
                    {enumText(key.status)}
                  </Badge>
                </Table.Td>
                <Table.Td data-testid="last-used">
                  <When at={key.lastUsedAt} never="Never" />
                </Table.Td>
                <Table.Td>
                  <When at={key.revokedAt ? null : key.expiresAt} never={key.revokedAt ? '—' : 'Never'} />
                </Table.Td>
                <Table.Td>
                  <When at={key.createdAt} />
                </Table.Td>
                {manage ? (
                  <Table.Td>
                    {key.status === ApiKeyStatus.Active ? (
                      <RowAction label="Revoke" ariaLabel={`Revoke ${key.name}`} icon={<IconBan size={16} />} danger onClick={() => setRevoking(key)} />
                    ) : null}
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ConfirmModal
        opened={revoking !== null}
        title="Revoke API key"
        confirmLabel="Revoke key"
        danger
        busy={loading}
        messages={messages}
        onConfirm={() => void confirm()}
        onClose={close}
      >
        Revoke <b>{revoking?.name}</b> (<Code>{revoking?.prefix}…</Code>)? Every agent or pipeline using it is refused from its next request. This cannot be
        undone.
      </ConfirmModal>
    </>
  );
}
