import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { MockLink } from '@apollo/client/testing';
import type { ReactNode } from 'react';
import { useLocation } from 'react-router';
import { CostInterval, Role } from '../../gql/graphql';
import { renderPage, viewerFor } from '../../test/render';
import { CostAgentOptionsQuery, CostDashboardQuery } from './cost-dashboard.operations';
import CostDashboardPage, { dashboardVariables } from './CostDashboardPage';
import { viewFromParams } from './cost-view';
import { DashboardBudgetsQuery } from './DashboardBurndownCard';

// jsdom has no layout: give recharts' responsive container a size so the SVG renders.
jest.mock('recharts', () => {
  const actual = jest.requireActual('recharts');
  return {
    ...actual,
    ResponsiveContainer: ({ children }: { children: ReactNode }) => (
      <actual.ResponsiveContainer width={800} height={300} initialDimension={{ width: 800, height: 300 }}>
        {children}
      </actual.ResponsiveContainer>
    ),
  };
});

function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location">{location.search}</output>;
}

const page = (
  <>
    <CostDashboardPage />
    <LocationProbe />
  </>
);

function dashboardData() {
  const view = viewFromParams(new URLSearchParams());
  const day = (n: number) => new Date(Date.parse(`${view.to}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
  const bucket = (period: string, key: string, amount: string) => ({ __typename: 'CostBucket', period, key, label: key.toLowerCase(), amount });
  return {
    byProvider: [bucket(day(1), 'ANTHROPIC', '120.50'), bucket(day(1), 'AWS', '30.25'), bucket(day(0), 'ANTHROPIC', '99.10'), bucket(day(0), 'GCP', '5')],
    byCategory: [
      { __typename: 'CostBucket', key: 'AI', label: 'ai', amount: '219.60' },
      { __typename: 'CostBucket', key: 'COMPUTE', label: 'compute', amount: '35.25' },
    ],
    topAgents: [
      { __typename: 'AgentSpend', amount: '150.75', entries: 3, agent: { __typename: 'Agent', id: 'QWdlbnQ6MQ==', name: 'Support Summariser' } },
      { __typename: 'AgentSpend', amount: '104.10', entries: 2, agent: { __typename: 'Agent', id: 'QWdlbnQ6Mg==', name: 'Incident Triage' } },
    ],
    summary: {
      __typename: 'CostSummary',
      currency: 'USD',
      from: view.from,
      to: view.to,
      total: '254.85',
      previousFrom: '2026-01-01',
      previousTo: '2026-01-30',
      previousTotal: '200',
      change: '54.85',
      changePercent: '27.43',
      entries: 4,
    },
    forecast: {
      __typename: 'CostForecast',
      currency: 'USD',
      asOf: view.to,
      monthStart: `${view.to.slice(0, 8)}01`,
      monthToDate: '104.10',
      dailyRunRate: '10.41',
      daysElapsed: 10,
      daysInMonth: 30,
      projectedMonthEnd: '312.30',
    },
  };
}

const empty = {
  byProvider: [],
  byCategory: [],
  topAgents: [],
  summary: { ...dashboardData().summary, total: '0', previousTotal: '0', change: '0', changePercent: null, entries: 0 },
  forecast: dashboardData().forecast,
};
const agents = {
  request: { query: CostAgentOptionsQuery },
  result: {
    data: {
      agents: { __typename: 'AgentConnection', nodes: [{ __typename: 'Agent', id: 'QWdlbnQ6MQ==', name: 'Support Summariser', tags: ['team:support'] }] },
    },
  },
  maxUsageCount: 10,
};
const budgets = { request: { query: DashboardBudgetsQuery }, result: { data: { budgets: { __typename: 'BudgetConnection', nodes: [] } } }, maxUsageCount: 10 };
const dashboard = (search: string, data: Record<string, unknown> = dashboardData(), delay = 0): MockLink.MockedResponse => ({
  request: { query: CostDashboardQuery, variables: dashboardVariables(viewFromParams(new URLSearchParams(search))) },
  result: { data },
  delay,
});

describe('cost dashboard', () => {
  it('shows skeletons, then the summary and every chart drawn from the data', async () => {
    const { container } = renderPage(page, { viewer: viewerFor(Role.Analyst), mocks: [dashboard('', dashboardData(), 30), agents, budgets] });
    expect(screen.getByLabelText('Loading spend over time')).toBeInTheDocument();
    expect(await screen.findByTestId('summary-total-value')).toHaveTextContent('$254.85');
    expect(within(screen.getByTestId('summary-previous')).getByText('$200.00')).toBeInTheDocument();
    expect(within(screen.getByTestId('summary-change')).getByText('+27.4%')).toBeInTheDocument();
    expect(within(screen.getByTestId('summary-forecast')).getByText('$312.30')).toBeInTheDocument();

    const spend = screen.getByTestId('spend-over-time');
    await waitFor(() => expect(spend.querySelectorAll('.recharts-area').length).toBe(3));
    // Providers stack largest first: Anthropic, AWS, Google Cloud.
    expect(within(spend).getByText('Anthropic')).toBeInTheDocument();
    expect(within(spend).getByText('Google Cloud')).toBeInTheDocument();

    const top = screen.getByTestId('top-agents');
    expect(top).toHaveTextContent('All 2 agents that spent in this view, most first');
    expect(top).not.toHaveTextContent(/ten agents/);
    await waitFor(() => expect(top.querySelectorAll('.recharts-bar-rectangle').length).toBe(2));
    expect(within(top).getByText('Support Summariser')).toBeInTheDocument();

    const categories = screen.getByTestId('by-category');
    await waitFor(() => expect(categories.querySelectorAll('.recharts-pie-sector').length).toBe(2));
    const table = within(categories).getByRole('table', { name: 'Spend by category' });
    expect(within(table).getByText('$219.60')).toBeInTheDocument();
    expect(within(table).getByText('86.2%')).toBeInTheDocument();
    expect(container.querySelectorAll('svg.recharts-surface').length).toBeGreaterThanOrEqual(3);
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeInTheDocument();
    expect(await screen.findByText('No budgets yet')).toBeInTheDocument();
  });

  it('reads its filters from the URL and writes changes back to it', async () => {
    const search = '?interval=week&provider=aws&tag=team%3Asupport';
    renderPage(page, {
      viewer: viewerFor(Role.Admin),
      route: `/costs${search}`,
      mocks: [dashboard(search), dashboard(`${search}`.replace('week', 'month')), agents, budgets],
    });
    expect(await screen.findByTestId('summary-total-value')).toHaveTextContent('$254.85');
    // The mock answers only the variables the URL gives: week, provider aws, tag team:support.
    expect(screen.getByRole('radio', { name: 'Week' })).toBeChecked();
    expect(screen.getByText(/Per ISO week/)).toBeInTheDocument();

    await userEvent.click(screen.getByRole('radio', { name: 'Month' }));
    await waitFor(() => expect(screen.getByTestId('location').textContent).toContain('interval=month'));
    const params = new URLSearchParams(screen.getByTestId('location').textContent!);
    expect(params.getAll('provider')).toEqual(['aws']);
    expect(params.getAll('tag')).toEqual(['team:support']);
    expect(viewFromParams(params).interval).toBe(CostInterval.Month);
    expect(await screen.findByText(/Per calendar month/)).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe('?interval=month'));
  });

  it('shows an empty state in each chart when nothing was spent', async () => {
    renderPage(page, { viewer: viewerFor(Role.Developer), mocks: [dashboard('', empty), agents, budgets] });
    expect(await screen.findByTestId('summary-total-value')).toHaveTextContent('$0.00');
    expect(screen.getAllByText('No costs in this view').length).toBe(2);
    expect(screen.getByText('No agent spend in this view')).toBeInTheDocument();
    expect(screen.getByText('New spend')).toBeInTheDocument();
    // Developers read costs but do not export them.
    expect(screen.queryByRole('button', { name: 'Export CSV' })).not.toBeInTheDocument();
  });

  it('shows the failure of one chart in its place and the others as they are', async () => {
    const data = { ...dashboardData(), topAgents: null };
    renderPage(page, {
      viewer: viewerFor(Role.Analyst),
      mocks: [
        { ...dashboard('', data), result: { data, errors: [{ message: 'The database is tired', path: ['topAgents'], extensions: { code: 'INTERNAL' } }] } },
        agents,
        budgets,
      ],
    });
    expect(await screen.findByTestId('summary-total-value')).toHaveTextContent('$254.85');
    const top = screen.getByTestId('top-agents');
    expect(within(top).getByRole('alert')).toHaveTextContent('The database is tired');
    expect(within(screen.getByTestId('by-category')).queryByRole('alert')).not.toBeInTheDocument();
  });

  it('tells a viewer that the role cannot see amounts, without asking the API for them', async () => {
    renderPage(page, { viewer: viewerFor(Role.Viewer), mocks: [] });
    expect(screen.getByText('Your role cannot see amounts')).toBeInTheDocument();
    expect(screen.queryByText(/\$/)).not.toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /budgets/ })).not.toBeInTheDocument();
  });

  it('shows the same state, not errors, when the API refuses every amount', async () => {
    const nulls = { byProvider: null, byCategory: null, topAgents: null, summary: null, forecast: null };
    const forbidden = (path: string) => ({ message: 'You are not allowed to do this', path: [path], extensions: { code: 'FORBIDDEN' } });
    renderPage(page, {
      viewer: viewerFor(Role.Analyst),
      mocks: [{ ...dashboard('', nulls), result: { data: nulls, errors: Object.keys(nulls).map(forbidden) } }, agents, budgets],
    });
    expect(await screen.findByText('Your role cannot see amounts')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
