import { useQuery } from '@apollo/client/react';
import { Button, Card, Group } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { allowed } from '../../app/access';
import { useViewer } from '../../app/shell/viewer';
import { graphql } from '../../gql';
import { NamedOrderField, OrderDirection } from '../../gql/graphql';
import { RefreshButton } from '../../ui/FilterBar';
import { ListState } from '../../ui/ListState';
import { LoadMore } from '../../ui/LoadMore';
import { PageHeader } from '../../ui/PageHeader';
import { type SortOrder, useSortOrder } from '../../ui/SortableTh';
import { AgentFilters, type AgentFilterValues, emptyAgentFilters, toAgentFilter } from './AgentFilters';
import { AgentsTable } from './AgentsTable';

export const AgentsQuery = graphql(`
  query Agents($first: Int!, $after: String, $filter: AgentFilter, $orderBy: NamedOrder, $withCost: Boolean!) {
    agents(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      edges {
        cursor
        node {
          ...AgentRow
          ...AgentRowCost
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const PAGE_SIZE = 25;
export const AGENT_ORDER: SortOrder<NamedOrderField> = { field: NamedOrderField.Name, direction: OrderDirection.Asc };

export default function AgentsPage() {
  const viewer = useViewer();
  const manage = allowed(viewer, 'agents.manage');
  const withCost = allowed(viewer, 'agents.readCost');
  const [filters, setFilters] = useState<AgentFilterValues>(emptyAgentFilters);
  const [debounced] = useDebouncedValue(filters, 300);
  const { order, sortBy } = useSortOrder<NamedOrderField>(AGENT_ORDER);
  const { data, previousData, loading, error, refetch, fetchMore } = useQuery(AgentsQuery, {
    variables: { first: PAGE_SIZE, filter: toAgentFilter(debounced), orderBy: order, withCost },
    errorPolicy: 'all',
    notifyOnNetworkStatusChange: true,
  });
  const connection = (data ?? previousData)?.agents;
  const agents = connection?.edges.map((e) => e.node) ?? [];
  const filtered = JSON.stringify(debounced) !== JSON.stringify(emptyAgentFilters);

  return (
    <>
      <PageHeader
        title="Agents"
        description="Every AI agent of the tenant, with its lifecycle and whether the policies in force find it compliant."
        actions={
          manage ? (
            <Button component={Link} to="/agents/new" leftSection={<IconPlus size={18} />}>
              Register agent
            </Button>
          ) : null
        }
      />
      <Card withBorder padding="md">
        <Group justify="space-between" align="flex-start" wrap="nowrap" mb="md">
          <AgentFilters value={filters} onChange={setFilters} />
          <RefreshButton what="agents" mt={25} refreshing={loading && Boolean(connection)} onRefresh={() => void refetch()} />
        </Group>
        <ListState
          loading={loading && !connection}
          error={error}
          empty={connection != null && agents.length === 0}
          emptyTitle={filtered ? 'No agents match these filters' : 'No agents yet'}
          emptyDescription={!filtered && manage ? 'Register the first agent the enterprise runs.' : undefined}
          what="agents"
          onRetry={() => void refetch()}
        >
          <AgentsTable agents={agents} withCost={withCost} order={order} onSort={sortBy} />
          {connection ? (
            <LoadMore
              shown={agents.length}
              total={connection.totalCount}
              hasMore={connection.pageInfo.hasNextPage}
              noun="agents"
              onLoadMore={() => fetchMore({ variables: { after: connection.pageInfo.endCursor } })}
            />
          ) : null}
        </ListState>
      </Card>
    </>
  );
}
