import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderPage } from '../../test/render';
import { InvitationLinkStatus } from '../../gql/graphql';
import { InvitationPreviewQuery, PasswordResetRequest } from './account.operations';
import { InvitationAcceptPage } from './InvitationAcceptPage';
import { PasswordResetPage } from './PasswordResetPage';

const TOKEN = 'inv_' + 'x'.repeat(43);

function preview(status: InvitationLinkStatus, extra: Record<string, unknown> = {}) {
  return {
    request: { query: InvitationPreviewQuery, variables: { token: TOKEN } },
    result: {
      data: {
        invitationPreview: {
          __typename: 'InvitationPreview',
          status,
          email: 'new.hire@example.com',
          tenantName: 'Acme Corporation',
          tenantSlug: 'acme',
          expiresAt: '2026-12-10T12:00:00.000Z',
          accountExists: false,
          ssoOnly: false,
          ...extra,
        },
      },
    },
  };
}

describe('InvitationAcceptPage', () => {
  beforeEach(() => window.history.replaceState(null, '', `/invitation#token=${TOKEN}`));
  afterEach(() => window.history.replaceState(null, '', '/'));

  it('says why an expired link no longer works, with its date', async () => {
    renderPage(<InvitationAcceptPage />, { viewer: null, route: '/invitation', mocks: [preview(InvitationLinkStatus.Expired)] });
    expect(await screen.findByText(/This invitation expired before it was accepted/)).toHaveTextContent('It expired on 10 December 2026.');
    expect(screen.queryByRole('button', { name: /Accept|Create/ })).not.toBeInTheDocument();
  });

  it('asks a new person for a name and a password of at least 12 characters', async () => {
    renderPage(<InvitationAcceptPage />, { viewer: null, route: '/invitation', mocks: [preview(InvitationLinkStatus.Pending)] });
    expect(await screen.findByRole('heading', { name: 'Join Acme Corporation' })).toBeInTheDocument();
    expect(screen.getByText('new.hire@example.com')).toBeInTheDocument();
    await userEvent.type(screen.getByRole('textbox', { name: /Your name/ }), 'New Hire');
    await userEvent.type(screen.getAllByLabelText(/^Password/, { selector: 'input' })[0], 'short');
    await userEvent.click(screen.getByRole('button', { name: 'Create account and join' }));
    expect(await screen.findByText('Use 12 to 200 characters')).toBeInTheDocument();
  });

  it('offers SSO instead of a password for an SSO-only tenant', async () => {
    renderPage(<InvitationAcceptPage />, { viewer: null, route: '/invitation', mocks: [preview(InvitationLinkStatus.Pending, { ssoOnly: true })] });
    expect(await screen.findByRole('button', { name: 'Accept and continue with SSO' })).toBeInTheDocument();
    expect(screen.queryByLabelText(/^Password/, { selector: 'input' })).not.toBeInTheDocument();
  });
});

describe('PasswordResetPage without a token', () => {
  it('asks for the address and then says to check the email, whatever the address', async () => {
    renderPage(<PasswordResetPage />, {
      viewer: null,
      route: '/reset-password',
      mocks: [
        {
          request: { query: PasswordResetRequest, variables: { input: { email: 'someone@acme.test' } } },
          result: { data: { passwordResetRequest: { __typename: 'PasswordResetRequestPayload', requested: true, userErrors: [] } } },
        },
      ],
    });
    await userEvent.type(screen.getByRole('textbox', { name: /Email/ }), 'someone@acme.test');
    await userEvent.click(screen.getByRole('button', { name: 'Email me a reset link' }));
    expect(await screen.findByText(/If someone@acme.test has a Steward account, a link to choose a new password is on its way/)).toBeInTheDocument();
  });
});
