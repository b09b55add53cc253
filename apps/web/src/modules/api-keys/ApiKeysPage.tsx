import { useQuery } from '@apollo/client/react';
import { Button, Card, Group, SegmentedControl } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { allowed } from '../../app/access';
import { useViewer } from '../../app/shell/viewer';
import { getFragmentData, graphql } from '../../gql';
import { ApiKeyStatus } from '../../gql/graphql';
import { RefreshButton } from '../../ui/FilterBar';
import { ListState } from '../../ui/ListState';
import { LoadMore } from '../../ui/LoadMore';
import { PageHeader } from '../../ui/PageHeader';
import { ApiKeysTable, ApiKeyRow } from './ApiKeysTable';
import { CreateApiKeyModal } from './CreateApiKeyModal';

export const ApiKeysQuery = graphql(`
  query ApiKeys($first: Int!, $after: String, $filter: ApiKeyFilter) {
    apiKeys(first: $first, after: $after, filter: $filter) {
      totalCount
      edges {
        cursor
        node {
          ...ApiKeyRow
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const STATUS_OPTIONS = [
  { value: 'all', label: 'All' },
  { value: ApiKeyStatus.Active, label: 'Active' },
  { value: ApiKeyStatus.Expired, label: 'Expired' },
  { value: ApiKeyStatus.Revoked, label: 'Revoked' },
];

function statusesFor(value: string): ApiKeyStatus[] | null {
  return (Object.values(ApiKeyStatus) as string[]).includes(value) ? [value as ApiKeyStatus] : null;
}

export default function ApiKeysPage() {
  const viewer = useViewer();
  const manage = allowed(viewer, 'apiKeys.manage');
  const [status, setStatus] = useState('all');
  const [creating, create] = useDisclosure(false);
  const { data, previousData, loading, error, refetch, fetchMore } = useQuery(ApiKeysQuery, {
    variables: { first: 25, filter: { statuses: statusesFor(status) } },
    errorPolicy: 'all',
    notifyOnNetworkStatusChange: true,
  });
  const connection = (data ?? previousData)?.apiKeys;
  const keys =
    getFragmentData(
      ApiKeyRow,
      connection?.edges.map((e) => e.node),
    ) ?? [];

  return (
    <>
      <PageHeader
        title="API keys"
        description="Keys let agents, pipelines and scripts call Steward with a role of their own. Send one as the x-api-key header."
        actions={
          manage ? (
            <Button leftSection={<IconPlus size={18} />} onClick={create.open}>
              Create API key
            </Button>
          ) : null
        }
      />
      <Card withBorder padding="md">
        <Group justify="space-between" mb="md">
          <SegmentedControl data={STATUS_OPTIONS} value={status} onChange={setStatus} aria-label="Filter by status" />
          <RefreshButton what="API keys" refreshing={loading && Boolean(connection)} onRefresh={() => void refetch()} />
        </Group>
        <ListState
          loading={loading && !connection}
          error={error}
          empty={connection !== undefined && keys.length === 0}
          emptyTitle={status === 'all' ? 'No API keys yet' : `No ${status} API keys`}
          emptyDescription={manage && status === 'all' ? 'Create one for each agent or pipeline that calls Steward.' : undefined}
          what="API keys"
          onRetry={() => void refetch()}
        >
          <ApiKeysTable apiKeys={keys} />
          {connection ? (
            <LoadMore
              shown={keys.length}
              total={connection.totalCount}
              hasMore={connection.pageInfo.hasNextPage}
              noun="keys"
              onLoadMore={() => fetchMore({ variables: { after: connection.pageInfo.endCursor } })}
            />
          ) : null}
        </ListState>
      </Card>
      {manage ? <CreateApiKeyModal opened={creating} onClose={create.close} /> : null}
    </>
  );
}
