import { notifications } from '@mantine/notifications';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PermissionName, Role } from '../../gql/graphql';
import { renderPage, viewerFor } from '../../test/render';
import { ADMIN, AGENT_ID, COMPLIANCE, DEV, REQUEST_ID, requestDetail, step } from './approval.fixtures';
import { ApprovalRequestApprove, ApprovalRequestQuery } from './approval.operations';
import ApprovalRequestPage from './ApprovalRequestPage';
import { toFormValuesInput, validateDecision } from './decision-form';

// Mantine's notification container swipes with an AbortSignal this jsdom refuses: record the calls instead.
jest.mock('@mantine/notifications', () => ({ ...jest.requireActual('@mantine/notifications'), notifications: { show: jest.fn() } }));
jest.setTimeout(60000);

const route = { route: `/approvals/${encodeURIComponent(REQUEST_ID)}`, path: '/approvals/:id' };
const complianceOfficer = viewerFor(Role.ComplianceOfficer, {
  user: { __typename: 'User', id: COMPLIANCE.id, fullName: COMPLIANCE.fullName, email: 'compliance@acme.test' },
});
const developer = viewerFor(Role.Developer, { user: { __typename: 'User', id: DEV.id, fullName: DEV.fullName, email: 'dev@acme.test' } });

const detail = (request: Record<string, unknown>) => ({
  request: { query: ApprovalRequestQuery, variables: { id: REQUEST_ID, withChange: true } },
  result: { data: { approvalRequest: request } },
});

const approve = (formValues: Record<string, unknown>, answer: Record<string, unknown>) => ({
  request: { query: ApprovalRequestApprove, variables: { input: { requestId: REQUEST_ID, comment: 'Reviewed with legal', formValues }, withChange: true } },
  result: { data: { approvalRequestApprove: { __typename: 'ApprovalRequestPayload', userErrors: [], approvalRequest: null, ...answer } } },
});

const decided = requestDetail({
  status: 'APPROVED',
  decidedAt: new Date().toISOString(),
  deadline: null,
  currentStep: null,
  viewerCanDecide: false,
  viewerDecision: null,
  agent: { __typename: 'Agent', id: AGENT_ID, name: 'Contract reviewer', status: 'DEPLOYED' },
  heldChange: {
    __typename: 'HeldChange',
    action: 'deploy',
    before: { status: 'draft' },
    after: { status: 'deployed' },
    status: 'APPLIED',
    outcomeMessage: null,
    appliedAt: new Date().toISOString(),
  },
  steps: [step({ status: 'APPROVED', approvals: 1, closedAt: new Date().toISOString() })],
  decisions: [
    {
      __typename: 'ApprovalDecision',
      id: 'QXBwcm92YWxEZWNpc2lvbjox',
      value: 'APPROVE',
      comment: 'Reviewed with legal',
      formValues: { ticket: 'CR-2042' },
      level: 1,
      createdAt: new Date().toISOString(),
      decider: COMPLIANCE,
    },
  ],
});

describe('the decision form', () => {
  const fields = requestDetail().formFields as never[];

  it('wants a reason to reject, the required fields, and values of the right type', () => {
    expect(validateDecision({ decision: 'REJECT', comment: ' ', formValues: { ticket: '', risk: 'extreme', budget: 'lots' } }, fields)).toEqual({
      comment: 'Say why you reject it: the requester reads this',
      'formValues.ticket': 'Fill in "Change ticket"',
      'formValues.risk': 'Choose one of the options',
      'formValues.budget': 'Enter a number, such as 42 or 3.5',
    });
    expect(validateDecision({ decision: 'APPROVE', comment: '', formValues: { ticket: 'CR-1', risk: '', budget: '' } }, fields)).toEqual({});
  });

  it('sends numbers as numbers and leaves out optional fields left empty', () => {
    expect(toFormValuesInput({ decision: 'APPROVE', comment: '', formValues: { ticket: ' CR-1 ', risk: '', budget: '250.5' } }, fields)).toEqual({
      ticket: 'CR-1',
      budget: 250.5,
    });
  });
});

describe('the approval request page', () => {
  it('shows the held change and what held it, then takes a decision with its typed fields, the API’s problems at their field', async () => {
    renderPage(<ApprovalRequestPage />, {
      ...route,
      viewer: complianceOfficer,
      mocks: [
        detail(requestDetail()),
        approve(
          { ticket: 'CR-1' },
          {
            userErrors: [
              { __typename: 'UserError', field: ['input', 'formValues', 'ticket'], message: 'No change ticket CR-1 is open', code: 'BAD_USER_INPUT' },
            ],
          },
        ),
        approve({ ticket: 'CR-2042' }, { approvalRequest: decided }),
        detail(decided),
      ],
    });
    expect(await screen.findByRole('heading', { name: 'Deploy Contract reviewer', level: 1 })).toBeInTheDocument();
    expect(screen.getByTestId('held-change-status')).toHaveTextContent('held');
    expect(screen.getByTestId('approval-agent-link')).toHaveAttribute('href', `/agents/${encodeURIComponent(AGENT_ID)}`);
    expect(screen.getByTestId('approval-finding')).toHaveTextContent('Opus deploys need approval');
    const diff = screen.getByTestId('held-change-diff');
    expect(within(diff).getAllByRole('row')[1]).toHaveAttribute('data-changed', 'true');
    expect(within(diff).getAllByRole('row')[1]).toHaveTextContent('statusdraftdeployed');
    expect(screen.getByTestId('approval-step')).toHaveTextContent('Level 1: Compliance review');
    expect(screen.getByTestId('approval-step')).toHaveTextContent('compliance officers and admins (not the requester) (Cora Compliance, Ada Admin)');
    expect(screen.getByTestId('approval-comment')).toHaveTextContent('Needed for the Q1 contract backlog.');

    const form = screen.getByRole('form', { name: 'Decide' });
    await userEvent.click(within(form).getByRole('button', { name: 'Approve' }));
    expect(await within(form).findByText('Fill in "Change ticket"')).toBeInTheDocument();

    await userEvent.click(within(form).getByText('Reject'));
    await userEvent.click(within(form).getByRole('button', { name: 'Reject' }));
    expect(await within(form).findByText('Say why you reject it: the requester reads this')).toBeInTheDocument();
    await userEvent.click(within(form).getByText('Approve'));

    const ticket = within(form).getByRole('textbox', { name: /^Change ticket/ });
    await userEvent.type(ticket, 'CR-1');
    await userEvent.type(within(form).getByRole('textbox', { name: /^Comment/ }), 'Reviewed with legal');
    await userEvent.click(within(form).getByRole('button', { name: 'Approve' }));
    const problem = await within(form).findByText('No change ticket CR-1 is open');
    expect(ticket.closest('.mantine-TextInput-root')).toContainElement(problem);

    await userEvent.clear(ticket);
    await userEvent.type(ticket, 'CR-2042');
    await userEvent.click(within(form).getByRole('button', { name: 'Approve' }));
    expect(await screen.findByTestId('held-change-applied')).toBeInTheDocument();
    expect(screen.getByTestId('approval-status')).toHaveTextContent('approved');
    expect(screen.queryByRole('form', { name: 'Decide' })).not.toBeInTheDocument();
    const decision = screen.getByTestId('approval-decision');
    expect(decision).toHaveTextContent('Cora Compliance');
    expect(decision).toHaveTextContent('“Reviewed with legal”');
    expect(decision).toHaveTextContent('Change ticket: CR-2042');
    expect(notifications.show).toHaveBeenCalledWith(expect.objectContaining({ title: 'Approved' }));
  });

  it('tells the requester that someone else decides, and lets them withdraw', async () => {
    renderPage(<ApprovalRequestPage />, { ...route, viewer: developer, mocks: [detail(requestDetail({ viewerCanDecide: false }))] });
    expect(await screen.findByTestId('not-a-decider')).toHaveTextContent('You asked for this; someone else decides it.');
    expect(screen.queryByRole('form', { name: 'Decide' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Withdraw request' })).toBeInTheDocument();
  });

  it('says why a change approved too late was not applied', async () => {
    const refused = {
      ...decided,
      heldChange: {
        ...decided.heldChange,
        status: 'REFUSED',
        appliedAt: null,
        outcomeMessage: 'Policy "No Opus in production" (block) refuses the deploy now',
      },
    };
    renderPage(<ApprovalRequestPage />, {
      ...route,
      viewer: viewerFor(Role.Admin, { user: { ...ADMIN, email: 'admin@acme.test' } }),
      mocks: [detail(refused)],
    });
    expect(await screen.findByText('Approved, but not applied')).toBeInTheDocument();
    expect(screen.getByText('Policy "No Opus in production" (block) refuses the deploy now')).toBeInTheDocument();
  });

  it("says so when the request does not exist or is another tenant's", async () => {
    renderPage(<ApprovalRequestPage />, {
      ...route,
      mocks: [
        {
          request: { query: ApprovalRequestQuery, variables: { id: REQUEST_ID, withChange: true } },
          result: { data: { approvalRequest: null }, errors: [{ message: 'Not found', extensions: { code: 'NOT_FOUND' } }] },
        },
      ],
    });
    await waitFor(() => expect(screen.getByText('No such approval request')).toBeInTheDocument());
  });
});

describe('the approval request page for a role that may not read held changes', () => {
  it('shows the request and its trail without the change, and still lets an eligible analyst decide', async () => {
    const analyst = viewerFor(Role.Analyst);
    const request = { ...requestDetail(), heldChange: undefined };
    renderPage(<ApprovalRequestPage />, {
      ...route,
      viewer: analyst,
      mocks: [{ request: { query: ApprovalRequestQuery, variables: { id: REQUEST_ID, withChange: false } }, result: { data: { approvalRequest: request } } }],
    });
    expect(await screen.findByRole('heading', { name: 'Deploy Contract reviewer', level: 1 })).toBeInTheDocument();
    expect(screen.queryByTestId('held-change-diff')).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'What is asked' })).toBeInTheDocument();
    expect(screen.getByRole('form', { name: 'Decide' })).toBeInTheDocument();
  });
});

describe("withdrawing someone else's request follows tenant.manage, as the API's cancel does", () => {
  const custom = (permissions: PermissionName[]) =>
    viewerFor(null, { isMember: true, customRoleName: 'Steward', permissions, user: { ...COMPLIANCE, email: 'compliance@acme.test' } });
  const open = (viewer: ReturnType<typeof viewerFor>) =>
    renderPage(<ApprovalRequestPage />, {
      ...route,
      viewer,
      mocks: [
        {
          request: { query: ApprovalRequestQuery, variables: { id: REQUEST_ID, withChange: false } },
          result: { data: { approvalRequest: { ...requestDetail({ viewerCanDecide: false }), heldChange: undefined } } },
        },
      ],
    });

  it('offers a custom role holding tenant.manage to withdraw a request it did not make', async () => {
    open(custom([PermissionName.TenantManage, PermissionName.HrManage]));
    expect(await screen.findByRole('heading', { name: 'Deploy Contract reviewer', level: 1 })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Withdraw request' })).toBeInTheDocument();
  });

  it('does not offer it to a custom role without tenant.manage', async () => {
    open(custom([PermissionName.AuditRead, PermissionName.HrManage]));
    expect(await screen.findByRole('heading', { name: 'Deploy Contract reviewer', level: 1 })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Withdraw request' })).not.toBeInTheDocument();
  });
});
