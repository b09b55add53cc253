import { useQuery } from '@apollo/client/react';
import { Card, Group, MultiSelect, Tabs, Text } from '@mantine/core';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { allowed } from '../../app/access';
import { useViewer } from '../../app/shell/viewer';
import { getFragmentData } from '../../gql';
import { ApprovalRequestStatus } from '../../gql/graphql';
import { ListState } from '../../ui/ListState';
import { LoadMore } from '../../ui/LoadMore';
import { PageHeader } from '../../ui/PageHeader';
import { TableSkeleton } from '../../ui/TableSkeleton';
import { words } from '../../format/words';
import { ApprovalInboxQuery, ApprovalRequestRow, ApprovalRequestsQuery } from './approval.operations';
import { ApprovalsTable } from './ApprovalsTable';
import { useLiveApprovals } from './live-approvals';

const PAGE = 25;
const STATUS_OPTIONS = Object.values(ApprovalRequestStatus).map((value) => ({ value, label: words(value) }));

/** What waits for the viewer's decision, soonest deadline first. */
function Inbox() {
  const { data, previousData, loading, error, refetch, fetchMore } = useQuery(ApprovalInboxQuery, {
    variables: { first: PAGE },
    errorPolicy: 'all',
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const connection = (data ?? previousData)?.approvalInbox;
  // Whether a request waits for the viewer comes with each event (viewerCanDecide): placed without asking again.
  useLiveApprovals(useViewer().user?.id ?? null, refetch);
  const requests =
    getFragmentData(
      ApprovalRequestRow,
      connection?.edges.map((e) => e.node),
    ) ?? [];
  if (loading && !connection) return <TableSkeleton label="Loading your approvals" />;
  return (
    <ListState
      loading={false}
      error={error}
      empty={connection != null && requests.length === 0}
      emptyTitle="Nothing waits for you"
      emptyDescription="When a change or a workflow needs your decision, it shows here with its deadline."
      what="your approvals"
      onRetry={() => void refetch()}
    >
      <ApprovalsTable requests={requests} label="Waiting for my decision" />
      {connection ? (
        <LoadMore
          shown={requests.length}
          total={connection.totalCount}
          hasMore={connection.pageInfo.hasNextPage}
          noun="requests"
          onLoadMore={() => fetchMore({ variables: { after: connection.pageInfo.endCursor } })}
        />
      ) : null}
    </ListState>
  );
}

/** Every request of the tenant, or those the viewer asked for, by status. */
function Requests({ mine }: { mine: boolean }) {
  const [statuses, setStatuses] = useState<ApprovalRequestStatus[]>(mine ? [] : [ApprovalRequestStatus.Pending]);
  const filter = { statuses: statuses.length ? statuses : null, ...(mine ? { requestedByViewer: true } : {}) };
  const { data, previousData, loading, error, refetch, fetchMore } = useQuery(ApprovalRequestsQuery, {
    variables: { first: PAGE, filter },
    errorPolicy: 'all',
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const connection = (data ?? previousData)?.approvalRequests;
  const requests =
    getFragmentData(
      ApprovalRequestRow,
      connection?.edges.map((e) => e.node),
    ) ?? [];
  return (
    <>
      <Group mb="md">
        <MultiSelect
          label="Status"
          placeholder={statuses.length ? undefined : 'Any'}
          data={STATUS_OPTIONS}
          value={statuses}
          onChange={(v) => setStatuses(v as ApprovalRequestStatus[])}
          clearable
          w={360}
        />
      </Group>
      {loading && !connection ? (
        <TableSkeleton label="Loading approval requests" />
      ) : (
        <ListState
          loading={false}
          error={error}
          empty={connection != null && requests.length === 0}
          emptyTitle={mine ? 'You have asked for nothing' : 'No requests'}
          emptyDescription={mine ? 'A change that a policy holds for approval shows here until it is decided.' : undefined}
          what="approval requests"
          onRetry={() => void refetch()}
        >
          <ApprovalsTable requests={requests} label={mine ? 'Requests I asked for' : 'Approval requests'} />
          {connection ? (
            <LoadMore
              shown={requests.length}
              total={connection.totalCount}
              hasMore={connection.pageInfo.hasNextPage}
              noun="requests"
              onLoadMore={() => fetchMore({ variables: { after: connection.pageInfo.endCursor } })}
            />
          ) : null}
        </ListState>
      )}
    </>
  );
}

const TABS = ['inbox', 'mine', 'all'] as const;
type Tab = (typeof TABS)[number];

/** The approvals inbox: what waits for me, what I asked for, and (for governance roles) every request. */
export default function ApprovalsPage() {
  const viewer = useViewer();
  const readAll = allowed(viewer, 'approvals.read');
  const [params, setParams] = useSearchParams();
  const visible: Tab[] = readAll ? [...TABS] : ['inbox'];
  const requested = params.get('tab') as Tab | null;
  const tab: Tab = requested && visible.includes(requested) ? requested : 'inbox';
  return (
    <>
      <PageHeader
        title="Approvals"
        description="Changes held by policies that require approval, block-mode policy changes, and workflow steps that wait for a person."
      />
      <Card withBorder padding="md">
        {readAll ? (
          <Tabs value={tab} onChange={(v) => setParams(v && v !== 'inbox' ? { tab: v } : {}, { replace: true })} keepMounted={false}>
            <Tabs.List mb="md">
              <Tabs.Tab value="inbox">Waiting for me</Tabs.Tab>
              <Tabs.Tab value="mine">Asked by me</Tabs.Tab>
              <Tabs.Tab value="all">All requests</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="inbox">
              <Inbox />
            </Tabs.Panel>
            <Tabs.Panel value="mine">
              <Requests mine />
            </Tabs.Panel>
            <Tabs.Panel value="all">
              <Requests mine={false} />
            </Tabs.Panel>
          </Tabs>
        ) : (
          <>
            <Text size="sm" c="dimmed" mb="md">
              Requests you are asked to decide.
            </Text>
            <Inbox />
          </>
        )}
      </Card>
    </>
  );
}
