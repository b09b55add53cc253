import { screen, within } from '@testing-library/react';
import { Role } from '../../gql/graphql';
import { renderPage, viewerFor } from '../../test/render';
import { ApprovalRequestQuery } from './approval.operations';
import { COMPLIANCE, REQUEST_ID, requestDetail, step } from './approval.fixtures';
import { ApprovalTrail } from './public';

jest.setTimeout(60000);

const decided = requestDetail({
  status: 'APPROVED',
  title: 'Sign off a high-risk change',
  heldChange: undefined,
  steps: [step({ status: 'APPROVED', approvals: 1, deadline: null, closedAt: new Date().toISOString() })],
  decisions: [
    {
      __typename: 'ApprovalDecision',
      id: 'd1',
      level: 1,
      value: 'APPROVE',
      comment: 'Runbook checked; the shell stays read-only',
      formValues: { ticket: 'CHG-1042', risk: 'high' },
      createdAt: new Date(Date.now() - 5 * 60_000).toISOString(),
      decider: COMPLIANCE,
    },
  ],
});

describe('an approval trail embedded in another page', () => {
  it('names who decided, when, with the comment and the form fields, and links the request', async () => {
    renderPage(<ApprovalTrail requestId={REQUEST_ID} heading="Approval: Compliance sign-off" headingId="approval-trail-4" />, {
      route: '/workflows/executions/x',
      path: '/workflows/executions/:id',
      viewer: viewerFor(Role.Admin),
      mocks: [{ request: { query: ApprovalRequestQuery, variables: { id: REQUEST_ID, withChange: false } }, result: { data: { approvalRequest: decided } } }],
    });
    const trail = await screen.findByRole('region', { name: 'Approval: Compliance sign-off' }, { timeout: 15_000 });
    expect(within(trail).getByTestId('approval-status')).toHaveTextContent('approved');
    expect(within(trail).getByRole('link', { name: 'Sign off a high-risk change' })).toHaveAttribute('href', `/approvals/${encodeURIComponent(REQUEST_ID)}`);
    const decision = within(trail).getByTestId('approval-decision');
    expect(decision).toHaveTextContent('Cora Compliance');
    expect(decision).toHaveTextContent('approved');
    expect(decision).toHaveTextContent('Runbook checked; the shell stays read-only');
    expect(decision).toHaveTextContent('Change ticket: CHG-1042');
    expect(decision).toHaveTextContent('Risk: high');
    expect(within(trail).getByTestId('approval-step')).toHaveAttribute('data-status', 'APPROVED');
  });

  it('says so when the request cannot be read', async () => {
    renderPage(<ApprovalTrail requestId={REQUEST_ID} heading="Approval: Compliance sign-off" headingId="approval-trail-4" />, {
      route: '/workflows/executions/x',
      path: '/workflows/executions/:id',
      viewer: viewerFor(Role.Admin),
      mocks: [{ request: { query: ApprovalRequestQuery, variables: { id: REQUEST_ID, withChange: false } }, result: { data: { approvalRequest: null } } }],
    });
    expect(await screen.findByText('Approval: Compliance sign-off: the approval trail could not be shown', {}, { timeout: 15_000 })).toBeInTheDocument();
  });
});
