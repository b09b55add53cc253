import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Badge, Button, Card, Code, Group, Modal, MultiSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconHistory, IconPlayerPause, IconPlayerPlay, IconPlus, IconRefresh, IconSend, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { getFragmentData } from '../../gql';
import { DomainEventType, WebhookDeliveryStatus, type WebhookEndpointFieldsFragment } from '../../gql/graphql';
import { WHOLE } from '../../ui/badges';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { DeliveryLog } from '../../ui/DeliveryLog';
import { runMutation } from '../../ui/errors';
import { ListState } from '../../ui/ListState';
import { PageHeader } from '../../ui/PageHeader';
import { ActionsHeader, RowAction } from '../../ui/RowActions';
import { SecretReveal } from '../../ui/SecretReveal';
import { When } from '../../ui/When';
import {
  WebhookDeliveriesQuery,
  WebhookDeliveryRedeliver,
  WebhookEndpointActivate,
  WebhookEndpointCreate,
  WebhookEndpointDeactivate,
  WebhookEndpointDelete,
  WebhookEndpointFields,
  WebhookEndpointsQuery,
  WebhookEndpointTest,
} from './webhook.operations';

type Endpoint = WebhookEndpointFieldsFragment;

/** "ALERT_RAISED" is sent as alert.raised: the name receivers see in the body's type. */
const wireName = (type: DomainEventType) => type.toLowerCase().replace(/_/g, '.').replace('api.key', 'api_key');
const EVENT_OPTIONS = Object.values(DomainEventType).map((value) => ({ value, label: wireName(value) }));

function CreateEndpointModal({ onClose }: { onClose: () => void }) {
  const [create, { loading }] = useMutation(WebhookEndpointCreate, { refetchQueries: [WebhookEndpointsQuery] });
  const [secret, setSecret] = useState<string | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const form = useForm({
    initialValues: { url: '', description: '', eventTypes: [] as string[] },
    validate: {
      url: (v) => (/^https?:\/\/\S+$/.test(v.trim()) ? null : 'Enter the https URL that receives the events'),
      description: (v) => (v.length > 500 ? 'At most 500 characters' : null),
    },
  });

  async function submit(values: typeof form.values) {
    setProblems([]);
    const { payload, problems: found } = await runMutation(
      () =>
        create({
          variables: { input: { url: values.url.trim(), description: values.description.trim(), eventTypes: values.eventTypes as DomainEventType[] } },
          errorPolicy: 'all',
        }),
      (d) => d.webhookEndpointCreate,
    );
    if (found.length) return setProblems(found);
    setSecret(payload?.secret ?? null);
  }

  return (
    <Modal opened onClose={onClose} title="Add a webhook endpoint" size="lg">
      {secret ? (
        <Stack>
          <SecretReveal
            label="signing secret"
            secret={secret}
            hint="Verify each delivery's webhook-signature with it (Standard Webhooks). This is the only time Steward shows it."
          />
          <Group justify="flex-end">
            <Button onClick={onClose}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={form.onSubmit((v) => void submit(v))}>
          <Stack>
            {problems.length ? (
              <Alert color="red" title="Not added">
                {problems.join(' ')}
              </Alert>
            ) : null}
            <TextInput label="URL" placeholder="https://hooks.example.com/steward" required {...form.getInputProps('url')} />
            <TextInput label="Description" placeholder="What the endpoint is for" {...form.getInputProps('description')} />
            <MultiSelect
              label="Event types"
              description="Leave empty to send every type"
              data={EVENT_OPTIONS}
              searchable
              clearable
              {...form.getInputProps('eventTypes')}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" loading={loading}>
                Add endpoint
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

function Deliveries({ endpoint }: { endpoint: Endpoint }) {
  const [following, setFollowing] = useState(false);
  const { data, loading, error, refetch } = useQuery(WebhookDeliveriesQuery, {
    variables: { filter: { webhookEndpointId: endpoint.id } },
    // Opened again, the log reads itself anew: deliveries were made while it was closed.
    fetchPolicy: 'cache-and-network',
    errorPolicy: 'all',
    // While a delivery is waiting for its first attempt, the log follows it.
    pollInterval: following ? 1500 : 0,
  });
  const [redeliver] = useMutation(WebhookDeliveryRedeliver);
  const deliveries = data?.webhookDeliveries?.nodes ?? [];
  const pending = deliveries.some((d) => d.status === WebhookDeliveryStatus.Pending);
  if (following !== pending) setFollowing(pending);

  async function again(id: string) {
    const { problems } = await runMutation(
      () => redeliver({ variables: { input: { webhookDeliveryId: id } }, errorPolicy: 'all' }),
      (d) => d.webhookDeliveryRedeliver,
    );
    if (problems.length) return notifications.show({ color: 'red', title: 'Not redelivered', message: problems.join(' ') });
    notifications.show({ color: 'teal', title: 'Redelivery queued', message: 'The event is sent again with the same webhook-id.' });
    await refetch();
  }

  return (
    <Card withBorder padding="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          Deliveries to {endpoint.url}
        </Title>
        {pending ? (
          <Text size="sm" role="status">
            Sending…
          </Text>
        ) : null}
      </Group>
      <ListState
        loading={loading && !data}
        error={error}
        empty={deliveries.length === 0}
        emptyTitle="Nothing sent yet"
        what="deliveries"
        onRetry={() => void refetch()}
      >
        <DeliveryLog
          rows={deliveries}
          label="Webhook deliveries"
          rowTestId="webhook-delivery-row"
          what={{ header: 'Event', cell: (d) => <Code>{d.eventType}</Code> }}
          excerpt={(d) => d.attemptLog[d.attemptLog.length - 1]?.responseExcerpt}
          action={(d) =>
            d.status === WebhookDeliveryStatus.Succeeded || d.status === WebhookDeliveryStatus.Failed ? (
              <RowAction label="Redeliver" ariaLabel={`Redeliver ${d.eventType}`} icon={<IconRefresh size={16} />} onClick={() => void again(d.id)} />
            ) : null
          }
        />
      </ListState>
    </Card>
  );
}

/** The tenant's webhook endpoints (admins): add one (its secret shown once), switch on and off, test, delete, and each one's delivery log. */
export default function WebhooksPage() {
  const { data, loading, error, refetch } = useQuery(WebhookEndpointsQuery, { errorPolicy: 'all' });
  const [adding, setAdding] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Endpoint | null>(null);
  const [deleteProblems, setDeleteProblems] = useState<string[] | null>(null);
  const [activate] = useMutation(WebhookEndpointActivate);
  const [deactivate] = useMutation(WebhookEndpointDeactivate);
  const [test] = useMutation(WebhookEndpointTest, { refetchQueries: [WebhookDeliveriesQuery] });
  const [remove, removing] = useMutation(WebhookEndpointDelete, { refetchQueries: [WebhookEndpointsQuery] });
  const endpoints = getFragmentData(WebhookEndpointFields, data?.webhookEndpoints?.nodes ?? []);
  const shown = endpoints.find((e) => e.id === selected) ?? null;

  async function toggle(endpoint: Endpoint) {
    const input = { webhookEndpointId: endpoint.id };
    const { problems } = endpoint.active
      ? await runMutation(
          () => deactivate({ variables: { input }, errorPolicy: 'all' }),
          (d) => d.webhookEndpointDeactivate,
        )
      : await runMutation(
          () => activate({ variables: { input }, errorPolicy: 'all' }),
          (d) => d.webhookEndpointActivate,
        );
    if (problems.length) return notifications.show({ color: 'red', title: 'Not changed', message: problems.join(' ') });
    notifications.show({ color: 'teal', title: endpoint.active ? 'Switched off' : 'Switched on', message: endpoint.url });
  }

  async function sendTest(endpoint: Endpoint) {
    const { problems } = await runMutation(
      () => test({ variables: { input: { webhookEndpointId: endpoint.id } }, errorPolicy: 'all' }),
      (d) => d.webhookEndpointTest,
    );
    // The log opens once the delivery exists: opened before, its first read could miss it (and the refetch after
    // the mutation would join that read in flight), leaving the log without the event just sent.
    setSelected(endpoint.id);
    if (problems.length) return notifications.show({ color: 'red', title: 'No test event sent', message: problems.join(' ') });
    notifications.show({ color: 'teal', title: 'Test event queued', message: `A webhook.test event is on its way to ${endpoint.url}.` });
  }

  async function confirmDelete() {
    if (!deleting) return;
    const { problems } = await runMutation(
      () => remove({ variables: { input: { webhookEndpointId: deleting.id } }, errorPolicy: 'all' }),
      (d) => d.webhookEndpointDelete,
    );
    if (problems.length) return setDeleteProblems(problems);
    if (selected === deleting.id) setSelected(null);
    setDeleting(null);
    setDeleteProblems(null);
  }

  return (
    <Stack>
      <PageHeader
        title="Webhooks"
        description="Partner systems that receive the tenant's events as signed HTTP POSTs (Standard Webhooks), retried for about a day and switched off after repeated failures."
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
            Add endpoint
          </Button>
        }
      />
      <Card withBorder padding="md">
        <ListState
          loading={loading && !data}
          error={error}
          empty={endpoints.length === 0}
          emptyTitle="No endpoints"
          emptyDescription="Add the URL of a system that should hear about alerts, violations, approvals and more."
          what="webhook endpoints"
          onRetry={() => void refetch()}
        >
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="sm" aria-label="Webhook endpoints">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Endpoint</Table.Th>
                  <Table.Th>Events</Table.Th>
                  <Table.Th>State</Table.Th>
                  <Table.Th>Added</Table.Th>
                  <ActionsHeader w={170} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {endpoints.map((endpoint) => (
                  <Table.Tr key={endpoint.id} data-testid="webhook-endpoint-row">
                    <Table.Td>
                      <Text size="sm" fw={500} style={{ wordBreak: 'break-all' }}>
                        {endpoint.url}
                      </Text>
                      {endpoint.description ? (
                        <Text size="xs" c="dimmed">
                          {endpoint.description}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      {endpoint.eventTypes.length ? (
                        <Group gap={4}>
                          {endpoint.eventTypes.map((t) => (
                            <Badge key={t} styles={WHOLE} size="sm" variant="outline" color="gray" tt="none">
                              {wireName(t)}
                            </Badge>
                          ))}
                        </Group>
                      ) : (
                        <Text size="sm">Every event</Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={2}>
                        <Badge styles={WHOLE} variant="light" color={endpoint.active ? 'teal' : 'gray'}>
                          {endpoint.active ? 'active' : 'switched off'}
                        </Badge>
                        {endpoint.disabledReason ? (
                          <Text size="xs" c="dimmed">
                            {endpoint.disabledReason}
                          </Text>
                        ) : endpoint.failureStreak ? (
                          <Text size="xs" c="orange.9">
                            {endpoint.failureStreak} failed in a row
                          </Text>
                        ) : null}
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      <When at={endpoint.createdAt} />
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <RowAction
                          label="Deliveries"
                          ariaLabel={`Deliveries to ${endpoint.url}`}
                          icon={<IconHistory size={16} />}
                          onClick={() => setSelected(endpoint.id)}
                        />
                        <RowAction
                          label="Send test event"
                          ariaLabel={`Send a test event to ${endpoint.url}`}
                          icon={<IconSend size={16} />}
                          onClick={() => void sendTest(endpoint)}
                        />
                        <RowAction
                          label={endpoint.active ? 'Switch off' : 'Switch on'}
                          ariaLabel={`${endpoint.active ? 'Switch off' : 'Switch on'} ${endpoint.url}`}
                          icon={endpoint.active ? <IconPlayerPause size={16} /> : <IconPlayerPlay size={16} />}
                          onClick={() => void toggle(endpoint)}
                        />
                        <RowAction
                          label="Delete"
                          ariaLabel={`Delete ${endpoint.url}`}
                          icon={<IconTrash size={16} />}
                          danger
                          onClick={() => setDeleting(endpoint)}
                        />
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </ListState>
      </Card>
      {shown ? <Deliveries key={shown.id} endpoint={shown} /> : null}
      {adding ? <CreateEndpointModal onClose={() => setAdding(false)} /> : null}
      <ConfirmModal
        opened={deleting !== null}
        title="Delete endpoint"
        confirmLabel="Delete"
        danger
        busy={removing.loading}
        messages={deleteProblems}
        onConfirm={() => void confirmDelete()}
        onClose={() => {
          setDeleting(null);
          setDeleteProblems(null);
        }}
      >
        Delete <b>{deleting?.url}</b>? Nothing more is sent to it, and its delivery log is removed.
      </ConfirmModal>
    </Stack>
  );
}
