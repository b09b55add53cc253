import { useQuery } from '@apollo/client/react';
import { Anchor, Button, Card, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconRobot } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { allowed } from '../../app/access';
import { useViewer } from '../../app/shell/viewer';
import { words } from '../../format/words';
import { getFragmentData, graphql } from '../../gql';
import { ComplianceControlStatus } from '../../gql/graphql';
import { ListState } from '../../ui/ListState';
import { LoadMore } from '../../ui/LoadMore';
import { PageHeader } from '../../ui/PageHeader';
import { When } from '../../ui/When';
import { ControlFormModal } from './ControlFormModal';
import { FREQUENCY_LABEL, ControlStatusBadge } from './labels';
import { controlPath } from './paths';

export const ControlRow = graphql(`
  fragment ControlRow on ComplianceControl {
    id
    name
    status
    automated
    evidenceRequired
    reviewFrequency
    nextReviewDue
    statusComputedAt
    owner {
      id
      fullName
    }
    requirements @include(if: $withDetails) {
      id
      framework {
        id
        name
      }
    }
  }
`);

export const ControlsQuery = graphql(`
  query ComplianceControls($first: Int!, $after: String, $filter: ComplianceControlFilter, $withDetails: Boolean!) {
    complianceControls(first: $first, after: $after, filter: $filter) {
      totalCount
      nodes {
        id
        ...ControlRow
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const statusOptions = [{ value: 'all', label: 'Any status' }, ...Object.values(ComplianceControlStatus).map((value) => ({ value, label: words(value) }))];

/**
 * The tenant's controls, with the frameworks each counts in; a builder without compliance.read (developers, custom
 * roles holding agents.write) is answered only the controls covering their agents, as the API's rule has it.
 */
export default function ControlsPage() {
  const viewer = useViewer();
  const manage = allowed(viewer, 'compliance.manage');
  const withDetails = allowed(viewer, 'compliance.read');
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [status, setStatus] = useState('all');
  const [creating, setCreating] = useState(false);
  const filter = { search: debounced.trim() || null, status: status === 'all' ? null : (status as ComplianceControlStatus) };
  const { data, previousData, loading, error, refetch, fetchMore } = useQuery(ControlsQuery, {
    variables: { first: 50, filter, withDetails },
    errorPolicy: 'all',
    notifyOnNetworkStatusChange: true,
  });
  const connection = (data ?? previousData)?.complianceControls;
  const controls = getFragmentData(ControlRow, connection?.nodes) ?? [];

  return (
    <>
      <PageHeader
        title="Controls"
        description={
          withDetails
            ? 'Your own measures, each mapped to requirements in any framework: one control can satisfy SOC 2 and ISO 27001 at once.'
            : 'The controls that cover your agents: the policies that check them and the frameworks they count in.'
        }
        actions={
          manage ? (
            <Button leftSection={<IconPlus size={18} />} onClick={() => setCreating(true)}>
              New control
            </Button>
          ) : null
        }
      />
      <Card withBorder padding="md">
        <Group mb="md">
          <TextInput label="Search" placeholder="Control name" value={search} onChange={(e) => setSearch(e.currentTarget.value)} />
          <Select label="Status" data={statusOptions} value={status} onChange={(v) => setStatus(v ?? 'all')} allowDeselect={false} />
        </Group>
        <ListState
          loading={loading && !connection}
          error={error}
          empty={connection != null && controls.length === 0}
          emptyTitle="No controls"
          emptyDescription={manage && !debounced ? 'Create one and map it to the requirements it meets.' : undefined}
          what="controls"
          onRetry={() => void refetch()}
        >
          <Table.ScrollContainer minWidth={820}>
            <Table verticalSpacing="sm" highlightOnHover aria-label="Controls">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Control</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Frameworks</Table.Th>
                  <Table.Th>Review</Table.Th>
                  <Table.Th>Owner</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {controls.map((c) => {
                  const requirements = c.requirements ?? [];
                  const frameworks = [...new Map(requirements.map((r) => [r.framework.id, r.framework.name])).values()];
                  return (
                    <Table.Tr key={c.id} data-testid="control-row" data-control-name={c.name}>
                      <Table.Td>
                        <Stack gap={0}>
                          <Anchor component={Link} to={controlPath(c.id)} size="sm" fw={500}>
                            {c.name}
                          </Anchor>
                          <Text size="xs" c="dimmed">
                            {c.automated ? (
                              <>
                                <IconRobot size={12} aria-hidden /> Checked by policies{c.evidenceRequired ? ' and evidence' : ''}
                              </>
                            ) : (
                              'Checked by evidence'
                            )}
                          </Text>
                        </Stack>
                      </Table.Td>
                      <Table.Td>
                        <ControlStatusBadge status={c.status} />
                      </Table.Td>
                      <Table.Td>
                        {c.requirements ? (
                          <>
                            <Text size="sm">{frameworks.length ? frameworks.join(', ') : '—'}</Text>
                            <Text size="xs" c="dimmed">
                              {requirements.length} requirements
                            </Text>
                          </>
                        ) : (
                          <Text size="xs" c="dimmed">
                            For compliance officers
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{FREQUENCY_LABEL[c.reviewFrequency]}</Text>
                        <Text size="xs" c="dimmed">
                          {c.nextReviewDue ? `next by ${c.nextReviewDue}` : 'not reviewed yet'}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{c.owner?.fullName ?? '—'}</Text>
                        <Text size="xs" c="dimmed">
                          status as of <When at={c.statusComputedAt} />
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {connection ? (
            <LoadMore
              shown={controls.length}
              total={connection.totalCount}
              hasMore={connection.pageInfo.hasNextPage}
              noun="controls"
              onLoadMore={() => fetchMore({ variables: { after: connection.pageInfo.endCursor } })}
            />
          ) : null}
        </ListState>
      </Card>
      {manage ? <ControlFormModal opened={creating} onClose={() => setCreating(false)} /> : null}
    </>
  );
}
