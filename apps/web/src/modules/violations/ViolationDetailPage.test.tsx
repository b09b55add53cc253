import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PolicyWaiverEventKind, Role, type ViolationRecordFragment } from '../../gql/graphql';
import { renderPage, viewerFor } from '../../test/render';
import { violation } from '../../test/fixtures';
import ViolationDetailPage, { ViolationDetailQuery } from './ViolationDetailPage';

jest.mock('@mantine/notifications', () => ({ ...jest.requireActual('@mantine/notifications'), notifications: { show: jest.fn() } }));

const id = 'UG9saWN5VmlvbGF0aW9uOjE=';
const route = { route: `/violations/${encodeURIComponent(id)}`, path: '/violations/:id' };

function record(overrides: Partial<ViolationRecordFragment> = {}): ViolationRecordFragment {
  return {
    ...violation({ status: 'OPEN' }),
    observed: { name: 'Terraform Drafter', modelTier: 'opus' },
    decision: {
      __typename: 'PolicyDecision',
      id: 'UG9saWN5RGVjaXNpb246MQ==',
      decidedAt: '2026-11-20T10:00:00.000Z',
      trigger: 'REEVALUATION',
      result: 'VIOLATION',
      actionTaken: 'RECORDED',
      policyVersion: 1,
      inputDigest: 'ab12'.repeat(16),
      requestId: 'req-42',
      error: null,
    },
    waiverHistory: [
      {
        __typename: 'PolicyWaiverEvent',
        kind: PolicyWaiverEventKind.Waived,
        at: '2026-11-21T09:00:00.000Z',
        reason: 'Vendor fix next week',
        expiresAt: null,
        by: { __typename: 'User', id: 'VXNlcjox', fullName: 'Ada Admin' },
      },
      { __typename: 'PolicyWaiverEvent', kind: PolicyWaiverEventKind.Revoked, at: '2026-11-22T09:00:00.000Z', reason: null, expiresAt: null, by: null },
    ],
    ...overrides,
  } as ViolationRecordFragment;
}

const reply = (v: ViolationRecordFragment | null, errors?: { message: string; extensions: { code: string } }[]) => ({
  request: { query: ViolationDetailQuery, variables: { id } },
  result: { data: { policyViolation: v }, ...(errors ? { errors } : {}) },
  delay: 10,
});

describe('ViolationDetailPage', () => {
  it('shows progress, then the finding with links to its agent and policy, the decision record, what the rule saw and the waiver history', async () => {
    renderPage(<ViolationDetailPage />, { ...route, mocks: [reply(record())] });
    expect(screen.getByText('Loading this violation…')).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'Change review before deploy · Terraform Drafter' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Terraform Drafter' })).toHaveAttribute('href', `/agents/${encodeURIComponent('QWdlbnQ6Ng==')}`);
    expect(screen.getByRole('link', { name: 'Infrastructure deploys need a change review' })).toHaveAttribute(
      'href',
      `/policies/${encodeURIComponent('UG9saWN5OjE=')}`,
    );
    const decision = screen.getByTestId('decision-record');
    expect(within(decision).getByText('Reevaluation')).toBeInTheDocument();
    expect(within(decision).getByText('ab12'.repeat(16))).toBeInTheDocument();
    expect(within(decision).getByText('req-42')).toBeInTheDocument();
    expect(screen.getByLabelText('The agent as the rule saw it')).toHaveTextContent('"modelTier": "opus"');
    const history = screen.getByTestId('waiver-history');
    expect(within(history).getByText('Waived')).toBeInTheDocument();
    expect(within(history).getByText('“Vendor fix next week”')).toBeInTheDocument();
    expect(within(history).getByText('Waiver revoked')).toBeInTheDocument();
    expect(within(history).getByText(/^An API key,/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Waive' })).toBeInTheDocument();
  });

  it('offers a compliance officer no waiver controls, and says when it was never waived', async () => {
    renderPage(<ViolationDetailPage />, { ...route, viewer: viewerFor(Role.ComplianceOfficer), mocks: [reply(record({ waiverHistory: [] }))] });
    expect(await screen.findByText('Never waived.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Waive' })).not.toBeInTheDocument();
  });

  it('opens the waive dialog for an admin', async () => {
    renderPage(<ViolationDetailPage />, { ...route, mocks: [reply(record())] });
    await userEvent.click(await screen.findByRole('button', { name: 'Waive' }));
    expect(await screen.findByRole('dialog', { name: 'Waive violation' })).toBeInTheDocument();
  });

  it("says so when the violation does not exist or is another tenant's", async () => {
    renderPage(<ViolationDetailPage />, { ...route, mocks: [reply(null, [{ message: 'Policy violation not found', extensions: { code: 'NOT_FOUND' } }])] });
    expect(await screen.findByText('No such violation')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Violations' })).toHaveAttribute('href', '/violations');
  });
});
