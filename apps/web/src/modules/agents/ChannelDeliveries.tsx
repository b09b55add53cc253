import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { words } from '../../format/words';
import { graphql } from '../../gql';
import { ChannelDeliveryStatus } from '../../gql/graphql';
import { DeliveryLog } from '../../ui/DeliveryLog';
import { runMutation } from '../../ui/errors';
import { ListState } from '../../ui/ListState';

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
          <DeliveryLog
            rows={deliveries}
            label="Deliveries"
            rowTestId="channel-delivery-row"
            what={{
              header: 'Message',
              cell: (d) => (
                <Stack gap={0}>
                  <Text size="sm">{d.subject}</Text>
                  <Text size="xs" c="dimmed">
                    {words(d.source)}
                  </Text>
                </Stack>
              ),
            }}
            excerpt={(d) => d.responseExcerpt}
          />
        </ListState>
      </Stack>
    </Modal>
  );
}
