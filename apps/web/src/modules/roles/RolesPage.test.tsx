import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PermissionName, Role } from '../../gql/graphql';
import { renderPage, viewerFor } from '../../test/render';
import { holdersText } from './labels';
import { pagesFor, withImplied } from './RolePreview';
import RolesPage, { RolesQuery } from './RolesPage';

const P = PermissionName;
const details = Object.values(P).map((name) => ({
  __typename: 'PermissionInfo' as const,
  name,
  description: `What ${name} allows`,
  implies: name === P.CostsReadAmounts ? [P.BudgetsRead] : [],
}));
const rolesData = {
  permissions: details,
  systemRoles: [{ __typename: 'SystemRole', role: Role.Analyst, description: 'Reads costs', permissions: [P.CostsReadAmounts, P.CostsExport, P.BudgetsRead] }],
  customRoles: [
    {
      __typename: 'CustomRole',
      id: 'Q3VzdG9tUm9sZTox',
      name: 'Agent operator',
      description: 'Runs agents',
      permissions: [P.AgentsWrite],
      memberCount: 2,
      apiKeyCount: 1,
      invitationCount: 0,
      updatedAt: '2026-12-01T10:00:00Z',
    },
  ],
};
const rolesMock = { request: { query: RolesQuery }, result: { data: rolesData }, maxUsageCount: 5 };

describe('RolesPage', () => {
  it('lists custom roles with their holders and the system roles, with controls for a role manager', async () => {
    renderPage(<RolesPage />, { mocks: [rolesMock] });
    const row = await screen.findByTestId('custom-role-row');
    expect(within(row).getByText('Agent operator')).toBeInTheDocument();
    expect(within(row).getByText('2 members and 1 API key')).toBeInTheDocument();
    expect(within(screen.getByRole('table', { name: 'System roles' })).getByText('Analyst')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Create role' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Delete Agent operator' }));
    expect(await screen.findByText(/is held by 2 members and 1 API key/)).toBeInTheDocument();
  });

  it('shows a viewer the roles without controls', async () => {
    renderPage(<RolesPage />, { viewer: viewerFor(Role.Viewer), mocks: [rolesMock] });
    expect(await screen.findByText('Agent operator')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Create role' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Delete/ })).not.toBeInTheDocument();
  });

  it('shows what a role can do while its permissions are chosen', async () => {
    renderPage(<RolesPage />, { mocks: [rolesMock] });
    await userEvent.click(await screen.findByRole('button', { name: 'Create role' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('Nothing more: holders read the inventory only.')).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('checkbox', { name: 'costs.read_amounts' }));
    const preview = within(dialog).getByRole('region', { name: 'What this role can do' });
    expect(within(preview).getByText('budgets.read')).toBeInTheDocument();
    expect(within(within(preview).getByTestId('role-preview-pages')).getByText('Costs')).toBeInTheDocument();
  });
});

describe('the role preview', () => {
  it('adds the permissions that come with those chosen', () => {
    expect(withImplied([P.CostsReadAmounts], details)).toEqual(expect.arrayContaining([P.CostsReadAmounts, P.BudgetsRead]));
    expect(withImplied([P.AgentsWrite], details)).toEqual([P.AgentsWrite]);
  });

  it('names the pages a holder sees: the inventory for nothing, more with permissions', () => {
    const nothing = pagesFor([]);
    expect(nothing).toEqual(expect.arrayContaining(['Overview', 'Agents', 'Members', 'Roles']));
    expect(nothing).not.toContain('Costs');
    expect(nothing).not.toContain('Tenants');
    expect(pagesFor([P.AuditRead])).toContain('Audit log');
  });

  it('counts holders in words', () => {
    expect(holdersText({ memberCount: 0, apiKeyCount: 0, invitationCount: 0 })).toBeNull();
    expect(holdersText({ memberCount: 1, apiKeyCount: 0, invitationCount: 2 })).toBe('1 member and 2 pending invitations');
  });
});
