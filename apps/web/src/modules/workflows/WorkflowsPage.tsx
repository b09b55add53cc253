import { useQuery } from '@apollo/client/react';
import { Anchor, Badge, Button, Card, Group, MultiSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { allowed } from '../../app/access';
import { useViewer } from '../../app/shell/viewer';
import { getFragmentData } from '../../gql';
import type { WorkflowType } from '../../gql/graphql';
import { ListState } from '../../ui/ListState';
import { LoadMore } from '../../ui/LoadMore';
import { PageHeader } from '../../ui/PageHeader';
import { TableSkeleton } from '../../ui/TableSkeleton';
import { When } from '../../ui/When';
import { WHOLE } from '../../ui/badges';
import { TYPE_LABEL, triggerText, typeOptions } from './workflow-labels';
import { WorkflowRow, WorkflowsQuery } from './workflow.operations';

/** Every workflow of the tenant: what it is, what starts it, its version. */
export default function WorkflowsPage() {
  const viewer = useViewer();
  const manage = allowed(viewer, 'workflows.manage');
  const [search, setSearch] = useState('');
  const [types, setTypes] = useState<WorkflowType[]>([]);
  const [debounced] = useDebouncedValue(search, 300);
  const filter = { search: debounced.trim() || null, types: types.length ? types : null };
  const { data, previousData, loading, error, refetch, fetchMore } = useQuery(WorkflowsQuery, {
    variables: { first: 50, filter },
    errorPolicy: 'all',
    // A workflow created or changed since the list was last shown must appear on coming back (the create page's refetch misses an unmounted list).
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const connection = (data ?? previousData)?.workflows;
  const workflows =
    getFragmentData(
      WorkflowRow,
      connection?.edges.map((e) => e.node),
    ) ?? [];
  const filtered = Boolean(filter.search || filter.types);

  return (
    <>
      <PageHeader
        title="Workflows"
        description="Approval, notification, automation and compliance workflows: graphs of steps that run durably on the job queue."
        actions={
          manage ? (
            <Button component={Link} to="/workflows/new" leftSection={<IconPlus size={18} />}>
              New workflow
            </Button>
          ) : null
        }
      />
      <Card withBorder padding="md">
        <Group mb="md" align="flex-end">
          <TextInput label="Search" placeholder="Name or description" value={search} onChange={(e) => setSearch(e.currentTarget.value)} w={280} />
          <MultiSelect
            label="Type"
            placeholder={types.length ? undefined : 'Any'}
            data={typeOptions}
            value={types}
            onChange={(v) => setTypes(v as WorkflowType[])}
            clearable
            w={320}
          />
          <Button variant="subtle" component={Link} to="/workflows/executions">
            All executions
          </Button>
        </Group>
        {loading && !connection ? (
          <TableSkeleton label="Loading workflows" />
        ) : (
          <ListState
            loading={false}
            error={error}
            empty={connection != null && workflows.length === 0}
            emptyTitle={filtered ? 'No workflow matches' : 'No workflows yet'}
            emptyDescription={manage && !filtered ? 'Create one to route approvals, notify people or automate agent changes.' : undefined}
            what="workflows"
            onRetry={() => void refetch()}
          >
            <Table.ScrollContainer minWidth={760}>
              <Table verticalSpacing="sm" highlightOnHover aria-label="Workflows">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Workflow</Table.Th>
                    <Table.Th>Type</Table.Th>
                    <Table.Th>Started</Table.Th>
                    <Table.Th>Version</Table.Th>
                    <Table.Th>Changed</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {workflows.map((w) => (
                    <Table.Tr key={w.id} data-testid="workflow-row" data-workflow-name={w.name}>
                      <Table.Td>
                        <Stack gap={0}>
                          <Anchor component={Link} to={`/workflows/${encodeURIComponent(w.id)}`} size="sm" fw={500}>
                            {w.name}
                          </Anchor>
                          <Text size="xs" c="dimmed" lineClamp={1}>
                            {w.description}
                          </Text>
                        </Stack>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          <Badge variant="light" styles={WHOLE}>
                            {TYPE_LABEL[w.type]}
                          </Badge>
                          {!w.active ? (
                            <Badge variant="outline" color="gray" styles={WHOLE}>
                              inactive
                            </Badge>
                          ) : null}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{triggerText(w.trigger)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">v{w.version}</Text>
                      </Table.Td>
                      <Table.Td>
                        <When at={w.updatedAt} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {connection ? (
              <LoadMore
                shown={workflows.length}
                total={connection.totalCount}
                hasMore={connection.pageInfo.hasNextPage}
                noun="workflows"
                onLoadMore={() => fetchMore({ variables: { after: connection.pageInfo.endCursor } })}
              />
            ) : null}
          </ListState>
        )}
      </Card>
    </>
  );
}
