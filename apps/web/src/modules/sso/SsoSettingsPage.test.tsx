import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderPage } from '../../test/render';
import SsoSettingsPage from './SsoSettingsPage';
import { SsoConnectionQuery, SsoConnectionSave } from './sso.operations';

const saved = {
  __typename: 'SsoConnection',
  id: 'U3NvQ29ubmVjdGlvbjox',
  issuer: 'https://login.acme.test',
  clientId: 'steward',
  clientSecretSet: true,
  allowedDomains: ['acme.test'],
  defaultRole: 'ANALYST',
  ssoOnly: false,
  enabled: true,
  updatedAt: '2026-12-01T10:00:00.000Z',
};

const loaded = { request: { query: SsoConnectionQuery }, result: { data: { ssoConnection: saved } }, maxUsageCount: 5 };

describe('SsoSettingsPage', () => {
  it('shows the stored connection, never the secret, and the redirect URI to register', async () => {
    renderPage(<SsoSettingsPage />, { mocks: [loaded] });
    expect(await screen.findByDisplayValue('https://login.acme.test')).toBeInTheDocument();
    expect(screen.getByText(/A secret is stored \(encrypted; it is never shown\)/)).toBeInTheDocument();
    expect(screen.getByLabelText(/^Client secret/, { selector: 'input' })).toHaveValue('');
    expect(screen.getByTestId('secret-command')).toHaveTextContent(`${window.location.origin}/sso/callback`);
  });

  it('checks the form before sending anything', async () => {
    renderPage(<SsoSettingsPage />, { mocks: [{ request: { query: SsoConnectionQuery }, result: { data: { ssoConnection: null } }, maxUsageCount: 5 }] });
    await userEvent.click(await screen.findByRole('button', { name: 'Save single sign-on' }));
    expect(await screen.findByText(/Enter the provider's issuer URL/)).toBeInTheDocument();
    expect(screen.getByText('Enter the client id the provider gave Steward')).toBeInTheDocument();
    expect(screen.getByText(/Name at least one email domain/)).toBeInTheDocument();
  });

  it('keeps the stored secret when the field stays empty, and shows what the API refuses at its field', async () => {
    const save = jest.fn(() => ({
      data: {
        ssoConnectionSave: {
          __typename: 'SsoConnectionPayload',
          ssoConnection: null,
          userErrors: [
            {
              __typename: 'UserError',
              field: ['input', 'ssoOnly'],
              message: 'Sign in with SSO yourself once before refusing passwords, so that a broken setup cannot lock everyone out',
              code: 'BAD_USER_INPUT',
            },
          ],
        },
      },
    }));
    renderPage(<SsoSettingsPage />, {
      mocks: [
        loaded,
        {
          request: {
            query: SsoConnectionSave,
            variables: {
              input: {
                issuer: 'https://login.acme.test',
                clientId: 'steward',
                allowedDomains: ['acme.test'],
                defaultRole: 'ANALYST',
                enabled: true,
                ssoOnly: true,
              },
            },
          },
          result: save,
        },
      ],
    });
    await screen.findByDisplayValue('https://login.acme.test');
    await userEvent.click(screen.getByRole('switch', { name: /^SSO only/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Save single sign-on' }));
    expect(await screen.findByText(/Sign in with SSO yourself once before refusing passwords/)).toBeInTheDocument();
    expect(save).toHaveBeenCalledTimes(1);
  });
});
