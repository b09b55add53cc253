import { screen, waitFor } from '@testing-library/react';
import { LiveProvider } from '../../app/apollo/LiveProvider';
import { Role } from '../../gql/graphql';
import { connection } from '../../test/data';
import { controlledLive, liveNetwork } from '../../test/live';
import { renderPage, viewerFor } from '../../test/render';
import { ADMIN, COMPLIANCE, REQUEST_ID, requestDetail, requestRow, step } from './approval.fixtures';
import ApprovalRequestPage from './ApprovalRequestPage';
import ApprovalsPage from './ApprovalsPage';
import InboxCount from './InboxCount';

const request = (n: number, overrides: Record<string, unknown> = {}) =>
  requestRow({ id: `QXBwcm92YWxSZXF1ZXN0O${n}`, title: `Deploy agent ${n}`, ...overrides });
const inbox = (nodes: ReturnType<typeof request>[]) => ({ approvalInbox: { __typename: 'ApprovalRequestConnection', ...connection(nodes) } });
const countOf = (nodes: ReturnType<typeof request>[]) => ({
  approvalInbox: {
    __typename: 'ApprovalRequestConnection',
    totalCount: nodes.length,
    edges: nodes.map((n, i) => ({ __typename: 'ApprovalRequestEdge', cursor: `c${i}`, node: { __typename: 'ApprovalRequest', id: n.id } })),
  },
});
const event = (r: ReturnType<typeof request>, viewerCanDecide: boolean) => ({ approvalRequestChanged: { ...r, viewerCanDecide } });
const titles = () => screen.getAllByTestId('approval-row').map((row) => row.getAttribute('data-approval-title'));

function render(network: ReturnType<typeof liveNetwork>, live: ReturnType<typeof controlledLive>['live']) {
  renderPage(
    <LiveProvider live={live}>
      <InboxCount />
      <ApprovalsPage />
    </LiveProvider>,
    { link: network.link, viewer: viewerFor(Role.Admin) },
  );
}

describe('approvals inbox and navigation count, live', () => {
  it('adds a request that now waits for the viewer and drops a decided one, in the list and the count: no query', async () => {
    const network = liveNetwork({ ApprovalInbox: () => inbox([request(2), request(3)]), ApprovalInboxCount: () => countOf([request(2), request(3)]) });
    const { live, become } = controlledLive();
    become('live');
    render(network, live);
    expect(await screen.findAllByTestId('approval-row')).toHaveLength(2);
    expect(await screen.findByTestId('approval-inbox-count')).toHaveTextContent('2 waiting for you');
    await waitFor(() => expect(network.listening('ApprovalRequestChanged')).toBeGreaterThan(0));

    // Opened, but the viewer is not a decider: nothing changes.
    network.push('ApprovalRequestChanged', event(request(4), false));
    network.push('ApprovalRequestChanged', event(request(1), true));
    await waitFor(() => expect(titles()).toEqual(['Deploy agent 1', 'Deploy agent 2', 'Deploy agent 3']));
    expect(screen.getByTestId('approval-inbox-count')).toHaveTextContent('3 waiting for you');

    network.push('ApprovalRequestChanged', event(request(2, { status: 'APPROVED', decidedAt: new Date().toISOString(), currentStep: null }), false));
    await waitFor(() => expect(titles()).toEqual(['Deploy agent 1', 'Deploy agent 3']));
    expect(screen.getByTestId('approval-inbox-count')).toHaveTextContent('2 waiting for you');
    expect(network.count('ApprovalInbox')).toBe(1);
    expect(network.count('ApprovalInboxCount')).toBe(1);
  });

  it('counts a request passed on to a step the viewer decides, and drops it for the deciders of the step before', async () => {
    const network = liveNetwork({ ApprovalInbox: () => inbox([request(2)]), ApprovalInboxCount: () => countOf([request(2)]) });
    const { live, become } = controlledLive();
    become('live');
    render(network, live);
    expect(await screen.findByTestId('approval-inbox-count')).toHaveTextContent('1 waiting for you');
    await waitFor(() => expect(network.listening('ApprovalRequestChanged')).toBeGreaterThan(0));

    // approval.step.opened: the same request, still pending, now at the viewer's step.
    const signOff = request(5, { currentStep: step({ level: 2, name: 'Sign-off' }) });
    network.push('ApprovalRequestChanged', event(signOff, true));
    await waitFor(() => expect(screen.getByTestId('approval-inbox-count')).toHaveTextContent('2 waiting for you'));
    expect(titles()).toEqual(['Deploy agent 5', 'Deploy agent 2']);

    // Request 2 moved on past the viewer's step: it leaves the inbox though it is still pending.
    network.push('ApprovalRequestChanged', event(request(2, { currentStep: step({ level: 2, name: 'Sign-off' }) }), false));
    await waitFor(() => expect(screen.getByTestId('approval-inbox-count')).toHaveTextContent('1 waiting for you'));
    expect(titles()).toEqual(['Deploy agent 5']);
    expect(network.count('ApprovalInboxCount')).toBe(1);
  });

  it("moves a request's progress when a decision leaves its step open (approval.decision.recorded): no query", async () => {
    const board = (approvals: number) => step({ name: 'Board', mode: 'ANY_N', requiredApprovals: 3, approvals });
    const network = liveNetwork({
      ApprovalInbox: () => inbox([request(2, { currentStep: board(0) })]),
      ApprovalInboxCount: () => countOf([request(2)]),
    });
    const { live, become } = controlledLive();
    become('live');
    render(network, live);
    expect(await screen.findByTestId('approval-progress')).toHaveTextContent('0 of 3 so far');
    await waitFor(() => expect(network.listening('ApprovalRequestChanged')).toBeGreaterThan(0));

    network.push('ApprovalRequestChanged', event(request(2, { currentStep: board(1) }), true));
    await waitFor(() => expect(screen.getByTestId('approval-progress')).toHaveTextContent('1 of 3 so far'));
    expect(titles()).toEqual(['Deploy agent 2']);
    expect(network.count('ApprovalInbox')).toBe(1);
  });

  it('keeps the request page current: decisions, progress and comments of others arrive without a query', async () => {
    const board = (approvals: number) => step({ name: 'Board', mode: 'ANY_N', requiredApprovals: 3, approvals });
    const before = requestDetail({ currentStep: board(0), steps: [board(0)], heldChange: null, agent: null, findings: [], formFields: [] });
    const network = liveNetwork({ ApprovalRequest: () => ({ approvalRequest: before }) });
    const { live, become } = controlledLive();
    become('live');
    renderPage(
      <LiveProvider live={live}>
        <ApprovalRequestPage />
      </LiveProvider>,
      { link: network.link, viewer: viewerFor(Role.Admin), route: `/approvals/${encodeURIComponent(REQUEST_ID)}`, path: '/approvals/:id' },
    );
    expect(await screen.findByText(/0 approved, 0 rejected/)).toBeInTheDocument();
    expect(screen.getAllByTestId('approval-comment')).toHaveLength(1);
    await waitFor(() => expect(network.listening('ApprovalRequestLive')).toBeGreaterThan(0));

    const now = new Date().toISOString();
    const decision = { __typename: 'ApprovalDecision', id: 'd1', value: 'APPROVE', comment: '', formValues: {}, level: 1, createdAt: now, decider: COMPLIANCE };
    const comment = { __typename: 'ApprovalComment', id: 'c2', body: 'Legal signed off', createdAt: now, author: ADMIN };
    network.push('ApprovalRequestLive', {
      approvalRequestChanged: { ...before, currentStep: board(1), steps: [board(1)], decisions: [decision], comments: [...before.comments, comment] },
    });
    await waitFor(() => expect(screen.getByText(/1 approved, 0 rejected/)).toBeInTheDocument());
    expect(screen.getAllByTestId('approval-decision')).toHaveLength(1);
    expect(screen.getAllByTestId('approval-comment')[1]).toHaveTextContent('Legal signed off');
    expect(network.count('ApprovalRequest')).toBe(1);
  });

  it('asks once for the inbox and the count when the connection is back after a loss', async () => {
    const network = liveNetwork({
      ApprovalInbox: (n) => inbox(n === 1 ? [request(2)] : [request(1), request(2)]),
      ApprovalInboxCount: (n) => countOf(n === 1 ? [request(2)] : [request(1), request(2)]),
    });
    const { live, become } = controlledLive();
    render(network, live);
    expect(await screen.findAllByTestId('approval-row')).toHaveLength(1);
    become('live');
    become('reconnecting');
    become('live');
    await waitFor(() => expect(screen.getAllByTestId('approval-row')).toHaveLength(2));
    await waitFor(() => expect(screen.getByTestId('approval-inbox-count')).toHaveTextContent('2 waiting for you'));
    expect(network.count('ApprovalInbox')).toBe(2);
    expect(network.count('ApprovalInboxCount')).toBe(2);
  });
});
