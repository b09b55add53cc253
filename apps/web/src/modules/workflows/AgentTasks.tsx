import { useQuery } from '@apollo/client/react';
import { Anchor, Badge, Group, MultiSelect, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { graphql } from '../../gql';
import { AgentTaskStatus } from '../../gql/graphql';
import { ListState } from '../../ui/ListState';
import { LoadMore } from '../../ui/LoadMore';
import { When } from '../../ui/When';
import { WHOLE } from '../../ui/badges';
import { formatMoney } from '../../format/money';
import { enumText } from '../../format/words';

export const AgentTasksQuery = graphql(`
  query AgentTasks($id: ID!, $first: Int!, $after: String, $filter: AgentTaskFilter, $withCost: Boolean!, $withExecutions: Boolean!) {
    agent(id: $id) {
      id
      taskTotals {
        count
        promptTokens
        completionTokens
        cost @include(if: $withCost)
      }
      tasks(first: $first, after: $after, filter: $filter) {
        edges {
          cursor
          node {
            id
            status
            prompt
            nodeKey
            provider
            model
            promptTokens
            completionTokens
            cost @include(if: $withCost)
            currency
            attempts
            maxAttempts
            error
            createdAt
            claimedAt
            finishedAt
            execution @include(if: $withExecutions) {
              id
              workflow {
                id
                name
              }
            }
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

export const TASK_STATUS_COLOR: Record<AgentTaskStatus, string> = {
  PENDING: 'gray',
  RUNNING: 'blue',
  SUCCEEDED: 'teal',
  FAILED: 'red',
  TIMED_OUT: 'orange',
  CANCELLED: 'gray',
  EXPIRED: 'orange',
};

const tokens = new Intl.NumberFormat('en-US');

/**
 * The AI tasks workflows sent to one agent, newest first: where each stands, the model its runtime reported,
 * prompt and completion tokens and (for those who read money) what it cost, with the sums over all of them.
 */
export function AgentTasks({ agentId, withCost, withExecutions }: { agentId: string; withCost: boolean; withExecutions: boolean }) {
  const [statuses, setStatuses] = useState<AgentTaskStatus[]>([]);
  const { data, previousData, loading, error, refetch, fetchMore } = useQuery(AgentTasksQuery, {
    variables: { id: agentId, first: 20, filter: { statuses: statuses.length ? statuses : null }, withCost, withExecutions },
    errorPolicy: 'all',
    notifyOnNetworkStatusChange: true,
  });
  const agent = (data ?? previousData)?.agent;
  const connection = agent?.tasks;
  const tasks = connection?.edges.map((e) => e.node) ?? [];
  const totals = agent?.taskTotals;

  return (
    <Stack>
      {totals ? (
        <Group gap="xl" data-testid="task-totals">
          <Text size="sm">
            <Text span fw={600}>
              {tokens.format(totals.count)}
            </Text>{' '}
            {totals.count === 1 ? 'task' : 'tasks'}
          </Text>
          <Text size="sm">
            <Text span fw={600}>
              {tokens.format(totals.promptTokens)}
            </Text>{' '}
            prompt +{' '}
            <Text span fw={600}>
              {tokens.format(totals.completionTokens)}
            </Text>{' '}
            completion tokens
          </Text>
          {withCost && totals.cost != null ? (
            <Text size="sm">
              <Text span fw={600}>
                {formatMoney(totals.cost)}
              </Text>{' '}
              reported cost
            </Text>
          ) : null}
        </Group>
      ) : null}
      <MultiSelect
        label="Statuses"
        placeholder={statuses.length ? undefined : 'Every status'}
        data={Object.values(AgentTaskStatus).map((value) => ({ value, label: enumText(value) }))}
        value={statuses}
        onChange={(v) => setStatuses(v as AgentTaskStatus[])}
        clearable
        maw={420}
      />
      <ListState
        loading={loading && !connection}
        error={error}
        empty={connection != null && tasks.length === 0}
        emptyTitle={statuses.length ? 'No tasks in these statuses' : 'No AI tasks yet'}
        emptyDescription="A workflow's AI agent task node sends tasks here; the agent's runtime claims them with its API key."
        what="the AI tasks"
        onRetry={() => void refetch()}
      >
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="xs" aria-label="AI tasks of this agent">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Task</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Model</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>Tokens (prompt + completion)</Table.Th>
                {withCost ? <Table.Th style={{ textAlign: 'right' }}>Cost</Table.Th> : null}
                <Table.Th>Tries</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tasks.map((t) => (
                <Table.Tr key={t.id} data-testid="agent-task" data-status={t.status}>
                  <Table.Td maw={320}>
                    <Text size="sm" lineClamp={2} title={t.prompt}>
                      {t.prompt}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t.execution ? (
                        <Anchor component={Link} to={`/workflows/executions/${encodeURIComponent(t.execution.id)}`} size="xs">
                          {t.execution.workflow?.name ?? 'Execution'}
                          {t.nodeKey ? ` · ${t.nodeKey}` : ''}
                        </Anchor>
                      ) : (
                        (t.nodeKey ?? '')
                      )}{' '}
                      · made <When at={t.createdAt} />
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={TASK_STATUS_COLOR[t.status]} styles={WHOLE}>
                      {enumText(t.status)}
                    </Badge>
                    {t.error ? (
                      <Text size="xs" c="red" mt={4}>
                        {t.error}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{t.model ?? '—'}</Text>
                    {t.provider ? (
                      <Text size="xs" c="dimmed">
                        {enumText(t.provider)}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>
                    <Text size="sm" data-testid="task-tokens">
                      {tokens.format(t.promptTokens)} + {tokens.format(t.completionTokens)}
                    </Text>
                  </Table.Td>
                  {withCost ? (
                    <Table.Td style={{ textAlign: 'right' }}>
                      <Text size="sm" data-testid="task-cost">
                        {t.cost != null ? formatMoney(t.cost, t.currency) : '—'}
                      </Text>
                    </Table.Td>
                  ) : null}
                  <Table.Td>
                    <Text size="sm">
                      {t.attempts} of {t.maxAttempts}
                    </Text>
                    {t.finishedAt ? (
                      <Text size="xs" c="dimmed">
                        ended <When at={t.finishedAt} />
                      </Text>
                    ) : t.claimedAt ? (
                      <Text size="xs" c="dimmed">
                        claimed <When at={t.claimedAt} />
                      </Text>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {connection ? (
          <LoadMore
            shown={tasks.length}
            total={statuses.length ? null : totals?.count}
            hasMore={connection.pageInfo.hasNextPage}
            noun="tasks"
            onLoadMore={() => fetchMore({ variables: { after: connection.pageInfo.endCursor } })}
          />
        ) : null}
      </ListState>
    </Stack>
  );
}
