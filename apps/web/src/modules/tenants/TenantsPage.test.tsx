import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { BillingCycle, PlanLimit, TenantPlan, TenantStatus, type TenantRowFragment } from '../../gql/graphql';
import { connection } from '../../test/data';
import { renderPage, viewerFor } from '../../test/render';
import { TenantCreate, TenantPlanChange, TenantSuspend, TenantsQuery, TenantTrialExtend, TenantUpdate } from './tenant.operations';
import { slugOf, toLimitsInput } from './tenant-form';
import TenantsPage, { PAGE_SIZE } from './TenantsPage';

jest.mock('@mantine/notifications', () => ({ ...jest.requireActual('@mantine/notifications'), notifications: { show: jest.fn() } }));

/** Types a whole value at once: per-key typing of long values is slow in jsdom. */
async function enter(input: HTMLElement, value: string) {
  await userEvent.click(input);
  await userEvent.paste(value);
}

const platform = viewerFor(null, { isPlatformAdmin: true, tenant: null });

function tenant(n: number, overrides: Partial<TenantRowFragment> = {}): TenantRowFragment {
  return {
    __typename: 'Tenant',
    id: `VGVuYW50O${n}`,
    name: `Tenant ${n}`,
    slug: `tenant-${n}`,
    plan: TenantPlan.Professional,
    status: TenantStatus.Active,
    createdAt: new Date().toISOString(),
    readOnlySince: null,
    resourceLimits: { __typename: 'TenantLimits', maxAgents: 10, maxMembers: null, maxApiKeys: 5 },
    usage: [
      { __typename: 'LimitUsage', limit: PlanLimit.Agents, used: 3, max: 10 },
      { __typename: 'LimitUsage', limit: PlanLimit.Members, used: 1, max: null },
      { __typename: 'LimitUsage', limit: PlanLimit.ApiKeys, used: 5, max: 5 },
    ],
    subscription: { __typename: 'TenantSubscription', billingCycle: BillingCycle.Monthly, trialEndsAt: null },
    ...overrides,
  };
}

const list = (nodes: TenantRowFragment[]) => ({
  request: { query: TenantsQuery, variables: { first: PAGE_SIZE } },
  result: { data: { tenants: { __typename: 'TenantConnection', ...connection(nodes) } } },
  delay: 10,
});
const payload = (name: string, t: TenantRowFragment, extra: Record<string, unknown> = {}) => ({
  data: { [name]: { __typename: 'Payload', tenant: t, userErrors: [], ...extra } },
});

describe('TenantsPage', () => {
  it('turns a name into a slug to start from, and limits into the API input', () => {
    expect(slugOf('Hooli Labs, Inc.')).toBe('hooli-labs-inc');
    expect(slugOf('  Ünïcode  ')).toBe('unicode');
    expect(toLimitsInput({ maxAgents: 10, maxMembers: '', maxApiKeys: 0 })).toEqual({ maxAgents: 10, maxMembers: null, maxApiKeys: 0 });
  });

  it('shows progress, then every tenant with its plan, status and limits', async () => {
    renderPage(<TenantsPage />, { viewer: platform, mocks: [list([tenant(1), tenant(2, { status: TenantStatus.Suspended, name: 'Umbrella Labs' })])] });
    expect(screen.getByText('Loading tenants…')).toBeInTheDocument();
    const row = (await screen.findByText('Tenant 1')).closest('tr')!;
    expect(within(row).getByTestId('tenant-status')).toHaveTextContent('active');
    expect(within(row).getByTestId('limit-agents')).toHaveTextContent('3 / 10');
    expect(within(row).getByTestId('limit-members')).toHaveTextContent('1 / no limit');
    expect(within(row).getByRole('button', { name: 'Suspend Tenant 1' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Reactivate Umbrella Labs' })).toBeInTheDocument();
  });

  it("creates a tenant with its limits and shows the first admin's invitation token once", async () => {
    const created = tenant(3, {
      name: 'Hooli',
      slug: 'hooli',
      plan: TenantPlan.Enterprise,
      resourceLimits: { __typename: 'TenantLimits', maxAgents: 20, maxMembers: null, maxApiKeys: null },
    });
    renderPage(<TenantsPage />, {
      viewer: platform,
      mocks: [
        list([tenant(1)]),
        {
          request: {
            query: TenantCreate,
            variables: {
              input: {
                name: 'Hooli',
                slug: 'hooli',
                plan: 'ENTERPRISE',
                resourceLimits: { maxAgents: 20, maxMembers: null, maxApiKeys: null },
                adminEmail: 'gavin@hooli.test',
              },
            },
          },
          result: payload('tenantCreate', created, { adminInvitationToken: 'stw_inv_secret' }),
        },
        list([tenant(1), created]),
      ],
    });
    await screen.findByText('Tenant 1');
    await userEvent.click(screen.getByRole('button', { name: 'Create tenant' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create a tenant' });
    await enter(within(dialog).getByRole('textbox', { name: /^Name/ }), 'Hooli');
    expect(within(dialog).getByRole('textbox', { name: /^Slug/ })).toHaveValue('hooli');
    await userEvent.click(within(dialog).getByRole('combobox', { name: /^Plan/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'Enterprise' }));
    await enter(within(dialog).getByRole('textbox', { name: /^First admin/ }), 'gavin@hooli.test');
    await enter(within(dialog).getByRole('textbox', { name: 'Agents' }), '20');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create tenant' }));
    expect(await screen.findByTestId('secret-value')).toHaveTextContent('stw_inv_secret');
    expect(await screen.findByText('Hooli')).toBeInTheDocument();
  });

  it('refuses a malformed slug before anything is sent', async () => {
    renderPage(<TenantsPage />, { viewer: platform, mocks: [list([])] });
    expect(await screen.findByText('No tenants yet')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Create tenant' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create a tenant' });
    await userEvent.type(within(dialog).getByRole('textbox', { name: /^Name/ }), 'Bad');
    await userEvent.clear(within(dialog).getByRole('textbox', { name: /^Slug/ }));
    await userEvent.type(within(dialog).getByRole('textbox', { name: /^Slug/ }), '-Bad-');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create tenant' }));
    expect(await within(dialog).findByText(/lowercase letters, digits or dashes, not starting/)).toBeInTheDocument();
  });

  it("edits limits, clearing one to follow the plan's", async () => {
    const edited = tenant(1, {
      resourceLimits: { __typename: 'TenantLimits', maxAgents: null, maxMembers: null, maxApiKeys: 5 },
      usage: [{ __typename: 'LimitUsage', limit: PlanLimit.Agents, used: 3, max: 25 }],
    });
    renderPage(<TenantsPage />, {
      viewer: platform,
      mocks: [
        list([tenant(1)]),
        {
          request: {
            query: TenantUpdate,
            variables: {
              input: { tenantId: tenant(1).id, name: 'Tenant 1', plan: 'PROFESSIONAL', resourceLimits: { maxAgents: null, maxMembers: null, maxApiKeys: 5 } },
            },
          },
          result: payload('tenantUpdate', edited),
        },
      ],
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Edit Tenant 1' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit Tenant 1' });
    await userEvent.clear(within(dialog).getByRole('textbox', { name: 'Agents' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    const row = (await screen.findByText('Tenant 1')).closest('tr')!;
    expect(await within(row).findByText('3 / 25', { selector: '[data-testid="limit-agents"] *' })).toBeInTheDocument();
  });

  it('suspends a tenant with a reason', async () => {
    renderPage(<TenantsPage />, {
      viewer: platform,
      mocks: [
        list([tenant(1)]),
        {
          request: { query: TenantSuspend, variables: { input: { tenantId: tenant(1).id, reason: 'Unpaid invoice' } } },
          result: payload('tenantSuspend', tenant(1, { status: TenantStatus.Suspended })),
        },
      ],
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Suspend Tenant 1' }));
    const dialog = await screen.findByRole('dialog', { name: 'Suspend Tenant 1' });
    await enter(within(dialog).getByRole('textbox', { name: /^Reason/ }), 'Unpaid invoice');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Suspend' }));
    expect(await screen.findByRole('button', { name: 'Reactivate Tenant 1' })).toBeInTheDocument();
  });

  it('moves a tenant to another plan and billing cycle, with a reason', async () => {
    renderPage(<TenantsPage />, {
      viewer: platform,
      mocks: [
        list([tenant(1)]),
        {
          request: {
            query: TenantPlanChange,
            variables: { input: { tenantId: tenant(1).id, plan: 'STARTER', billingCycle: 'ANNUAL', reason: 'Smaller team' } },
          },
          result: payload(
            'tenantPlanChange',
            tenant(1, { plan: TenantPlan.Starter, subscription: { __typename: 'TenantSubscription', billingCycle: BillingCycle.Annual, trialEndsAt: null } }),
          ),
        },
      ],
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Change the plan of Tenant 1' }));
    const dialog = await screen.findByRole('dialog', { name: 'Change the plan of Tenant 1' });
    await userEvent.click(within(dialog).getByRole('combobox', { name: /^Plan/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'Starter' }));
    await userEvent.click(within(dialog).getByRole('combobox', { name: /^Billing cycle/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'Annual' }));
    await enter(within(dialog).getByRole('textbox', { name: /^Reason/ }), 'Smaller team');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Change plan' }));
    const row = (await screen.findByText('Tenant 1')).closest('tr')!;
    expect(await within(row).findByText('starter, annual')).toBeInTheDocument();
  });

  it("shows a trial's end and a run-out trial as read-only; extends the trial", async () => {
    const ends = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const trial = tenant(1, {
      plan: TenantPlan.Trial,
      readOnlySince: new Date().toISOString(),
      subscription: { __typename: 'TenantSubscription', billingCycle: BillingCycle.Monthly, trialEndsAt: new Date().toISOString() },
    });
    renderPage(<TenantsPage />, {
      viewer: platform,
      mocks: [
        list([
          trial,
          tenant(2, { plan: TenantPlan.Trial, subscription: { __typename: 'TenantSubscription', billingCycle: BillingCycle.Monthly, trialEndsAt: ends } }),
        ]),
        {
          request: { query: TenantTrialExtend, variables: { input: { tenantId: trial.id, days: 7, reason: null } } },
          result: payload('tenantTrialExtend', { ...trial, readOnlySince: null, subscription: { ...trial.subscription!, trialEndsAt: ends } }),
        },
      ],
    });
    const row = (await screen.findByText('Tenant 1')).closest('tr')!;
    expect(within(row).getByTestId('tenant-read-only')).toHaveTextContent('read-only');
    const other = screen.getByText('Tenant 2').closest('tr')!;
    expect(within(other).getByTestId('tenant-trial-ends')).toHaveTextContent(new Date(ends).toLocaleDateString());
    expect(screen.queryAllByRole('button', { name: /^Extend the trial of/ })).toHaveLength(2);
    await userEvent.click(within(row).getByRole('button', { name: 'Extend the trial of Tenant 1' }));
    const dialog = await screen.findByRole('dialog', { name: 'Extend the trial of Tenant 1' });
    expect(within(dialog).getByText(/The trial has run out/)).toBeInTheDocument();
    const days = within(dialog).getByRole('textbox', { name: /^Days to add/ });
    await userEvent.clear(days);
    await enter(days, '7');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Extend trial' }));
    expect(await within(row).findByTestId('tenant-trial-ends')).toBeInTheDocument();
    expect(within(row).queryByTestId('tenant-read-only')).toBeNull();
  });
});
