import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Badge, Button, Code, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { words } from '../../format/words';
import { graphql } from '../../gql';
import { ChannelDeliveryStatus } from '../../gql/graphql';
import { WHOLE } from '../../ui/badges';
import { runMutation } from '../../ui/errors';
import { ListState } from '../../ui/ListState';
import { When } from '../../ui/When';

const ChannelDeliveriesQuery = graphql(`
  query ChannelDeliveries($id: ID!) {
    node(id: $id) {
      id
      ... on AgentChannel {
        deliveries {
          id
          source
          subject
          status
          attempts
          nextAttemptAt
          lastStatusCode
          lastDurationMs
          lastError
          responseExcerpt
          createdAt
        }
      }
    }
  }
`);

const AgentChannelSendTest = graphql(`
  mutation AgentChannelSendTest($input: AgentChannelSendTestInput!) {
    agentChannelSendTest(input: $input) {
      delivery {
        id
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const STATUS_COLOR: Record<ChannelDeliveryStatus, string> = {
  PENDING: 'blue',
  RETRYING: 'yellow',
  SUCCEEDED: 'teal',
  FAILED: 'red',
  CANCELLED: 'gray',
};

const OPEN = new Set<ChannelDeliveryStatus>([ChannelDeliveryStatus.Pending, ChannelDeliveryStatus.Retrying]);

/** A channel's delivery log (its latest messages and how each went) and a "send test message" action. */
export function ChannelDeliveries({
  channel,
  canSend,
  onClose,
}: {
  channel: { id: string; name: string; enabled: boolean };
  canSend: boolean;
  onClose: () => void;
}) {
  const [problems, setProblems] = useState<string[]>([]);
  const [sentId, setSentId] = useState<string | null>(null);
  const [send, { loading: sending }] = useMutation(AgentChannelSendTest);
  const [follow, setFollow] = useState(false);
  const { data, loading, error, refetch } = useQuery(ChannelDeliveriesQuery, {
    variables: { id: channel.id },
    errorPolicy: 'all',
    // While a just-sent message has not been tried yet, the log follows it (the job queue sends it within seconds).
    pollInterval: follow ? 1500 : 0,
  });
  const node = data?.node && 'deliveries' in data.node ? data.node : null;
  const deliveries = node?.deliveries ?? [];
  const sent = sentId ? deliveries.find((d) => d.id === sentId) : undefined;
  const waiting = sentId !== null && (!sent || sent.status === ChannelDeliveryStatus.Pending);
  if (follow !== waiting) setFollow(waiting);

  async function sendTest() {
    setProblems([]);
    const { payload, problems: found } = await runMutation(
      () => send({ variables: { input: { channelId: channel.id } }, errorPolicy: 'all' }),
      (d) => d.agentChannelSendTest,
    );
    if (found.length) return setProblems(found);
    setSentId(payload?.delivery?.id ?? null);
    await refetch();
  }

  return (
    <Modal opened onClose={onClose} title={`Deliveries of ${channel.name}`} size="xl">
      <Stack>
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            The latest 20 messages to this channel: alerts and violations about the agent, workflow messages and tests. Failed attempts are retried with
            backoff.
          </Text>
          {canSend ? (
            <Button size="xs" leftSection={<IconSend size={16} />} loading={sending} disabled={!channel.enabled} onClick={() => void sendTest()}>
              Send test message
            </Button>
          ) : null}
        </Group>
        {!channel.enabled && canSend ? (
          <Text size="xs" c="dimmed">
            The channel is disabled: enable it to send to it.
          </Text>
        ) : null}
        {problems.length ? (
          <Alert color="red" title="Not sent">
            {problems.join(' ')}
          </Alert>
        ) : null}
        {waiting ? (
          <Text size="sm" role="status">
            Sending the test message…
          </Text>
        ) : null}
        <ListState
          loading={loading && !data}
          error={error}
          empty={deliveries.length === 0}
          emptyTitle="No messages yet"
          what="deliveries"
          onRetry={() => void refetch()}
        >
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="xs" aria-label="Deliveries">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Queued</Table.Th>
                  <Table.Th>Message</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Attempts</Table.Th>
                  <Table.Th>Answer</Table.Th>
                  <Table.Th>Duration</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {deliveries.map((d) => (
                  <Table.Tr key={d.id} data-testid="channel-delivery-row">
                    <Table.Td>
                      <When at={d.createdAt} />
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={0}>
                        <Text size="sm">{d.subject}</Text>
                        <Text size="xs" c="dimmed">
                          {words(d.source)}
                        </Text>
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={2}>
                        <Badge styles={WHOLE} variant="light" color={STATUS_COLOR[d.status]}>
                          {words(d.status)}
                        </Badge>
                        {OPEN.has(d.status) && d.nextAttemptAt ? (
                          <Text size="xs" c="dimmed">
                            next <When at={d.nextAttemptAt} />
                          </Text>
                        ) : null}
                      </Stack>
                    </Table.Td>
                    <Table.Td>{d.attempts}</Table.Td>
                    <Table.Td>
                      <Stack gap={2}>
                        {d.lastStatusCode !== null && d.lastStatusCode !== undefined ? <Text size="sm">HTTP {d.lastStatusCode}</Text> : null}
                        {d.lastError ? (
                          <Text size="xs" c="red.8">
                            {d.lastError}
                          </Text>
                        ) : null}
                        {d.responseExcerpt ? <Code block>{d.responseExcerpt.slice(0, 300)}</Code> : null}
                      </Stack>
                    </Table.Td>
                    <Table.Td>{d.lastDurationMs !== null && d.lastDurationMs !== undefined ? `${d.lastDurationMs} ms` : '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </ListState>
      </Stack>
    </Modal>
  );
}
