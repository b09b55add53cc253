import { screen, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { AlertSeverity, AlertSource, AlertStatus, type AlertRowFragment, BudgetEnforcement, BudgetPeriod, BudgetScope, Role } from '../../gql/graphql';
import { renderPage, viewerFor } from '../../test/render';
import { BudgetBurndownQuery } from './BudgetBurndown';
import BudgetDetailPage, { BudgetDetailQuery } from './BudgetDetailPage';

jest.mock('recharts', () => {
  const actual = jest.requireActual('recharts');
  return {
    ...actual,
    ResponsiveContainer: ({ children }: { children: ReactNode }) => (
      <actual.ResponsiveContainer width={600} height={260} initialDimension={{ width: 600, height: 260 }}>
        {children}
      </actual.ResponsiveContainer>
    ),
  };
});

const id = 'QnVkZ2V0OjE=';
const route = { route: `/budgets/${encodeURIComponent(id)}`, path: '/budgets/:id' };

const alert: AlertRowFragment = {
  __typename: 'Alert',
  id: 'QWxlcnQ6MQ==',
  severity: AlertSeverity.Warning,
  status: AlertStatus.Open,
  source: AlertSource.Budget,
  alertRule: null,
  agent: null,
  message: 'Monthly budget "Cloud" passed 80%',
  threshold: 80,
  createdAt: new Date().toISOString(),
  periodStart: '2026-12-01',
  periodEnd: '2026-12-31',
  note: null,
  spend: '8100',
  budget: { __typename: 'Budget', id, name: 'Cloud', currency: 'USD' },
  acknowledgedAt: null,
  acknowledgedBy: null,
  resolvedAt: null,
  resolvedBy: null,
};

function budget(withMoney: boolean) {
  return {
    __typename: 'Budget',
    id,
    name: 'Cloud',
    scope: BudgetScope.Agent,
    tag: null,
    category: null,
    agent: { __typename: 'Agent', id: 'QWdlbnQ6MQ==', name: 'Incident Triage' },
    period: BudgetPeriod.Monthly,
    currency: 'USD',
    thresholds: [50, 80, 100],
    enforcement: BudgetEnforcement.Block,
    currentPeriod: { __typename: 'BudgetPeriodRange', start: '2026-12-01', end: '2026-12-31' },
    ...(withMoney ? { amount: '10000', currentSpend: '8100' } : {}),
    updatedAt: new Date().toISOString(),
    createdAt: new Date().toISOString(),
    createdBy: { __typename: 'User', id: 'VXNlcjox', fullName: 'Ada Admin' },
  };
}

const detail = (withMoney: boolean) => ({
  request: { query: BudgetDetailQuery, variables: { id, withMoney } },
  result: {
    data: { budget: budget(withMoney), alerts: { __typename: 'AlertConnection', totalCount: 1, nodes: [withMoney ? alert : { ...alert, spend: undefined }] } },
  },
  delay: 10,
});

const burndown = {
  request: { query: BudgetBurndownQuery, variables: { id } },
  result: {
    data: {
      budgetBurndown: {
        __typename: 'BudgetBurndown',
        periodStart: '2026-12-01',
        periodEnd: '2026-12-31',
        amount: '10000',
        spent: '8100',
        remaining: '1900',
        days: [{ __typename: 'BudgetBurndownDay', date: '2026-12-01', cumulative: '8100' }],
        thresholds: [{ __typename: 'BudgetThresholdLevel', percent: 80, amount: '8000', reachedOn: '2026-12-01' }],
        budget: { __typename: 'Budget', id, name: 'Cloud', currency: 'USD' },
      },
    },
  },
};

describe('BudgetDetailPage', () => {
  it('shows progress, then the burn-down, the terms with a link to the agent, and the alerts the budget raised', async () => {
    renderPage(<BudgetDetailPage />, { ...route, mocks: [detail(true), burndown] });
    expect(screen.getByText('Loading this budget…')).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'Cloud' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Incident Triage' })).toHaveAttribute('href', `/agents/${encodeURIComponent('QWdlbnQ6MQ==')}`);
    expect(screen.getByText('Suspends the agent')).toBeInTheDocument();
    expect(screen.getByTestId('budget-percent')).toHaveTextContent('81%');
    expect(await screen.findByTestId('burndown-spent')).toHaveTextContent('$8,100.00');
    expect(within(screen.getByTestId('budget-alerts')).getByText('Monthly budget "Cloud" passed 80%')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Delete' })).toBeInTheDocument();
  });

  it('shows a compliance officer the terms and alerts without amounts or a burn-down', async () => {
    renderPage(<BudgetDetailPage />, { ...route, viewer: viewerFor(Role.ComplianceOfficer), mocks: [detail(false)] });
    expect(await screen.findByRole('heading', { name: 'Cloud' })).toBeInTheDocument();
    expect(screen.getByText(/Amounts are for admins, developers and analysts/)).toBeInTheDocument();
    expect(screen.queryByTestId('budget-percent')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Delete' })).not.toBeInTheDocument();
  });

  it("says so when the budget does not exist or is another tenant's", async () => {
    renderPage(<BudgetDetailPage />, {
      ...route,
      mocks: [
        {
          request: { query: BudgetDetailQuery, variables: { id, withMoney: true } },
          result: { data: { budget: null, alerts: null }, errors: [{ message: 'Budget not found', extensions: { code: 'NOT_FOUND' } }] },
        },
      ],
    });
    expect(await screen.findByText('No such budget')).toBeInTheDocument();
  });
});
