import { useQuery } from '@apollo/client/react';
import { Anchor, Badge, Card, Group, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { IconCpuOff } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { allowed } from '../../app/access';
import { useViewer } from '../../app/shell/viewer';
import { getFragmentData, graphql } from '../../gql';
import { NamedOrderField, OrderDirection } from '../../gql/graphql';
import { DetailState } from '../../ui/DetailState';
import { PageHeader } from '../../ui/PageHeader';
import { When } from '../../ui/When';
import { BackLink } from '../../ui/BackLink';
import { AgentsTable } from '../agents/public';
import { JsonView } from '../../ui/json';
import { MODEL_STATUS_COLOR, typeOptions } from './labels';
import { Metrics, ModelRow } from './ModelsPage';
import { Fact } from '../../ui/Fact';
import { enumText } from '../../format/words';

export const AGENTS_SHOWN = 50;

export const ModelDetailQuery = graphql(`
  query ModelDetail($id: ID!, $first: Int!, $orderBy: NamedOrder, $withConfiguration: Boolean!, $withCost: Boolean!) {
    aiModel(id: $id) {
      ...ModelRow
      createdAt
      configuration @include(if: $withConfiguration)
      agents(first: $first, orderBy: $orderBy) {
        totalCount
        nodes {
          ...AgentRow
          ...AgentRowCost
        }
      }
    }
  }
`);

/** One model of the registry: what it is, how it performs, and every agent that runs on it. */
export default function ModelDetailPage() {
  const { id = '' } = useParams();
  const viewer = useViewer();
  const withConfiguration = allowed(viewer, 'agents.readConfiguration');
  const withCost = allowed(viewer, 'agents.readCost');
  const { data, loading, error, refetch } = useQuery(ModelDetailQuery, {
    variables: { id, first: AGENTS_SHOWN, orderBy: { field: NamedOrderField.Name, direction: OrderDirection.Asc }, withConfiguration, withCost },
    errorPolicy: 'all',
  });
  const model = data?.aiModel ? { ...data.aiModel, ...getFragmentData(ModelRow, data.aiModel) } : null;
  const back = <BackLink to="/models" label="Models" />;

  return (
    <DetailState
      found={Boolean(model)}
      loading={loading}
      error={error}
      what="this model"
      notFoundTitle="No such model"
      icon={IconCpuOff}
      back={back}
      onRetry={() => void refetch()}
    >
      {model ? (
        <>
          {back}
          <PageHeader
            title={`${model.name} ${model.version}`}
            description={`${typeOptions.find((t) => t.value === model.type)?.label ?? model.type} by ${model.provider}`}
            actions={
              <Badge variant="light" color={MODEL_STATUS_COLOR[model.status]} size="lg">
                {enumText(model.status)}
              </Badge>
            }
          />
          <SimpleGrid cols={{ base: 1, lg: withConfiguration ? 2 : 1 }} mb="md">
            <Card withBorder padding="md" component="section" aria-label="Model">
              <Title order={2} size="h4" mb="sm">
                Model
              </Title>
              <Table verticalSpacing={6}>
                <Table.Tbody>
                  <Fact label="Provider">{model.provider}</Fact>
                  <Fact label="Metrics">
                    <Metrics metrics={model.performanceMetrics} />
                  </Fact>
                  <Fact label="Registered">
                    <When at={model.createdAt} />
                  </Fact>
                  <Fact label="Updated">
                    <When at={model.updatedAt} />
                  </Fact>
                </Table.Tbody>
              </Table>
            </Card>
            {withConfiguration ? (
              <Card withBorder padding="md" component="section" aria-label="Configuration">
                <Title order={2} size="h4" mb="sm">
                  Configuration
                </Title>
                <JsonView value={model.configuration ?? null} empty="No configuration" label="Model configuration" />
              </Card>
            ) : null}
          </SimpleGrid>
          <Card withBorder padding="md" component="section" aria-label="Agents using it" data-testid="model-agents">
            <Group justify="space-between" mb="sm">
              <Title order={2} size="h4">
                Agents using it
              </Title>
              <Text size="sm" c="dimmed" data-testid="model-agent-count">
                {model.agents?.totalCount ?? 0} {model.agents?.totalCount === 1 ? 'agent' : 'agents'}
              </Text>
            </Group>
            {model.agents && model.agents.nodes.length ? (
              <>
                <AgentsTable agents={model.agents.nodes} withCost={withCost} />
                {model.agents.totalCount > model.agents.nodes.length ? (
                  <Text size="sm" c="dimmed" mt="sm">
                    The first {model.agents.nodes.length} by name; the{' '}
                    <Anchor component={Link} to="/agents">
                      Agents
                    </Anchor>{' '}
                    page lists them all.
                  </Text>
                ) : null}
              </>
            ) : (
              <Text size="sm" c="dimmed">
                No agent runs on this model.
              </Text>
            )}
          </Card>
        </>
      ) : null}
    </DetailState>
  );
}
