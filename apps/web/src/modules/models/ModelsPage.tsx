import { useMutation, useQuery } from '@apollo/client/react';
import { Anchor, Badge, Button, Card, Group, MultiSelect, Select, Spoiler, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { allowed } from '../../app/access';
import { useViewer } from '../../app/shell/viewer';
import { getFragmentData, graphql } from '../../gql';
import {
  AiModelStatus,
  type AiModelType,
  type ModelRowFragment,
  type ModelsQuery as ModelsQueryResult,
  NamedOrderField,
  OrderDirection,
} from '../../gql/graphql';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { runMutation } from '../../ui/errors';
import { FilterBar } from '../../ui/FilterBar';
import { ListState } from '../../ui/ListState';
import { LoadMore } from '../../ui/LoadMore';
import { PageHeader } from '../../ui/PageHeader';
import { SortableTh, useSortOrder } from '../../ui/SortableTh';
import { When } from '../../ui/When';
import { JsonView } from '../../ui/json';
import { MODEL_STATUS_COLOR, modelStatusOptions as statusOptions, typeOptions } from './labels';
import { metricLabel, metricValue } from './metrics';
import { RegisterModelModal } from './RegisterModelModal';
import { WHOLE } from '../../ui/badges';
import { enumText } from '../../format/words';

export const ModelsQuery = graphql(`
  query Models($first: Int!, $after: String, $filter: AiModelFilter, $orderBy: NamedOrder, $withConfiguration: Boolean!) {
    aiModels(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      edges {
        cursor
        node {
          ...ModelRow
          configuration @include(if: $withConfiguration)
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const ModelRow = graphql(`
  fragment ModelRow on AiModel {
    id
    name
    provider
    version
    type
    status
    performanceMetrics
    updatedAt
  }
`);

const AiModelDeploy = graphql(`
  mutation AiModelDeploy($input: AiModelLifecycleInput!) {
    aiModelDeploy(input: $input) {
      model {
        ...ModelRow
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const AiModelUndeploy = graphql(`
  mutation AiModelUndeploy($input: AiModelLifecycleInput!) {
    aiModelUndeploy(input: $input) {
      model {
        ...ModelRow
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const AiModelArchive = graphql(`
  mutation AiModelArchive($input: AiModelLifecycleInput!) {
    aiModelArchive(input: $input) {
      model {
        ...ModelRow
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

type Model = ModelRowFragment & Pick<NonNullable<ModelsQueryResult['aiModels']>['edges'][number]['node'], 'configuration'>;

export function Metrics({ metrics }: { metrics: Record<string, unknown> }) {
  const entries = Object.entries(metrics);
  if (!entries.length)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  return (
    <Group gap={4}>
      {entries.map(([name, value]) => (
        <Badge styles={WHOLE} key={name} variant="default" tt="none" fw={400}>
          {metricLabel(name)}: {metricValue(name, value)}
        </Badge>
      ))}
    </Group>
  );
}

export default function ModelsPage() {
  const viewer = useViewer();
  const manage = allowed(viewer, 'models.manage');
  const withConfiguration = allowed(viewer, 'agents.readConfiguration');
  const [search, setSearch] = useState('');
  const [statuses, setStatuses] = useState<AiModelStatus[]>([]);
  const [types, setTypes] = useState<AiModelType[]>([]);
  const [debouncedSearch] = useDebouncedValue(search, 300);
  const [registering, register] = useDisclosure(false);
  const [pending, setPending] = useState<{ model: Model; status: AiModelStatus } | null>(null);
  const [messages, setMessages] = useState<string[] | null>(null);
  const { order, sortBy } = useSortOrder<NamedOrderField>({ field: NamedOrderField.Name, direction: OrderDirection.Asc });
  const { data, previousData, loading, error, refetch, fetchMore } = useQuery(ModelsQuery, {
    variables: {
      first: 25,
      filter: { search: debouncedSearch.trim() || null, statuses: statuses.length ? statuses : null, types: types.length ? types : null },
      orderBy: order,
      withConfiguration,
    },
    errorPolicy: 'all',
    notifyOnNetworkStatusChange: true,
  });
  const [deploy, deployState] = useMutation(AiModelDeploy);
  const [undeploy, undeployState] = useMutation(AiModelUndeploy);
  const [archive, archiveState] = useMutation(AiModelArchive);
  const moving = deployState.loading || undeployState.loading || archiveState.loading;
  const connection = (data ?? previousData)?.aiModels;
  const models: Model[] = connection?.edges.map((e) => ({ ...e.node, ...getFragmentData(ModelRow, e.node) })) ?? [];
  const filtered = Boolean(debouncedSearch.trim() || statuses.length || types.length);

  async function confirm() {
    if (!pending) return;
    const variables = { input: { modelId: pending.model.id } };
    const { problems } =
      pending.status === AiModelStatus.Deployed
        ? await runMutation(
            () => deploy({ variables, errorPolicy: 'all' }),
            (data) => data.aiModelDeploy,
          )
        : pending.status === AiModelStatus.Archived
          ? await runMutation(
              () => archive({ variables, errorPolicy: 'all' }),
              (data) => data.aiModelArchive,
            )
          : await runMutation(
              () => undeploy({ variables, errorPolicy: 'all' }),
              (data) => data.aiModelUndeploy,
            );
    if (problems.length) return setMessages(problems);
    notifications.show({
      color: 'teal',
      title: 'Model status changed',
      message: `${pending.model.name} ${pending.model.version} is now ${enumText(pending.status)}.`,
    });
    setPending(null);
    setMessages(null);
  }

  return (
    <>
      <PageHeader
        title="Models"
        description="The registry of models agents run on. Only a deployed model can run an agent."
        actions={
          manage ? (
            <Button leftSection={<IconPlus size={18} />} onClick={register.open}>
              Register model
            </Button>
          ) : null
        }
      />
      <Card withBorder padding="md">
        <FilterBar what="models" refreshing={loading && Boolean(connection)} onRefresh={() => void refetch()}>
          <TextInput
            label="Search"
            placeholder="Name or provider"
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            w={260}
          />
          <MultiSelect
            label="Status"
            placeholder={statuses.length ? undefined : 'Any status'}
            data={statusOptions}
            value={statuses}
            onChange={(v) => setStatuses(v as AiModelStatus[])}
            clearable
            w={260}
          />
          <MultiSelect
            label="Type"
            placeholder={types.length ? undefined : 'Any type'}
            data={typeOptions}
            value={types}
            onChange={(v) => setTypes(v as AiModelType[])}
            clearable
            w={260}
          />
        </FilterBar>
        <ListState
          loading={loading && !connection}
          error={error}
          empty={connection != null && models.length === 0}
          emptyTitle={filtered ? 'No models match these filters' : 'No models registered'}
          emptyDescription={!filtered && manage ? 'Register the models your agents run on.' : undefined}
          what="models"
          onRetry={() => void refetch()}
        >
          <Table.ScrollContainer minWidth={860}>
            <Table verticalSpacing="sm" highlightOnHover aria-label="Models">
              <Table.Thead>
                <Table.Tr>
                  <SortableTh field={NamedOrderField.Name} order={order} onSort={sortBy}>
                    Model
                  </SortableTh>
                  <Table.Th>Type</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Performance</Table.Th>
                  {withConfiguration ? <Table.Th>Configuration</Table.Th> : null}
                  <SortableTh field={NamedOrderField.UpdatedAt} order={order} onSort={sortBy} first={OrderDirection.Desc}>
                    Updated
                  </SortableTh>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {models.map((model) => (
                  <Table.Tr key={model.id} data-testid="model-row" data-model-name={model.name}>
                    <Table.Td>
                      <Stack gap={0}>
                        <Anchor component={Link} to={`/models/${encodeURIComponent(model.id)}`} size="sm" fw={500}>
                          {model.name}{' '}
                          <Text span c="dimmed" size="sm">
                            {model.version}
                          </Text>
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          {model.provider}
                        </Text>
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{typeOptions.find((t) => t.value === model.type)?.label}</Text>
                    </Table.Td>
                    <Table.Td>
                      {manage ? (
                        <Select
                          size="xs"
                          w={140}
                          data={statusOptions}
                          value={model.status}
                          allowDeselect={false}
                          aria-label={`Status of ${model.name} ${model.version}`}
                          onChange={(value) => {
                            if (value && value !== model.status) setPending({ model, status: value as AiModelStatus });
                          }}
                        />
                      ) : (
                        <Badge styles={WHOLE} variant="light" color={MODEL_STATUS_COLOR[model.status]}>
                          {enumText(model.status)}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td maw={320}>
                      <Metrics metrics={model.performanceMetrics} />
                    </Table.Td>
                    {withConfiguration ? (
                      <Table.Td maw={260}>
                        {model.configuration && Object.keys(model.configuration).length ? (
                          <Spoiler maxHeight={0} showLabel="Show" hideLabel="Hide">
                            <JsonView value={model.configuration} />
                          </Spoiler>
                        ) : (
                          <Text size="sm" c="dimmed">
                            —
                          </Text>
                        )}
                      </Table.Td>
                    ) : null}
                    <Table.Td>
                      <When at={model.updatedAt} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {connection ? (
            <LoadMore
              shown={models.length}
              total={connection.totalCount}
              hasMore={connection.pageInfo.hasNextPage}
              noun="models"
              onLoadMore={() => fetchMore({ variables: { after: connection.pageInfo.endCursor } })}
            />
          ) : null}
        </ListState>
      </Card>
      {manage ? <RegisterModelModal opened={registering} onClose={register.close} /> : null}
      <ConfirmModal
        opened={pending !== null}
        title="Change model status"
        confirmLabel="Change status"
        danger={pending?.status === AiModelStatus.Archived}
        busy={moving}
        messages={messages}
        onConfirm={() => void confirm()}
        onClose={() => {
          setPending(null);
          setMessages(null);
        }}
      >
        Change{' '}
        <b>
          {pending?.model.name} {pending?.model.version}
        </b>{' '}
        from {enumText(pending?.model.status)} to <b>{enumText(pending?.status)}</b>?{' '}
        {pending?.status !== AiModelStatus.Deployed ? 'Agents can no longer be deployed on a model that is not deployed.' : 'Agents can then run on it.'}
      </ConfirmModal>
    </>
  );
}
