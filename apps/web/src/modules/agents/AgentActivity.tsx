import { useQuery } from '@apollo/client/react';
import { Badge, Code, Group, MultiSelect, Spoiler, Stack, Text, Timeline } from '@mantine/core';
import { IconAlertCircle, IconMessage, IconPlayerPlay, IconRefresh, IconTool } from '@tabler/icons-react';
import { useState } from 'react';
import { graphql } from '../../gql';
import { useLiveActivity } from './live-activity';
import { AgentActivityType } from '../../gql/graphql';
import { ListState } from '../../ui/ListState';
import { LoadMore } from '../../ui/LoadMore';
import { formatDateTime, formatRelative } from '../../ui/dates';
import { words } from '../../format/words';

export const AgentActivityQuery = graphql(`
  query AgentActivity($id: ID!, $first: Int!, $after: String, $filter: AgentActivityFilter) {
    agent(id: $id) {
      id
      activity(first: $first, after: $after, filter: $filter) {
        totalCount
        edges {
          cursor
          node {
            id
            type
            summary
            occurredAt
            details
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

const ICON = {
  LIFECYCLE: IconPlayerPlay,
  STATUS: IconRefresh,
  MESSAGE: IconMessage,
  TOOL_CALL: IconTool,
  ERROR: IconAlertCircle,
} satisfies Record<AgentActivityType, unknown>;

const COLOR: Record<AgentActivityType, string> = { LIFECYCLE: 'blue', STATUS: 'gray', MESSAGE: 'teal', TOOL_CALL: 'violet', ERROR: 'red' };

/** The agent's append-only feed, newest first: lifecycle changes and what its runtime reported. */
export function AgentActivity({ agentId }: { agentId: string }) {
  const [types, setTypes] = useState<AgentActivityType[]>([]);
  const { data, previousData, loading, error, refetch, fetchMore } = useQuery(AgentActivityQuery, {
    variables: { id: agentId, first: 20, filter: { types: types.length ? types : null } },
    errorPolicy: 'all',
    notifyOnNetworkStatusChange: true,
  });
  const connection = (data ?? previousData)?.agent?.activity;
  // A lifecycle change adds an entry to the feed: the event carries it.
  useLiveActivity(agentId, refetch);
  const events = connection?.edges.map((e) => e.node) ?? [];

  return (
    <Stack>
      <MultiSelect
        label="Types"
        placeholder={types.length ? undefined : 'Every type'}
        data={Object.values(AgentActivityType).map((value) => ({ value, label: words(value) }))}
        value={types}
        onChange={(v) => setTypes(v as AgentActivityType[])}
        clearable
        maw={420}
      />
      <ListState
        loading={loading && !connection}
        error={error}
        empty={connection != null && events.length === 0}
        emptyTitle={types.length ? 'No events of these types' : 'No activity yet'}
        what="the activity feed"
        onRetry={() => void refetch()}
      >
        <Timeline bulletSize={26} lineWidth={2} aria-label="Activity">
          {events.map((event) => {
            const Icon = ICON[event.type];
            const details = Object.keys(event.details).length ? JSON.stringify(event.details, null, 2) : null;
            return (
              <Timeline.Item
                key={event.id}
                bullet={<Icon size={14} />}
                color={COLOR[event.type]}
                title={
                  <Group gap="xs">
                    <Text size="sm" fw={500}>
                      {event.summary}
                    </Text>
                    <Badge size="xs" variant="light" color={COLOR[event.type]}>
                      {words(event.type)}
                    </Badge>
                  </Group>
                }
                data-testid="activity-item"
              >
                <Text size="xs" c="dimmed" component="time" dateTime={event.occurredAt} title={formatDateTime(event.occurredAt)}>
                  {formatRelative(event.occurredAt)} · {formatDateTime(event.occurredAt)}
                </Text>
                {details ? (
                  <Spoiler maxHeight={0} showLabel={<Text size="xs">Details</Text>} hideLabel={<Text size="xs">Hide details</Text>} mt={2}>
                    <Code block>{details}</Code>
                  </Spoiler>
                ) : null}
              </Timeline.Item>
            );
          })}
        </Timeline>
        {connection ? (
          <LoadMore
            shown={events.length}
            total={connection.totalCount}
            hasMore={connection.pageInfo.hasNextPage}
            noun="events"
            onLoadMore={() => fetchMore({ variables: { after: connection.pageInfo.endCursor } })}
          />
        ) : null}
      </ListState>
    </Stack>
  );
}
