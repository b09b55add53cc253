import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Role } from '../../gql/graphql';
import { renderPage, viewerFor } from '../../test/render';
import { HrRecordCreate } from './hr-record.operations';
import { HrRecordForm } from './HrRecordForm';
import { SCHEMAS } from './hr-records.fixtures';

const hrManager = viewerFor(Role.HrManager);

describe('HrRecordForm', () => {
  it("asks for the data of the chosen kind, built from that kind's schema", async () => {
    renderPage(<HrRecordForm schemas={SCHEMAS} record={null} onSaved={() => {}} onCancel={() => {}} />, { viewer: hrManager });
    expect(screen.getByRole('textbox', { name: /Position/ })).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: /Rating/ })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('combobox', { name: /Kind/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'Performance review' }));
    expect(await screen.findByRole('textbox', { name: /Rating/ })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /Period/ })).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: /Position/ })).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Performance review data' })).toBeInTheDocument();
  });

  it("shows each of the API's problems beside the field it names", async () => {
    const onSaved = jest.fn();
    renderPage(<HrRecordForm schemas={SCHEMAS} record={null} onSaved={onSaved} onCancel={() => {}} />, {
      viewer: hrManager,
      mocks: [
        {
          request: {
            query: HrRecordCreate,
            variables: {
              input: { kind: 'CANDIDATE', status: 'PENDING', subjectName: 'Morgan Reyes', subjectEmail: 'morgan', data: { salaryExpectation: -5 } },
            },
          },
          result: {
            data: {
              hrRecordCreate: {
                __typename: 'HrRecordPayload',
                record: null,
                userErrors: [
                  {
                    __typename: 'UserError',
                    field: ['input', 'subjectEmail'],
                    message: 'subjectEmail must be an email address such as name@example.com',
                    code: 'BAD_USER_INPUT',
                  },
                  { __typename: 'UserError', field: ['input', 'data'], message: 'data needs "position" (schema of CANDIDATE records)', code: 'BAD_USER_INPUT' },
                  {
                    __typename: 'UserError',
                    field: ['input', 'data'],
                    message: 'data.salaryExpectation must be >= 0 (schema of CANDIDATE records)',
                    code: 'BAD_USER_INPUT',
                  },
                ],
              },
            },
          },
        },
      ],
    });
    await userEvent.type(screen.getByRole('textbox', { name: /Full name/ }), 'Morgan Reyes');
    await userEvent.type(screen.getByRole('textbox', { name: /Email address/ }), 'morgan');
    await userEvent.type(screen.getByRole('textbox', { name: /Salary expectation/ }), '-5');
    await userEvent.click(screen.getByRole('button', { name: 'Create HR record' }));
    await waitFor(() => expect(screen.getByRole('textbox', { name: /Position/ })).toHaveAccessibleDescription(/data needs "position"/));
    expect(screen.getByRole('textbox', { name: /Salary expectation/ })).toHaveAccessibleDescription(/must be >= 0/);
    expect(screen.getByRole('textbox', { name: /Email address/ })).toHaveAccessibleDescription(/must be an email address/);
    expect(screen.getByRole('textbox', { name: /Position/ })).toHaveAttribute('aria-invalid', 'true');
    expect(onSaved).not.toHaveBeenCalled();
  });
});
