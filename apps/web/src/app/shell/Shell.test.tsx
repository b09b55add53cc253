import { fireEvent, screen, within } from '@testing-library/react';
import { Role } from '../../gql/graphql';
import { allNavigationLinks } from '../../test/navigation';
import { renderPage, viewerFor } from '../../test/render';
import { Shell } from './Shell';
import { ShellViewer } from './viewer';

function renderShell(role: Role | null, overrides = {}) {
  const viewer = viewerFor(role, overrides);
  renderPage(<Shell />, { viewer: null, mocks: [{ request: { query: ShellViewer }, result: { data: { viewer } } }] });
}

const navLinks = allNavigationLinks;

describe('Shell', () => {
  it('shows an admin every page, GraphiQL, the tenant and the role', async () => {
    renderShell(Role.Admin);
    const links = await navLinks();
    for (const page of ['Overview', 'Members', 'API keys', 'Audit log', 'GraphiQL']) expect(links.some((l) => l?.startsWith(page))).toBe(true);
    expect(screen.getByTestId('tenant-role')).toHaveTextContent('Admin');
    expect(screen.getByTestId('current-tenant')).toHaveTextContent('Acme Corporation');
    expect(screen.getByTestId('user-role')).toHaveTextContent('Admin');
  });

  it('groups the navigation, one line per page', async () => {
    renderShell(Role.Admin);
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    const groups = within(nav)
      .getAllByRole('group')
      .map((g) => g.getAttribute('aria-label'));
    expect(groups).toEqual(['Home', 'Inventory', 'Governance', 'Compliance', 'Spend', 'Operations', 'People', 'Administration']);
    // Away from its pages a group starts closed; it opens to one line per page.
    const inventory = within(nav).getByRole('group', { name: 'Inventory' });
    expect(within(inventory).queryAllByRole('link')).toEqual([]);
    fireEvent.click(within(inventory).getByRole('button', { name: /Inventory/i }));
    expect(within(inventory).getByRole('button', { name: /Inventory/i })).toHaveAttribute('aria-expanded', 'true');
    expect(
      within(inventory)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual(['Agents', 'Models', 'Skills', 'Architectures']);
    // No second line under an entry: the description is its tooltip.
    expect(within(nav).getByRole('link', { name: 'Agents' })).toHaveAttribute('title', 'Inventory, lifecycle and compliance');
  });

  it('offers a skip link to the page before anything else', async () => {
    renderShell(Role.Viewer);
    const skip = await screen.findByRole('link', { name: 'Skip to content' });
    expect(skip).toBe(document.querySelectorAll('a, button')[0]);
    expect(document.getElementById(skip.getAttribute('href')!.slice(1))).toHaveAttribute('tabindex', '-1');
  });

  it('shows a viewer only what a viewer may use', async () => {
    renderShell(Role.Viewer);
    const links = await navLinks();
    expect(links.some((l) => l?.startsWith('Overview'))).toBe(true);
    expect(links.some((l) => l?.startsWith('Members'))).toBe(true);
    expect(links.some((l) => /API keys|Audit log|GraphiQL|Costs/.test(l ?? ''))).toBe(false);
  });

  it('gives auditors the audit log and API keys, without GraphiQL', async () => {
    renderShell(Role.Auditor);
    const links = await navLinks();
    expect(links.some((l) => l?.startsWith('Audit log'))).toBe(true);
    expect(links.some((l) => l?.startsWith('API keys'))).toBe(true);
    expect(links.some((l) => l?.startsWith('GraphiQL'))).toBe(false);
  });

  it('gives analysts GraphiQL but not the audit log', async () => {
    renderShell(Role.Analyst);
    const links = await navLinks();
    expect(links.some((l) => l?.startsWith('GraphiQL'))).toBe(true);
    expect(links.some((l) => l?.startsWith('Audit log'))).toBe(false);
  });

  it('tells the admin of a suspended tenant that it is suspended and who can reactivate it, instead of the page', async () => {
    renderShell(null, {
      tenant: { __typename: 'Tenant', id: 'VGVuYW50OjQ=', name: 'Umbrella Labs', slug: 'umbrella', plan: 'PROFESSIONAL', status: 'SUSPENDED' },
      memberships: [
        { __typename: 'Membership', id: 'm4', role: Role.Admin, tenant: { __typename: 'Tenant', id: 'VGVuYW50OjQ=', name: 'Umbrella Labs', slug: 'umbrella' } },
      ],
    });
    const banner = await screen.findByTestId('tenant-suspended');
    expect(banner).toHaveTextContent('Umbrella Labs is suspended');
    expect(banner).toHaveTextContent('you will then act here as admin again');
    expect(banner).toHaveTextContent('Only a Steward platform admin can reactivate');
    expect(document.body).not.toHaveTextContent(/no role|Ask an admin of Umbrella Labs|resourceLimits|No limit/i);
    expect(screen.getByTestId('user-role')).toHaveTextContent('Tenant suspended');
    expect((await navLinks()).some((l) => l?.startsWith('Costs'))).toBe(false);
  });

  it('offers a tenant menu to someone in several tenants', async () => {
    renderShell(Role.Developer, {
      memberships: [
        {
          __typename: 'Membership',
          id: 'm1',
          role: Role.Developer,
          tenant: { __typename: 'Tenant', id: 'VGVuYW50OjE=', name: 'Acme Corporation', slug: 'acme' },
        },
        {
          __typename: 'Membership',
          id: 'm2',
          role: Role.Analyst,
          tenant: { __typename: 'Tenant', id: 'VGVuYW50OjI=', name: 'Globex Industries', slug: 'globex' },
        },
      ],
    });
    expect(await screen.findByRole('button', { name: /Current tenant: Acme Corporation/ })).toBeInTheDocument();
  });
});
