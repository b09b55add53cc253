import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderPage } from '../../test/render';
import { confirmsErasure, EraseModal } from './EraseModal';
import { PersonalDataErase } from './personal-data.operations';

const person = { userId: 'VXNlcjoy', fullName: 'Dev Dhillon', email: 'dev@acme.test' };

describe('EraseModal', () => {
  it('compares the typed address as the API does', () => {
    expect(confirmsErasure(' DEV@acme.test ', 'dev@acme.test')).toBe(true);
    expect(confirmsErasure('dev@acme', 'dev@acme.test')).toBe(false);
  });

  it('states what happens, erases only once the email is typed, then shows what was done', async () => {
    renderPage(<EraseModal person={person} tenantName="Acme Corporation" onClose={() => {}} />, {
      mocks: [
        {
          request: { query: PersonalDataErase, variables: { input: { userId: person.userId, confirmEmail: 'dev@acme.test' } } },
          result: { data: { personalDataErase: { __typename: 'PersonalDataErasePayload', erasedUserId: person.userId, hrRecordCount: 2, userErrors: [] } } },
        },
      ],
    });
    expect(await screen.findByText(/cannot be undone/)).toBeInTheDocument();
    expect(screen.getByText(/replaced by a pseudonym in every table and in the audit log/)).toBeInTheDocument();
    const erase = screen.getByRole('button', { name: 'Erase personal data' });
    expect(erase).toBeDisabled();
    await userEvent.type(screen.getByRole('textbox', { name: 'Type dev@acme.test to confirm' }), 'dev@acme.tes');
    expect(erase).toBeDisabled();
    await userEvent.type(screen.getByRole('textbox', { name: 'Type dev@acme.test to confirm' }), 't');
    expect(erase).toBeEnabled();
    await userEvent.click(erase);
    await waitFor(() => expect(screen.getByTestId('erase-result')).toHaveTextContent('2 HR records about them were erased'));
  });
});
