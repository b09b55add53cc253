import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Role } from '../../gql/graphql';
import { renderPage, viewerFor } from '../../test/render';
import ExecutionPage from './ExecutionPage';
import { WorkflowExecutionNodeRetry, WorkflowExecutionQuery } from './workflow.operations';

jest.mock('@mantine/notifications', () => ({ ...jest.requireActual('@mantine/notifications'), notifications: { show: jest.fn() } }));
class DOMMatrixReadOnlyStub {
  m22 = 1;
}
(globalThis as unknown as { DOMMatrixReadOnly: unknown }).DOMMatrixReadOnly = DOMMatrixReadOnlyStub;
jest.setTimeout(60000);

const ID = 'V29ya2Zsb3dFeGVjdXRpb246MQ==';
const ago = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
const graph = {
  nodes: [
    { id: 'start', type: 'start', label: 'Start', position: { x: 0, y: 0 }, config: {} },
    { id: 'notify', type: 'task', label: 'Tell the owner', position: { x: 0, y: 140 }, config: { action: 'webhook.call', url: 'https://hooks.example.com' } },
    { id: 'end', type: 'end', label: 'Done', position: { x: 0, y: 280 }, config: { outcome: 'succeeded' } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'notify' },
    { id: 'e2', source: 'notify', target: 'end' },
  ],
};
const run = (nodeKey: string, nodeType: string, step: number, status: string, extra: Record<string, unknown> = {}) => ({
  __typename: 'WorkflowNodeRun',
  id: `V29ya2Zsb3dOb2RlUnVuOj${step}`,
  nodeKey,
  nodeType,
  step,
  status,
  attempts: 1,
  maxAttempts: 1,
  startedAt: ago(5),
  finishedAt: ago(4),
  runAt: ago(5),
  output: null,
  error: null,
  approvalRequest: null,
  ...extra,
});
const execution = (status: string, notify: Record<string, unknown>) => ({
  __typename: 'WorkflowExecution',
  id: ID,
  status,
  version: 2,
  startedAt: ago(5),
  finishedAt: status === 'FAILED' ? ago(1) : null,
  error: status === 'FAILED' ? 'Tell the owner failed after 3 attempts' : null,
  startedBy: { __typename: 'User', id: 'VXNlcjox', fullName: 'Ada Admin' },
  data: { ticket: 'CR-7' },
  workflow: { __typename: 'Workflow', id: 'V29ya2Zsb3c6MQ==', name: 'Notify owners', versions: [{ __typename: 'WorkflowVersion', version: 2, graph }] },
  nodeRuns: [run('start', 'start', 1, 'SUCCEEDED', { output: { startedWith: 'CR-7' } }), run('notify', 'task', 2, notify.status as string, notify)],
  timeline: [
    {
      __typename: 'WorkflowExecutionEvent',
      at: ago(5),
      nodeKey: null,
      fromStatus: null,
      toStatus: 'running',
      message: 'Started by hand',
      actorLabel: 'Ada Admin',
      actor: { __typename: 'User', id: 'VXNlcjox', fullName: 'Ada Admin' },
    },
    {
      __typename: 'WorkflowExecutionEvent',
      at: ago(3),
      nodeKey: 'notify',
      fromStatus: 'running',
      toStatus: 'failed',
      message: 'HTTP 502 after 3 tries',
      actorLabel: 'job workflows:node',
      actor: null,
    },
  ],
});

const query = (status: string, notify: Record<string, unknown>) => ({
  request: { query: WorkflowExecutionQuery, variables: { id: ID } },
  result: { data: { workflowExecution: execution(status, notify) } },
});

describe('an execution', () => {
  it('shows each step of the version it runs with its state, tries and data, the timeline, and re-runs a failed step', async () => {
    const failed = { status: 'FAILED', attempts: 3, maxAttempts: 3, error: 'HTTP 502', output: { url: 'https://hooks.example.com', status: 502 } };
    renderPage(<ExecutionPage />, {
      route: `/workflows/executions/${encodeURIComponent(ID)}`,
      path: '/workflows/executions/:id',
      viewer: viewerFor(Role.Admin),
      mocks: [
        query('FAILED', failed),
        {
          request: { query: WorkflowExecutionNodeRetry, variables: { input: { nodeRunId: 'V29ya2Zsb3dOb2RlUnVuOj2' } } },
          result: {
            data: {
              workflowExecutionNodeRetry: {
                __typename: 'WorkflowExecutionPayload',
                userErrors: [],
                execution: execution('RUNNING', { status: 'RUNNING', attempts: 4, maxAttempts: 4 }),
              },
            },
          },
        },
        query('RUNNING', { status: 'RUNNING', attempts: 4, maxAttempts: 4 }),
      ],
    });
    expect(await screen.findByRole('heading', { name: 'Notify owners: run of version 2', level: 1 })).toBeInTheDocument();
    expect(screen.getByTestId('execution-status')).toHaveTextContent('failed');
    const onCanvas = screen.getAllByTestId('workflow-node').find((n) => n.getAttribute('data-node-label') === 'Tell the owner')!;
    expect(onCanvas).toHaveAttribute('data-status', 'FAILED');
    expect(within(onCanvas).getByTestId('node-status')).toHaveTextContent('failed · try 3');
    const row = screen.getAllByTestId('node-run').find((r) => r.getAttribute('data-status') === 'FAILED')!;
    expect(row).toHaveTextContent('3 of 3');
    expect(row).toHaveTextContent('HTTP 502');
    expect(row).toHaveTextContent('https://hooks.example.com');
    const events = screen.getAllByTestId('timeline-event');
    expect(events[1]).toHaveTextContent('Tell the owner: running → failed');
    expect(events[1]).toHaveTextContent('HTTP 502 after 3 tries');
    expect(events[1]).toHaveTextContent('job workflows:node');
    expect(screen.getByTestId('execution-error')).toHaveTextContent('Tell the owner failed after 3 attempts');
    // The data boxes scroll past 240 px: each is named and reachable by keyboard (axe: scrollable-region-focusable).
    const data = screen.getByLabelText('Execution data as JSON');
    expect(data).toHaveTextContent('"ticket": "CR-7"');
    expect(data).toHaveAttribute('tabindex', '0');
    expect(within(row).getByLabelText(/^Output of step \d+, Tell the owner$/)).toHaveAttribute('tabindex', '0');
    await userEvent.click(within(row).getByRole('button', { name: 'Re-run' }));
    await waitFor(() => expect(screen.getByTestId('execution-status')).toHaveTextContent('running'));
    expect(screen.queryByTestId('approval-trail')).not.toBeInTheDocument();
  });

  it("shows an approval node's request trail", async () => {
    const gate = { nodeType: 'approval', status: 'SUCCEEDED', approvalRequest: { __typename: 'ApprovalRequest', id: 'QXBwcm92YWxSZXF1ZXN0Ojc=' } };
    renderPage(<ExecutionPage />, {
      route: `/workflows/executions/${encodeURIComponent(ID)}`,
      path: '/workflows/executions/:id',
      viewer: viewerFor(Role.Admin),
      mocks: [query('SUCCEEDED', gate)],
    });
    expect(await screen.findByRole('heading', { name: 'Notify owners: run of version 2', level: 1 })).toBeInTheDocument();
    const trails = screen.getAllByTestId('approval-trail');
    expect(trails.map((t) => t.getAttribute('data-request-id'))).toEqual(['QXBwcm92YWxSZXF1ZXN0Ojc=']);
    // Its request is read by the approvals module's widget (tested there); here it has no mock, so it says it could not be shown.
    // (findByText fails the test when the text never shows; the page's polling may re-render the element afterwards.)
    await screen.findByText('Approval: Tell the owner: the approval trail could not be shown', {}, { timeout: 15_000 });
  });
});
