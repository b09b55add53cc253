import { useQuery } from '@apollo/client/react';
import { Anchor, Badge, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { getFragmentData } from '../../gql';
import { ListState } from '../../ui/ListState';
import { LoadMore } from '../../ui/LoadMore';
import { TableSkeleton } from '../../ui/TableSkeleton';
import { When } from '../../ui/When';
import { WHOLE } from '../../ui/badges';
import { enumText } from '../../format/words';
import { EXECUTION_COLOR } from './workflow-labels';
import { ExecutionRow, WorkflowExecutionsQuery } from './workflow.operations';

export function executionPath(id: string): string {
  return `/workflows/executions/${encodeURIComponent(id)}`;
}

function duration(from: string | null, to: string | null): string {
  if (!from) return '—';
  const ms = (to ? Date.parse(to) : Date.now()) - Date.parse(from);
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3600_000) return `${Math.round(ms / 60_000)} min`;
  return `${(ms / 3600_000).toFixed(1)} h`;
}

/** Executions, newest first: of one workflow, or of all of them. */
export function Executions({ workflowId }: { workflowId?: string }) {
  const { data, previousData, loading, error, refetch, fetchMore } = useQuery(WorkflowExecutionsQuery, {
    variables: { first: 25, filter: workflowId ? { workflowId } : null },
    errorPolicy: 'all',
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const connection = (data ?? previousData)?.workflowExecutions;
  const executions =
    getFragmentData(
      ExecutionRow,
      connection?.edges.map((e) => e.node),
    ) ?? [];
  if (loading && !connection) return <TableSkeleton label="Loading executions" />;
  return (
    <ListState
      loading={false}
      error={error}
      empty={connection != null && executions.length === 0}
      emptyTitle="No executions yet"
      emptyDescription="Each run of the workflow shows here with its state and timeline."
      what="executions"
      onRetry={() => void refetch()}
    >
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing="sm" highlightOnHover aria-label="Executions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Execution</Table.Th>
              {workflowId ? null : <Table.Th>Workflow</Table.Th>}
              <Table.Th>Status</Table.Th>
              <Table.Th>Started by</Table.Th>
              <Table.Th>Took</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {executions.map((x) => (
              <Table.Tr key={x.id} data-testid="execution-row" data-status={x.status}>
                <Table.Td>
                  <Anchor component={Link} to={executionPath(x.id)} size="sm">
                    Run of v{x.version}, <When at={x.startedAt} />
                  </Anchor>
                </Table.Td>
                {workflowId ? null : (
                  <Table.Td>
                    {x.workflow ? (
                      <Anchor component={Link} to={`/workflows/${encodeURIComponent(x.workflow.id)}`} size="sm">
                        {x.workflow.name}
                      </Anchor>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                )}
                <Table.Td>
                  <Badge variant="light" color={EXECUTION_COLOR[x.status]} styles={WHOLE}>
                    {enumText(x.status)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{x.startedBy?.fullName ?? 'Its trigger'}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{duration(x.startedAt, x.finishedAt)}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {connection ? (
        <LoadMore
          shown={executions.length}
          total={connection.totalCount}
          hasMore={connection.pageInfo.hasNextPage}
          noun="executions"
          onLoadMore={() => fetchMore({ variables: { after: connection.pageInfo.endCursor } })}
        />
      ) : null}
    </ListState>
  );
}
