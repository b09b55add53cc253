import { useQuery } from '@apollo/client/react';
import { Anchor, Badge, Button, Card, Group, MultiSelect, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { allowed } from '../../app/access';
import { useViewer } from '../../app/shell/viewer';
import { NamedOrderField, OrderDirection, type PolicyEnforcement, type PolicySeverity, PolicyType } from '../../gql/graphql';
import { FilterBar } from '../../ui/FilterBar';
import { ListState } from '../../ui/ListState';
import { LoadMore } from '../../ui/LoadMore';
import { PageHeader } from '../../ui/PageHeader';
import { SortableTh, useSortOrder } from '../../ui/SortableTh';
import { When } from '../../ui/When';
import { words } from '../../format/words';
import { EnforcementBadge, enforcementOptions, SeverityBadge, severityOptions } from '../../ui/badges';
import { PoliciesQuery, PolicyRow } from './policy.operations';
import { getFragmentData } from '../../gql';
import { ScopeSummary } from './ScopeSummary';
import { WHOLE } from '../../ui/badges';

const typeOptions = Object.values(PolicyType).map((value) => ({ value, label: words(value) }));

export default function PoliciesPage() {
  const viewer = useViewer();
  const manage = allowed(viewer, 'policies.manage');
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search, 300);
  const [active, setActive] = useState('all');
  const [enforcements, setEnforcements] = useState<PolicyEnforcement[]>([]);
  const [severities, setSeverities] = useState<PolicySeverity[]>([]);
  const [types, setTypes] = useState<PolicyType[]>([]);
  const { order, sortBy } = useSortOrder<NamedOrderField>({ field: NamedOrderField.Name, direction: OrderDirection.Asc });
  const { data, previousData, loading, error, refetch, fetchMore } = useQuery(PoliciesQuery, {
    variables: {
      first: 25,
      orderBy: order,
      filter: {
        search: debouncedSearch.trim() || null,
        active: active === 'all' ? null : active === 'active',
        enforcements: enforcements.length ? enforcements : null,
        severities: severities.length ? severities : null,
        types: types.length ? types : null,
      },
    },
    errorPolicy: 'all',
    notifyOnNetworkStatusChange: true,
  });
  const connection = (data ?? previousData)?.policies;
  const policies =
    getFragmentData(
      PolicyRow,
      connection?.edges.map((e) => e.node),
    ) ?? [];
  const filtered = Boolean(debouncedSearch.trim() || active !== 'all' || enforcements.length || severities.length || types.length);

  return (
    <>
      <PageHeader
        title="Policies"
        description="Rules every change to an agent is judged against: audit records, warn tells, block refuses."
        actions={
          manage ? (
            <Button component={Link} to="/policies/new" leftSection={<IconPlus size={18} />}>
              New policy
            </Button>
          ) : null
        }
      />
      <Card withBorder padding="md">
        <FilterBar what="policies" refreshing={loading && Boolean(connection)} onRefresh={() => void refetch()}>
          <TextInput
            label="Search"
            placeholder="Policy name"
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            w={180}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              State
            </Text>
            <SegmentedControl
              aria-label="Active or not"
              data={[
                { value: 'all', label: 'All' },
                { value: 'active', label: 'Active' },
                { value: 'inactive', label: 'Inactive' },
              ]}
              value={active}
              onChange={setActive}
            />
          </Stack>
          <MultiSelect
            label="Enforcement"
            placeholder={enforcements.length ? undefined : 'Any'}
            data={enforcementOptions}
            value={enforcements}
            onChange={(v) => setEnforcements(v as PolicyEnforcement[])}
            clearable
            w={150}
          />
          <MultiSelect
            label="Severity"
            placeholder={severities.length ? undefined : 'Any'}
            data={severityOptions}
            value={severities}
            onChange={(v) => setSeverities(v as PolicySeverity[])}
            clearable
            w={150}
          />
          <MultiSelect
            label="Type"
            placeholder={types.length ? undefined : 'Any'}
            data={typeOptions}
            value={types}
            onChange={(v) => setTypes(v as PolicyType[])}
            clearable
            w={150}
          />
        </FilterBar>
        <ListState
          loading={loading && !connection}
          error={error}
          empty={connection != null && policies.length === 0}
          emptyTitle={filtered ? 'No policies match these filters' : 'No policies yet'}
          emptyDescription={!filtered && manage ? 'Write the first rule your agents must follow.' : undefined}
          what="policies"
          onRetry={() => void refetch()}
        >
          <Table.ScrollContainer minWidth={880}>
            <Table verticalSpacing="sm" highlightOnHover aria-label="Policies">
              <Table.Thead>
                <Table.Tr>
                  <SortableTh field={NamedOrderField.Name} order={order} onSort={sortBy}>
                    Policy
                  </SortableTh>
                  <Table.Th>Severity</Table.Th>
                  <Table.Th>Enforcement</Table.Th>
                  <Table.Th>Scope</Table.Th>
                  <Table.Th>State</Table.Th>
                  <Table.Th ta="right">Open</Table.Th>
                  <Table.Th>Last judged</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {policies.map((p) => (
                  <Table.Tr key={p.id} data-testid="policy-row" data-policy-name={p.name}>
                    <Table.Td maw={300}>
                      <Stack gap={0}>
                        <Anchor component={Link} to={`/policies/${encodeURIComponent(p.id)}`} size="sm" fw={500}>
                          {p.name}
                        </Anchor>
                        <Text size="xs" c="dimmed" lineClamp={1}>
                          {words(p.type)}
                          {p.category ? ` · ${p.category}` : ''}
                          {p.description ? ` · ${p.description}` : ''}
                        </Text>
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      <SeverityBadge severity={p.severity} />
                    </Table.Td>
                    <Table.Td>
                      <EnforcementBadge enforcement={p.enforcement} />
                    </Table.Td>
                    <Table.Td maw={220}>
                      <ScopeSummary scope={p.scope} compact />
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Badge styles={WHOLE} variant="light" color={p.active ? 'teal' : 'gray'}>
                          {p.active ? 'active' : 'inactive'}
                        </Badge>
                        <Text size="xs" c="dimmed">
                          v{p.version}
                        </Text>
                      </Group>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm" c={p.openViolationCount ? 'red' : 'dimmed'} fw={p.openViolationCount ? 600 : undefined}>
                        {p.openViolationCount}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <When at={p.lastEvaluatedAt} never="Never" />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {connection ? (
            <LoadMore
              shown={policies.length}
              total={connection.totalCount}
              hasMore={connection.pageInfo.hasNextPage}
              noun="policies"
              onLoadMore={() => fetchMore({ variables: { after: connection.pageInfo.endCursor } })}
            />
          ) : null}
        </ListState>
      </Card>
    </>
  );
}
