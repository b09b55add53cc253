import { screen } from '@testing-library/react';
import { Role } from '../../gql/graphql';
import { renderPage, viewerFor } from '../../test/render';
import { HrRecordQuery } from './hr-record.operations';
import HrRecordDetailPage from './HrRecordDetailPage';
import { hrRecord, SCHEMAS } from './hr-records.fixtures';

function answer(visible: boolean) {
  const record = hrRecord(visible);
  return [{ request: { query: HrRecordQuery, variables: { id: record.id } }, result: { data: { node: record, hrRecordDataSchemas: SCHEMAS } } }];
}

const open = (role: Role, visible: boolean) =>
  renderPage(<HrRecordDetailPage />, {
    viewer: viewerFor(role),
    mocks: answer(visible),
    route: `/hr-records/${hrRecord(visible).id}`,
    path: '/hr-records/:id',
  });

describe('HrRecordDetailPage', () => {
  it('shows an HR manager the personal fields the API returned, labelled by the schema, and the AI insights read-only', async () => {
    open(Role.HrManager, true);
    expect(await screen.findByTestId('hr-subject-name')).toHaveTextContent('Morgan Reyes');
    expect(screen.getByTestId('hr-subject-email')).toHaveTextContent('morgan.reyes@example.org');
    expect(screen.getByTestId('hr-data-salaryExpectation')).toHaveTextContent('150000');
    expect(screen.getByText('Salary expectation')).toBeInTheDocument();
    expect(screen.queryByTestId('personal-hidden')).not.toBeInTheDocument();
    expect(screen.getByLabelText('AI insights', { selector: 'pre' })).toHaveTextContent('"fit": 0.82');
    expect(screen.getByRole('link', { name: 'Edit' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Activate' })).toBeInTheDocument();
  });

  it('shows an analyst the record with a note where the API withheld each personal field, and no controls', async () => {
    open(Role.Analyst, false);
    expect(await screen.findByRole('heading', { name: 'Candidate record', level: 1 })).toBeInTheDocument();
    expect(screen.getAllByTestId('personal-hidden')).toHaveLength(3);
    expect(screen.getAllByText('Hidden: for HR managers (and admins if allowed)')).toHaveLength(3);
    expect(screen.queryByText('Morgan Reyes')).not.toBeInTheDocument();
    expect(screen.getByLabelText('AI insights', { selector: 'pre' })).toHaveTextContent('"fit": 0.82');
    expect(screen.queryByRole('link', { name: 'Edit' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Activate' })).not.toBeInTheDocument();
  });

  it('follows the API, not the role: an admin the tenant lets read personal fields sees them', async () => {
    open(Role.Admin, true);
    expect(await screen.findByTestId('hr-subject-name')).toHaveTextContent('Morgan Reyes');
    expect(screen.queryByTestId('personal-hidden')).not.toBeInTheDocument();
  });
});
