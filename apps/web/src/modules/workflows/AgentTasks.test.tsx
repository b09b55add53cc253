import { screen, within } from '@testing-library/react';
import { Role } from '../../gql/graphql';
import { renderPage, viewerFor } from '../../test/render';
import { AgentTasks, AgentTasksQuery } from './AgentTasks';

jest.setTimeout(60000);

const AGENT = 'QWdlbnQ6OQ==';
const ago = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

function task(n: number, overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'AgentTask',
    id: `QWdlbnRUYXNrOj${n}`,
    status: 'SUCCEEDED',
    prompt: `Assess the risk of change ${n}`,
    nodeKey: 'assess',
    provider: 'ANTHROPIC',
    model: 'claude-sonnet-4',
    promptTokens: 2140,
    completionTokens: 380,
    cost: '0.012100',
    currency: 'USD',
    attempts: 1,
    maxAttempts: 2,
    error: null,
    createdAt: ago(60),
    claimedAt: ago(59),
    finishedAt: ago(58),
    execution: {
      __typename: 'WorkflowExecution',
      id: 'V29ya2Zsb3dFeGVjdXRpb246MQ==',
      workflow: { __typename: 'Workflow', id: 'V29ya2Zsb3c6MQ==', name: 'Change review' },
    },
    ...overrides,
  };
}

function result(withCost: boolean, withExecutions: boolean) {
  const strip = (t: Record<string, unknown>) => {
    const copy = { ...t };
    if (!withCost) delete copy.cost;
    if (!withExecutions) delete copy.execution;
    return copy;
  };
  const tasks = [
    task(1),
    task(2, {
      status: 'TIMED_OUT',
      model: null,
      provider: null,
      promptTokens: 0,
      completionTokens: 0,
      cost: null,
      error: 'The agent did not report within 900s of its claim',
    }),
  ];
  return {
    request: { query: AgentTasksQuery, variables: { id: AGENT, first: 20, filter: { statuses: null }, withCost, withExecutions } },
    result: {
      data: {
        agent: {
          __typename: 'Agent',
          id: AGENT,
          taskTotals: { __typename: 'AgentTaskTotals', count: 2, promptTokens: 2140, completionTokens: 380, ...(withCost ? { cost: '0.012100' } : {}) },
          tasks: {
            __typename: 'AgentTaskConnection',
            edges: tasks.map((t) => ({ __typename: 'AgentTaskEdge', cursor: t.id, node: strip(t) })),
            pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: 'QWdlbnRUYXNrOj2' },
          },
        },
      },
    },
  };
}

describe("an agent's AI tasks", () => {
  it('lists each task with its status, model, tokens, cost and execution, under the sums over all of them', async () => {
    renderPage(<AgentTasks agentId={AGENT} withCost withExecutions />, { viewer: viewerFor(Role.Admin), mocks: [result(true, true)] });
    const rows = await screen.findAllByTestId('agent-task', {}, { timeout: 15_000 });
    expect(rows).toHaveLength(2);
    const totals = screen.getByTestId('task-totals');
    expect(totals).toHaveTextContent('2 tasks');
    expect(totals).toHaveTextContent('2,140 prompt + 380 completion tokens');
    expect(totals).toHaveTextContent('$0.01');
    expect(within(rows[0]).getByTestId('task-tokens')).toHaveTextContent('2,140 + 380');
    expect(within(rows[0]).getByTestId('task-cost')).toHaveTextContent('$0.01');
    expect(rows[0]).toHaveTextContent('claude-sonnet-4');
    expect(within(rows[0]).getByRole('link', { name: /Change review · assess/ })).toHaveAttribute(
      'href',
      `/workflows/executions/${encodeURIComponent('V29ya2Zsb3dFeGVjdXRpb246MQ==')}`,
    );
    expect(rows[1]).toHaveAttribute('data-status', 'TIMED_OUT');
    expect(rows[1]).toHaveTextContent('The agent did not report within 900s of its claim');
    expect(screen.getByTestId('list-count')).toHaveTextContent('Showing 2 of 2 tasks');
  });

  it('leaves out cost and executions for those who may not read them', async () => {
    renderPage(<AgentTasks agentId={AGENT} withCost={false} withExecutions={false} />, { viewer: viewerFor(Role.Analyst), mocks: [result(false, false)] });
    const rows = await screen.findAllByTestId('agent-task', {}, { timeout: 15_000 });
    expect(rows).toHaveLength(2);
    expect(screen.queryByTestId('task-cost')).not.toBeInTheDocument();
    expect(screen.queryByRole('columnheader', { name: 'Cost' })).not.toBeInTheDocument();
    expect(within(rows[0]).queryByRole('link')).not.toBeInTheDocument();
    expect(screen.getByTestId('task-totals')).not.toHaveTextContent('reported cost');
  });
});
