import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Role } from '../../gql/graphql';
import { renderPage, viewerFor } from '../../test/render';
import { PolicyDetailQuery } from './policy.operations';
import PolicyDetailPage from './PolicyDetailPage';

const ID = 'UG9saWN5OjE=';
const policy = {
  __typename: 'Policy',
  id: ID,
  name: 'Opus cost ceiling',
  description: 'Keeps Opus affordable',
  type: 'cost',
  category: 'cost',
  severity: 'HIGH',
  enforcement: 'BLOCK',
  active: true,
  version: 3,
  openViolationCount: 0,
  lastEvaluatedAt: null,
  updatedAt: '2026-11-01T10:00:00Z',
  createdAt: '2026-10-01T10:00:00Z',
  createdBy: { __typename: 'User', id: 'VXNlcjox', fullName: 'Ada Admin' },
  scope: { __typename: 'PolicyScope', kind: 'ALL', tags: [], agents: [] },
  rules: [{ __typename: 'PolicyRule', name: 'Opus under $0.10', condition: 'agent.modelTier == "opus" && agent.costPerRequest > 0.10', message: 'Too dear' }],
};
const detail = { request: { query: PolicyDetailQuery, variables: { id: ID, withRules: true } }, result: { data: { policy } }, maxUsageCount: 5 };

function render(role: Role) {
  return renderPage(<PolicyDetailPage />, { mocks: [detail], viewer: viewerFor(role), route: `/policies/${ID}`, path: '/policies/:id' });
}

describe('a policy page', () => {
  it('opens read-only, with the condition highlighted, and edits only after Edit', async () => {
    render(Role.Admin);
    const rule = await screen.findByTestId('policy-rule');
    const condition = within(rule).getByRole('textbox', { name: 'Condition of Opus under $0.10' });
    expect(condition).toHaveTextContent('agent.modelTier == "opus" && agent.costPerRequest > 0.10');
    expect(condition).toHaveAttribute('contenteditable', 'false');
    // Not editable, the text keeps a keyboard stop of its own: a long condition scrolls in the editor's box.
    expect(condition).toHaveAttribute('tabindex', '0');
    expect(condition.querySelector('span')).not.toBeNull();
    expect(screen.queryByRole('button', { name: 'Save as version 4' })).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Edit' }));
    expect(await screen.findByRole('button', { name: 'Save as version 4' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /^Condition \(CEL\)/ })).toHaveAttribute('contenteditable', 'true');
    expect(screen.getByRole('textbox', { name: /^Condition \(CEL\)/ })).not.toHaveAttribute('tabindex');
    expect(screen.queryByRole('button', { name: 'Edit' })).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(await screen.findByTestId('policy-rule')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save as version 4' })).not.toBeInTheDocument();
  });

  it('offers no Edit to a role that reads but does not write policies', async () => {
    render(Role.Auditor);
    expect(await screen.findByTestId('policy-rule')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Edit' })).not.toBeInTheDocument();
  });
});
