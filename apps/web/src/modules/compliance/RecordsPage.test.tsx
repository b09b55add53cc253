import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Role } from '../../gql/graphql';
import { renderPage, viewerFor } from '../../test/render';
import RecordsPage, { ComplianceRecordsQuery, RecordApprove, recordProblems } from './RecordsPage';

jest.mock('@mantine/notifications', () => ({ ...jest.requireActual('@mantine/notifications'), notifications: { show: jest.fn() } }));

const creator = { __typename: 'User', id: 'VXNlcjo0', fullName: 'Cora Compliance' };

function record(withRestricted: boolean) {
  return {
    __typename: 'ComplianceRecord',
    id: 'Q29tcGxpYW5jZVJlY29yZDox',
    kind: 'KYC',
    customKind: null,
    subjectKind: 'ORGANISATION',
    subjectName: 'Northwind Traders',
    agent: null,
    status: 'PENDING',
    ...(withRestricted ? { riskScore: 72, data: { registry: 'DE-HRB-1234' } } : {}),
    createdBy: creator,
    reviewedBy: null,
    reviewedAt: null,
    reviewNote: null,
    createdAt: new Date().toISOString(),
  };
}

const list = (withRestricted: boolean) => ({
  request: { query: ComplianceRecordsQuery, variables: { first: 50, filter: { kinds: null, statuses: ['PENDING', 'FLAGGED'] }, withRestricted } },
  result: {
    data: {
      complianceRecords: {
        __typename: 'ComplianceRecordConnection',
        totalCount: 1,
        nodes: [record(withRestricted)],
        pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
      },
    },
  },
});

describe('compliance records', () => {
  it('checks a new record as the API does', () => {
    const base = { kind: 'KYC' as const, customKind: '', subjectKind: 'PERSON' as const, subjectName: 'Jane Roe', riskScore: 40, data: '' };
    expect(recordProblems(base)).toEqual({});
    expect(recordProblems({ ...base, kind: 'CUSTOM' }).customKind).toMatch(/Name the kind/);
    expect(recordProblems({ ...base, riskScore: 0 }).riskScore).toMatch(/1 to 100/);
    expect(recordProblems({ ...base, data: '[1]' }).data).toMatch(/JSON object/);
  });

  it('shows an auditor the records without risk scores or data, and nothing to review', async () => {
    renderPage(<RecordsPage />, { viewer: viewerFor(Role.Auditor), mocks: [list(false)] });
    const row = await screen.findByTestId('record-row');
    expect(within(row).getByText('Northwind Traders')).toBeInTheDocument();
    expect(screen.queryByRole('columnheader', { name: 'Risk' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Review/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New record' })).not.toBeInTheDocument();
  });

  it("refuses the creator's own review with a clear error (four eyes)", async () => {
    renderPage(<RecordsPage />, {
      viewer: viewerFor(Role.ComplianceOfficer, { user: { __typename: 'User', id: creator.id, fullName: creator.fullName, email: 'compliance@acme.test' } }),
      mocks: [
        list(true),
        {
          request: { query: RecordApprove, variables: { input: { recordId: 'Q29tcGxpYW5jZVJlY29yZDox', note: null } } },
          result: {
            data: {
              complianceRecordApprove: {
                __typename: 'ComplianceRecordPayload',
                record: null,
                userErrors: [
                  {
                    __typename: 'UserError',
                    field: ['input', 'recordId'],
                    message: 'Four eyes: a record is reviewed by someone other than its creator',
                    code: 'FOUR_EYES',
                  },
                ],
              },
            },
          },
        },
      ],
    });
    const row = await screen.findByTestId('record-row');
    expect(within(row).getByText('72')).toBeInTheDocument();
    await userEvent.click(within(row).getByRole('button', { name: 'Review the check on Northwind Traders' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByTestId('own-record')).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Record decision' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Four eyes: another reviewer must review it');
    expect(alert).toHaveTextContent('someone other than its creator');
  });
});
