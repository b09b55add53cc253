import { screen, within } from '@testing-library/react';
import { Role } from '../../gql/graphql';
import { renderPage, viewerFor } from '../../test/render';
import ExportsPage, { exportProblems, ExportsQuery } from './ExportsPage';

const framework = { __typename: 'ComplianceFramework', id: 'Q29tcGxpYW5jZUZyYW1ld29yazox', name: 'SOC 2', version: 'TSC 2017' };

function exportNode(status: 'RUNNING' | 'READY', progress: number) {
  return {
    __typename: 'ComplianceExport',
    id: 'Q29tcGxpYW5jZUV4cG9ydDox',
    status,
    progress,
    periodStart: '2026-01-01',
    periodEnd: '2026-11-30',
    size: status === 'READY' ? 48_213 : null,
    frameworkName: 'SOC 2',
    sha256: status === 'READY' ? 'ab'.repeat(32) : null,
    downloadPath: status === 'READY' ? '/compliance/files/export/Q29tcGxpYW5jZUV4cG9ydDox' : null,
    error: null,
    createdAt: new Date().toISOString(),
    finishedAt: status === 'READY' ? new Date().toISOString() : null,
    framework,
    requestedBy: { __typename: 'User', id: 'VXNlcjo2', fullName: 'Audrey Auditor' },
  };
}

const answer = (status: 'RUNNING' | 'READY', progress: number) => ({
  request: { query: ExportsQuery },
  result: {
    data: {
      complianceExports: { __typename: 'ComplianceExportConnection', nodes: [exportNode(status, progress)] },
      complianceFrameworks: { __typename: 'ComplianceFrameworkConnection', nodes: [framework] },
    },
  },
});

describe('auditor exports', () => {
  it('checks the period before anything is sent', () => {
    const today = '2026-12-03';
    expect(exportProblems({ frameworkId: null, periodStart: '2026-01-01', periodEnd: '2026-12-01' }, today).frameworkId).toMatch(/framework/);
    expect(exportProblems({ frameworkId: 'x', periodStart: '2026-06-01', periodEnd: '2026-01-01' }, today).periodEnd).toMatch(/on or after/);
    expect(exportProblems({ frameworkId: 'x', periodStart: '2026-01-01', periodEnd: '2026-12-31' }, today).periodEnd).toMatch(/future/);
    expect(exportProblems({ frameworkId: 'x', periodStart: '2026-01-01', periodEnd: '2026-12-03' }, today)).toEqual({});
  });

  it('shows a package being built with its progress, polls, and offers the download once it is ready', async () => {
    renderPage(<ExportsPage />, { viewer: viewerFor(Role.Auditor), mocks: [answer('RUNNING', 40), answer('READY', 100)] });
    const row = await screen.findByTestId('export-row');
    expect(row).toHaveAttribute('data-status', 'RUNNING');
    expect(within(row).getByRole('progressbar', { name: 'Building the SOC 2 package: 40%' })).toBeInTheDocument();
    expect(within(row).queryByRole('button', { name: /Download/ })).not.toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Download the SOC 2 package' }, { timeout: 4000 })).toBeInTheDocument();
    expect(screen.getByTestId('export-row')).toHaveAttribute('data-status', 'READY');
    expect(screen.queryByTestId('export-progress')).not.toBeInTheDocument();
  });
});
