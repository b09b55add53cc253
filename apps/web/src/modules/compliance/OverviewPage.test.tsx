import { screen, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { PermissionName, Role } from '../../gql/graphql';
import { renderPage, viewerFor } from '../../test/render';
import OverviewPage, { ComplianceOverviewQuery } from './OverviewPage';

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

const soc2 = (withDetails: boolean) => ({
  __typename: 'ComplianceFramework',
  id: 'Q29tcGxpYW5jZUZyYW1ld29yazox',
  name: 'SOC 2',
  version: '2017 TSC',
  enabled: true,
  score: 62.5,
  lastAssessedAt: new Date().toISOString(),
  scoreHistory: [
    { __typename: 'ComplianceScorePoint', day: '2026-12-01', score: 50 },
    { __typename: 'ComplianceScorePoint', day: '2026-12-02', score: 62.5 },
  ],
  ...(withDetails
    ? {
        metRequirementCount: 5,
        applicableRequirementCount: 8,
        expiresOn: '2027-01-15',
      }
    : {}),
});

const mock = (withDetails: boolean) => ({
  request: { query: ComplianceOverviewQuery, variables: { withDetails, withTrend: true } },
  result: {
    data: {
      complianceFrameworks: { __typename: 'ComplianceFrameworkConnection', totalCount: 1, nodes: [soc2(withDetails)] },
      ...(withDetails
        ? {
            complianceOverview: {
              __typename: 'ComplianceOverview',
              frameworkCount: 1,
              averageScore: 62.5,
              evidenceInReviewCount: 2,
              expiringCertifications: [
                {
                  __typename: 'ComplianceFramework',
                  id: 'Q29tcGxpYW5jZUZyYW1ld29yazox',
                  name: 'SOC 2',
                  version: '2017 TSC',
                  expiresOn: '2027-01-15',
                  auditor: 'Schellman',
                },
              ],
              expiringEvidence: [],
            },
          }
        : {}),
    },
  },
});

describe('the compliance overview', () => {
  it('shows a compliance officer the score, the trend, what expires, and a way to add a framework', async () => {
    renderPage(<OverviewPage />, { viewer: viewerFor(Role.ComplianceOfficer), mocks: [mock(true)] });
    const card = await screen.findByTestId('framework-card');
    expect(within(card).getByTestId('score-ring')).toHaveAttribute('data-score', '63');
    expect(within(card).getByRole('link', { name: 'SOC 2 2017 TSC' })).toHaveAttribute('href', '/compliance/frameworks/Q29tcGxpYW5jZUZyYW1ld29yazox');
    expect(within(card).getByTestId('framework-met')).toHaveTextContent('5 of 8 applicable requirements met');
    expect(screen.getByRole('link', { name: 'Add framework' })).toHaveAttribute('href', '/compliance/frameworks/new');
    expect(screen.getByText('Schellman')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '2' })).toHaveAttribute('href', '/evidence');
    expect(screen.getByTestId('score-trend-card').querySelector('[data-state="ready"]')).not.toBeNull();
  });

  it('follows a custom role by its permissions: compliance.manage and compliance.read open what a compliance officer sees', async () => {
    const reviewer = viewerFor(null, {
      isMember: true,
      customRoleName: 'GRC lead',
      permissions: [PermissionName.ComplianceManage, PermissionName.ComplianceRead],
    });
    renderPage(<OverviewPage />, { viewer: reviewer, mocks: [mock(true)] });
    const card = await screen.findByTestId('framework-card');
    expect(within(card).getByTestId('framework-met')).toHaveTextContent('5 of 8 applicable requirements met');
    expect(screen.getByRole('link', { name: 'Add framework' })).toHaveAttribute('href', '/compliance/frameworks/new');
    expect(screen.getByText('Schellman')).toBeInTheDocument();
  });

  it('shows a viewer the scores only: no requirement counts, no links, nothing to add', async () => {
    renderPage(<OverviewPage />, { viewer: viewerFor(Role.Viewer), mocks: [mock(false)] });
    const card = await screen.findByTestId('framework-card');
    expect(within(card).getByTestId('score-ring')).toHaveAttribute('data-score', '63');
    expect(within(card).queryByRole('link')).not.toBeInTheDocument();
    expect(within(card).queryByTestId('framework-met')).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Add framework' })).not.toBeInTheDocument();
    expect(screen.queryByText('Expiring certifications')).not.toBeInTheDocument();
  });
});
