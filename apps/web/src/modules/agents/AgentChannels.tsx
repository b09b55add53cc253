import { useMutation } from '@apollo/client/react';
import { Badge, Button, Code, Group, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconHistory, IconLock, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { graphql } from '../../gql';
import type { ChannelRowFragment } from '../../gql/graphql';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { runMutation } from '../../ui/errors';
import { ListState } from '../../ui/ListState';
import { ActionsHeader, RowAction } from '../../ui/RowActions';
import { When } from '../../ui/When';
import { TYPE_LABEL } from './channel-settings';
import { ChannelModal } from './ChannelModal';
import { ChannelDeliveries } from './ChannelDeliveries';
import { WHOLE } from '../../ui/badges';

export const ChannelRow = graphql(`
  fragment ChannelRow on AgentChannel {
    id
    name
    type
    enabled
    configuredSecrets
    updatedAt
  }
`);

const AgentChannelRemove = graphql(`
  mutation AgentChannelRemove($input: AgentChannelRemoveInput!) {
    agentChannelRemove(input: $input) {
      removedChannelId
      agent {
        id
        channels {
          id
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

type Channel = ChannelRowFragment & { config?: Record<string, unknown> | null };

function Settings({ config }: { config: Record<string, unknown> | null | undefined }) {
  const entries = Object.entries(config ?? {});
  if (!entries.length)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  return (
    <Stack gap={2}>
      {entries.map(([name, value]) => (
        <Text key={name} size="xs">
          <Text span c="dimmed" size="xs">
            {name}:
          </Text>{' '}
          <Code>{String(value)}</Code>
        </Text>
      ))}
    </Stack>
  );
}

/** How the agent communicates. Secrets are never readable: the list names the ones that are set. */
export function AgentChannels({
  agent,
  manage,
  withConfig,
}: {
  agent: { id: string; name: string; channels: readonly Channel[] };
  manage: boolean;
  withConfig: boolean;
}) {
  const [editing, setEditing] = useState<Channel | 'new' | null>(null);
  const [removing, setRemoving] = useState<Channel | null>(null);
  const [logOf, setLogOf] = useState<Channel | null>(null);
  const [messages, setMessages] = useState<string[] | null>(null);
  const [remove, { loading }] = useMutation(AgentChannelRemove);

  async function confirm() {
    if (!removing) return;
    const { problems } = await runMutation(
      () => remove({ variables: { input: { channelId: removing.id } }, errorPolicy: 'all' }),
      (data) => data.agentChannelRemove,
    );
    if (problems.length) return setMessages(problems);
    notifications.show({ color: 'teal', title: 'Channel removed', message: `${removing.name} and its secrets are gone.` });
    setRemoving(null);
    setMessages(null);
  }

  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Where the agent talks: Slack channels, email addresses and webhooks.
        </Text>
        {manage ? (
          <Button size="xs" leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            Add channel
          </Button>
        ) : null}
      </Group>
      <ListState loading={false} error={null} empty={agent.channels.length === 0} emptyTitle="No channels" what="channels">
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm" aria-label="Channels">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Channel</Table.Th>
                <Table.Th>State</Table.Th>
                {withConfig ? <Table.Th>Settings</Table.Th> : null}
                <Table.Th>Secrets set</Table.Th>
                <Table.Th>Updated</Table.Th>
                {manage || withConfig ? <ActionsHeader w={manage ? 130 : 50} /> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {agent.channels.map((channel) => (
                <Table.Tr key={channel.id} data-testid="channel-row">
                  <Table.Td>
                    <Stack gap={0}>
                      <Text size="sm" fw={500}>
                        {channel.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {TYPE_LABEL[channel.type]}
                      </Text>
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Badge styles={WHOLE} variant="light" color={channel.enabled ? 'teal' : 'gray'}>
                      {channel.enabled ? 'enabled' : 'disabled'}
                    </Badge>
                  </Table.Td>
                  {withConfig ? (
                    <Table.Td>
                      <Settings config={channel.config} />
                    </Table.Td>
                  ) : null}
                  <Table.Td>
                    {channel.configuredSecrets.length ? (
                      <Group gap={4}>
                        {channel.configuredSecrets.map((name) => (
                          <Badge styles={WHOLE} key={name} size="sm" variant="outline" color="gray" tt="none" leftSection={<IconLock size={10} />}>
                            {name}
                          </Badge>
                        ))}
                      </Group>
                    ) : (
                      <Text size="sm" c="dimmed">
                        None
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <When at={channel.updatedAt} />
                  </Table.Td>
                  {manage || withConfig ? (
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        {withConfig ? (
                          <RowAction
                            label="Deliveries"
                            ariaLabel={`Deliveries of ${channel.name}`}
                            icon={<IconHistory size={16} />}
                            onClick={() => setLogOf(channel)}
                          />
                        ) : null}
                        {manage ? (
                          <>
                            <RowAction label="Edit" ariaLabel={`Edit ${channel.name}`} icon={<IconPencil size={16} />} onClick={() => setEditing(channel)} />
                            <RowAction
                              label="Remove"
                              ariaLabel={`Remove ${channel.name}`}
                              icon={<IconTrash size={16} />}
                              danger
                              onClick={() => setRemoving(channel)}
                            />
                          </>
                        ) : null}
                      </Group>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </ListState>
      {manage && editing ? (
        <ChannelModal
          key={editing === 'new' ? 'new' : editing.id}
          agentId={agent.id}
          channel={editing === 'new' ? null : editing}
          opened
          onClose={() => setEditing(null)}
        />
      ) : null}
      {logOf ? <ChannelDeliveries channel={logOf} canSend={manage} onClose={() => setLogOf(null)} /> : null}
      <ConfirmModal
        opened={removing !== null}
        title="Remove channel"
        confirmLabel="Remove"
        danger
        busy={loading}
        messages={messages}
        onConfirm={() => void confirm()}
        onClose={() => {
          setRemoving(null);
          setMessages(null);
        }}
      >
        Remove <b>{removing?.name}</b> from {agent.name}? Its settings and secrets are deleted.
      </ConfirmModal>
    </Stack>
  );
}
