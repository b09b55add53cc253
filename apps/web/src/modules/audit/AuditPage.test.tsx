import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AuditOutcome } from '../../gql/graphql';
import { auditEntry } from '../../test/data';
import { renderPage } from '../../test/render';
import { AuditEntriesTable } from './AuditEntriesTable';
import { emptyFilters, rangeProblem } from './AuditFilters';
import { toFilter } from './AuditPage';
import { AuditChainVerificationQuery, ChainVerificationCard } from './ChainVerificationCard';

describe('audit log', () => {
  it('shows before and after side by side, marking what changed', async () => {
    renderPage(<AuditEntriesTable entries={[auditEntry()]} />);
    expect(screen.getByText('membership.roleChange')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Show details of membership.roleChange #7' }));
    const detail = await screen.findByTestId('audit-detail');
    const diff = within(detail).getByRole('table', { name: 'Values before and after', hidden: true });
    const row = within(diff).getByText('role').closest('tr')!;
    expect(row).toHaveAttribute('data-changed', 'true');
    expect(within(row).getByText('developer')).toBeInTheDocument();
    expect(within(row).getByText('admin')).toBeInTheDocument();
    expect(screen.getByText('#7')).toBeInTheDocument();
  });

  it('labels entries by API keys and failed outcomes', () => {
    renderPage(
      <AuditEntriesTable
        entries={[
          auditEntry({
            actorType: 'API_KEY',
            actorUser: null,
            actorApiKey: { __typename: 'ApiKey', id: 'k', name: 'CI pipeline' },
            outcome: AuditOutcome.Denied,
            errorCode: 'FORBIDDEN',
          }),
        ]}
      />,
    );
    expect(screen.getByText('CI pipeline')).toBeInTheDocument();
    expect(screen.getByText('api key')).toBeInTheDocument();
    expect(screen.getByTestId('audit-outcome')).toHaveTextContent(/^denied$/);
    expect(screen.getByTestId('audit-error-code')).toHaveTextContent('FORBIDDEN');
  });

  it('turns the filter form into the API filter', () => {
    expect(toFilter({ ...emptyFilters, actor: 'user:VXNlcjox', action: ' apiKey.* ', outcome: AuditOutcome.Failure, from: '2026-01-02 03:04:00' })).toEqual({
      actorUserId: 'VXNlcjox',
      actorApiKeyId: null,
      action: 'apiKey.*',
      entityType: null,
      outcome: 'FAILURE',
      from: new Date(2026, 0, 2, 3, 4).toISOString(),
      to: null,
    });
    expect(toFilter({ ...emptyFilters, actor: 'key:QXBpS2V5Ojk=' })).toMatchObject({ actorUserId: null, actorApiKeyId: 'QXBpS2V5Ojk=' });
  });

  it('refuses a time range that ends before it starts', () => {
    expect(rangeProblem({ ...emptyFilters, from: '2026-01-02 00:00:00', to: '2026-01-01 00:00:00' })).toMatch(/after/);
    expect(rangeProblem({ ...emptyFilters, from: '2026-01-01 00:00:00', to: '2026-01-02 00:00:00' })).toBeNull();
  });

  it('shows progress while the chain is verified, then the result', async () => {
    renderPage(<ChainVerificationCard />, {
      mocks: [
        {
          request: { query: AuditChainVerificationQuery },
          result: {
            data: {
              auditChainVerification: {
                __typename: 'AuditChainVerification',
                valid: true,
                checkedCount: 42,
                problem: null,
                verifiedAt: new Date().toISOString(),
                firstBrokenEntry: null,
              },
            },
          },
          delay: 50,
        },
      ],
    });
    expect(screen.getByText('Verifying the audit chain…')).toBeInTheDocument();
    expect(await screen.findByText('Audit chain intact')).toBeInTheDocument();
    expect(screen.getByText(/All 42 entries/)).toBeInTheDocument();
  });

  it('names the first broken entry of a broken chain', async () => {
    renderPage(<ChainVerificationCard />, {
      mocks: [
        {
          request: { query: AuditChainVerificationQuery },
          result: {
            data: {
              auditChainVerification: {
                __typename: 'AuditChainVerification',
                valid: false,
                checkedCount: 12,
                problem: 'Entry 5 does not match its hash',
                verifiedAt: new Date().toISOString(),
                firstBrokenEntry: { __typename: 'AuditEntry', id: 'QXVkaXRFbnRyeTo1', seq: '5', action: 'apiKey.create' },
              },
            },
          },
        },
      ],
    });
    expect(await screen.findByText('Audit chain broken')).toBeInTheDocument();
    expect(screen.getByText('Entry 5 does not match its hash')).toBeInTheDocument();
    expect(screen.getByText(/First broken entry: #5/)).toBeInTheDocument();
  });
});
