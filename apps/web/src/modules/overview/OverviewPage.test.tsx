import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { AuditOutcome, Role } from '../../gql/graphql';
import { renderPage, viewerFor } from '../../test/render';
import { OverviewQuery } from './overview.operations';
import OverviewPage from './OverviewPage';

// jsdom has no layout: give recharts' responsive container a size so the SVG renders.
jest.mock('recharts', () => {
  const actual = jest.requireActual('recharts');
  return {
    ...actual,
    ResponsiveContainer: ({ children }: { children: ReactNode }) => (
      <actual.ResponsiveContainer width={600} height={200} initialDimension={{ width: 600, height: 200 }}>
        {children}
      </actual.ResponsiveContainer>
    ),
  };
});

const all = { withViolations: true, withAlerts: true, withSpend: true, withAudit: true };
const count = <K extends string>(field: K, value: string, n: number) => ({
  __typename: field === 'status' ? 'AgentStatusCount' : 'PolicySeverityCount',
  [field]: value,
  count: n,
});

function overviewData({ violations = true, alerts = true, spend = true, audit = true } = {}) {
  return {
    overview: {
      __typename: 'TenantOverview',
      agentsByStatus: [count('status', 'DRAFT', 2), count('status', 'DEPLOYED', 7), count('status', 'SUSPENDED', 1), count('status', 'ARCHIVED', 0)],
      agentsByCompliance: [
        { __typename: 'ComplianceStatusCount', status: 'COMPLIANT', count: 6 },
        { __typename: 'ComplianceStatusCount', status: 'NON_COMPLIANT', count: 3 },
        { __typename: 'ComplianceStatusCount', status: 'PENDING_REVIEW', count: 1 },
      ],
      ...(violations
        ? {
            openViolationsBySeverity: [
              count('severity', 'CRITICAL', 1),
              count('severity', 'HIGH', 2),
              count('severity', 'MEDIUM', 0),
              count('severity', 'LOW', 1),
            ],
          }
        : {}),
      ...(alerts
        ? {
            openAlertsBySeverity: [
              { __typename: 'AlertSeverityCount', severity: 'CRITICAL', count: 1 },
              { __typename: 'AlertSeverityCount', severity: 'WARNING', count: 1 },
              { __typename: 'AlertSeverityCount', severity: 'INFO', count: 0 },
            ],
          }
        : {}),
    },
    nonCompliant: {
      __typename: 'AgentConnection',
      totalCount: 3,
      nodes: [
        {
          __typename: 'Agent',
          id: 'QWdlbnQ6MQ==',
          name: 'Incident Triage',
          status: 'DEPLOYED',
          model: { __typename: 'AiModel', id: 'QWlNb2RlbDox', name: 'claude-opus', version: '4' },
        },
      ],
    },
    ...(violations
      ? {
          openViolations: {
            __typename: 'PolicyViolationConnection',
            nodes: [
              {
                __typename: 'PolicyViolation',
                id: 'UG9saWN5VmlvbGF0aW9uOjE=',
                ruleName: 'No opus in production',
                severity: 'CRITICAL',
                agentName: 'Incident Triage',
                detectedAt: new Date().toISOString(),
                policy: { __typename: 'Policy', id: 'UG9saWN5OjE=', name: 'Model cost guard' },
              },
            ],
          },
        }
      : {}),
    ...(spend
      ? {
          budgets: {
            __typename: 'BudgetConnection',
            totalCount: 1,
            nodes: [
              {
                __typename: 'Budget',
                id: 'QnVkZ2V0OjE=',
                name: 'Monthly cloud and AI spend',
                period: 'MONTHLY',
                currency: 'USD',
                amount: '10000',
                currentSpend: '8500',
                thresholds: [50, 80, 100],
              },
            ],
          },
        }
      : {}),
    ...(audit
      ? {
          auditEntries: {
            __typename: 'AuditEntryConnection',
            nodes: [
              {
                __typename: 'AuditEntry',
                id: 'QXVkaXRFbnRyeTox',
                action: 'agent.deploy',
                outcome: AuditOutcome.Success,
                actorLabel: 'dev@acme.test',
                entityType: 'Agent',
                entityName: 'Code Reviewer',
                createdAt: new Date().toISOString(),
              },
            ],
          },
        }
      : {}),
  };
}

describe('OverviewPage', () => {
  it('shows progress, then what is wrong: counts that link to their lists, charts, the latest problems, budgets and audit activity', async () => {
    renderPage(<OverviewPage />, { mocks: [{ request: { query: OverviewQuery, variables: all }, result: { data: overviewData() }, delay: 20 }] });
    expect(screen.getByLabelText('Loading agents by lifecycle state')).toBeInTheDocument();
    await screen.findByTestId('open-violations');
    const nonCompliant = screen.getByTestId('attention-non-compliant');
    expect(within(nonCompliant).getByTestId('attention-count')).toHaveTextContent('3');
    expect(nonCompliant).toHaveTextContent('of 10 in service');
    expect(nonCompliant).toHaveAttribute('href', '/agents');
    expect(within(screen.getByTestId('attention-violations')).getByTestId('attention-count')).toHaveTextContent('4');
    expect(screen.getByTestId('attention-violations')).toHaveAttribute('href', '/violations');
    expect(within(screen.getByTestId('attention-alerts')).getByTestId('attention-count')).toHaveTextContent('2');
    expect(within(screen.getByTestId('attention-critical')).getByTestId('attention-count')).toHaveTextContent('1');

    const severity = screen.getByTestId('violations-by-severity');
    expect(within(severity).getByTestId('count-high')).toHaveTextContent('High 2');
    expect(severity.querySelector('.recharts-bar-rectangle')).not.toBeNull();
    expect(within(screen.getByTestId('agents-by-state')).getByTestId('count-deployed')).toHaveTextContent('Deployed7');

    const violation = within(screen.getByTestId('open-violations')).getByRole('link', { name: 'No opus in production · Incident Triage' });
    expect(violation).toHaveAttribute('href', `/violations/${encodeURIComponent('UG9saWN5VmlvbGF0aW9uOjE=')}`);
    expect(within(screen.getByTestId('non-compliant-agents')).getByRole('link', { name: 'Incident Triage' })).toHaveAttribute(
      'href',
      `/agents/${encodeURIComponent('QWdlbnQ6MQ==')}`,
    );
    const budget = screen.getByTestId('budget-spend');
    expect(within(budget).getByRole('link', { name: 'Monthly cloud and AI spend' })).toHaveAttribute('href', `/budgets/${encodeURIComponent('QnVkZ2V0OjE=')}`);
    expect(within(budget).getByTestId('budget-percent')).toHaveTextContent('85%');
    expect(within(screen.getByTestId('recent-activity')).getByText('agent.deploy')).toBeInTheDocument();
  });

  it('asks a viewer only for what a viewer may read, and shows no violation, alert, budget or audit parts', async () => {
    const none = { withViolations: false, withAlerts: false, withSpend: false, withAudit: false };
    renderPage(<OverviewPage />, {
      viewer: viewerFor(Role.Viewer),
      mocks: [
        {
          request: { query: OverviewQuery, variables: none },
          result: { data: overviewData({ violations: false, alerts: false, spend: false, audit: false }) },
        },
      ],
    });
    expect(await screen.findByTestId('non-compliant-agents')).toBeInTheDocument();
    expect(screen.getByTestId('agents-by-state')).toBeInTheDocument();
    for (const part of [
      'attention-violations',
      'attention-alerts',
      'violations-by-severity',
      'alerts-by-severity',
      'open-violations',
      'budget-spend',
      'recent-activity',
    ]) {
      expect(screen.queryByTestId(part)).not.toBeInTheDocument();
    }
  });

  it('says when nothing is wrong', async () => {
    const calm = overviewData();
    calm.overview.agentsByCompliance = calm.overview.agentsByCompliance.map((c) => ({ ...c, count: c.status === 'COMPLIANT' ? 10 : 0 }));
    calm.overview.openViolationsBySeverity = calm.overview.openViolationsBySeverity!.map((c) => ({ ...c, count: 0 }));
    calm.nonCompliant = { ...calm.nonCompliant, totalCount: 0, nodes: [] };
    calm.openViolations = { ...calm.openViolations!, nodes: [] };
    renderPage(<OverviewPage />, { mocks: [{ request: { query: OverviewQuery, variables: all }, result: { data: calm } }] });
    expect(await screen.findByText('No open violations')).toBeInTheDocument();
    expect(screen.getByText('Every agent in service complies with the policies in force.')).toBeInTheDocument();
    expect(within(screen.getByTestId('attention-non-compliant')).getByTestId('attention-count')).toHaveTextContent('0');
  });

  it('shows what went wrong, and retries', async () => {
    renderPage(<OverviewPage />, {
      mocks: [
        { request: { query: OverviewQuery, variables: all }, error: new TypeError('Failed to fetch') },
        { request: { query: OverviewQuery, variables: all }, result: { data: overviewData() } },
      ],
    });
    const problems = await screen.findAllByText('Steward is unreachable');
    expect(problems.length).toBeGreaterThan(0);
    await userEvent.click(screen.getAllByRole('button', { name: 'Try again' })[0]!);
    expect(await screen.findByTestId('open-violations')).toBeInTheDocument();
  });

  it('sends a platform admin without a tenant to the Tenants page', () => {
    renderPage(<OverviewPage />, { viewer: viewerFor(null, { isPlatformAdmin: true, tenant: null }) });
    expect(screen.getByRole('link', { name: 'Tenants' })).toHaveAttribute('href', '/tenants');
  });
});
