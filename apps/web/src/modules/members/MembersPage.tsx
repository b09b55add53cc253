import { useQuery } from '@apollo/client/react';
import { Button, Card, Group, MultiSelect, Select, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { IconSearch, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { allowed, isRole, roleOptions } from '../../app/access';
import { useViewer } from '../../app/shell/viewer';
import { getFragmentData, graphql } from '../../gql';
import { type MembershipOrder, MembershipOrderField, OrderDirection, type Role } from '../../gql/graphql';
import { ListState } from '../../ui/ListState';
import { LoadMore } from '../../ui/LoadMore';
import { PageHeader } from '../../ui/PageHeader';
import { InvitationsPanel } from './InvitationsPanel';
import { InviteMemberModal } from './InviteMemberModal';
import { MembersTable, MemberRow } from './MembersTable';

export const PAGE_SIZE = 25;

export const MembersQuery = graphql(`
  query Members(
    $first: Int!
    $after: String
    $filter: MembershipFilter
    $orderBy: MembershipOrder
    $withEmail: Boolean!
    $withLastLogin: Boolean!
    $withMfa: Boolean!
  ) {
    members(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      edges {
        cursor
        node {
          ...MemberRow
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const ORDERS: Record<string, MembershipOrder> = {
  newest: { field: MembershipOrderField.CreatedAt, direction: OrderDirection.Desc },
  oldest: { field: MembershipOrderField.CreatedAt, direction: OrderDirection.Asc },
  name: { field: MembershipOrderField.FullName, direction: OrderDirection.Asc },
  nameDesc: { field: MembershipOrderField.FullName, direction: OrderDirection.Desc },
};
const ORDER_OPTIONS = [
  { value: 'newest', label: 'Newest first' },
  { value: 'oldest', label: 'Oldest first' },
  { value: 'name', label: 'Name A–Z' },
  { value: 'nameDesc', label: 'Name Z–A' },
];

export default function MembersPage() {
  const viewer = useViewer();
  const manage = allowed(viewer, 'members.manage');
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300);
  const [selectedRoles, setSelectedRoles] = useState<Role[]>([]);
  const [order, setOrder] = useState('newest');
  const [inviting, invite] = useDisclosure(false);

  const { data, previousData, loading, error, refetch, fetchMore } = useQuery(MembersQuery, {
    variables: {
      first: PAGE_SIZE,
      filter: { search: debouncedSearch || null, roles: selectedRoles.length ? selectedRoles : null },
      orderBy: ORDERS[order],
      withEmail: allowed(viewer, 'members.readEmail'),
      withLastLogin: allowed(viewer, 'members.readLastLogin'),
      withMfa: manage,
    },
    errorPolicy: 'all',
    notifyOnNetworkStatusChange: true,
  });
  const connection = (data ?? previousData)?.members;
  const members =
    getFragmentData(
      MemberRow,
      connection?.edges.map((e) => e.node),
    ) ?? [];
  const filtered = Boolean(debouncedSearch || selectedRoles.length);

  return (
    <>
      <PageHeader
        title="Members"
        description={`Everyone who works in ${viewer.tenant?.name ?? 'this tenant'}, and the role each holds.`}
        actions={
          manage ? (
            <Button leftSection={<IconUserPlus size={18} />} onClick={invite.open}>
              Invite member
            </Button>
          ) : null
        }
      />
      <Card withBorder padding="md" mb="lg">
        <Group align="flex-end" wrap="wrap" mb="md">
          <TextInput
            label="Search"
            placeholder={allowed(viewer, 'members.readEmail') ? 'Name or email' : 'Name'}
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            style={{ flex: 1, minWidth: 200 }}
          />
          <MultiSelect
            label="Roles"
            placeholder={selectedRoles.length ? undefined : 'Any role'}
            data={roleOptions}
            value={selectedRoles}
            onChange={(values) => setSelectedRoles(values.filter(isRole))}
            clearable
            w={260}
          />
          <Select label="Sort" data={ORDER_OPTIONS} value={order} onChange={(v) => v && setOrder(v)} allowDeselect={false} w={160} />
        </Group>
        <ListState
          loading={loading && !connection}
          error={error}
          empty={connection !== undefined && members.length === 0}
          emptyTitle={filtered ? 'No members match' : 'No members yet'}
          emptyDescription={filtered ? 'Try another search or role.' : manage ? 'Invite someone to get started.' : undefined}
          what="members"
          onRetry={() => void refetch()}
        >
          <MembersTable members={members} />
          {connection ? (
            <LoadMore
              shown={members.length}
              total={connection.totalCount}
              hasMore={connection.pageInfo.hasNextPage}
              noun="members"
              onLoadMore={() => fetchMore({ variables: { after: connection.pageInfo.endCursor } })}
            />
          ) : null}
        </ListState>
        {loading && connection ? (
          <Text size="xs" c="dimmed" mt="xs" aria-live="polite">
            Updating…
          </Text>
        ) : null}
      </Card>
      {manage ? <InvitationsPanel /> : null}
      {manage ? <InviteMemberModal opened={inviting} onClose={invite.close} /> : null}
    </>
  );
}
