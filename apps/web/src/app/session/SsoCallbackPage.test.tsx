import { screen } from '@testing-library/react';
import { renderPage } from '../../test/render';
import { SsoCallbackPage } from './SsoCallbackPage';
import { SSO_PENDING } from './SsoSignIn';
import { SsoSignInComplete } from './sso.operations';

describe('SsoCallbackPage', () => {
  afterEach(() => sessionStorage.clear());

  it('says so when this tab started no sign-in, and sends nothing', async () => {
    renderPage(<SsoCallbackPage />, { viewer: null, route: '/sso/callback?code=abc&state=xyz' });
    expect(await screen.findByText(/This sign-in was not started in this browser tab/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to sign-in' })).toHaveAttribute('href', '/sign-in');
  });

  it('completes with the browser key this tab kept, forgets it, and shows what the API refused', async () => {
    sessionStorage.setItem(SSO_PENDING, JSON.stringify({ browserKey: 'k'.repeat(64), next: '/agents' }));
    const sent: { input: { browserKey: string; callbackUrl: string } }[] = [];
    renderPage(<SsoCallbackPage />, {
      viewer: null,
      mocks: [
        {
          request: {
            query: SsoSignInComplete,
            variables: (variables: { input: { browserKey: string; callbackUrl: string } }) => {
              sent.push(variables);
              return true;
            },
          },
          result: {
            data: {
              ssoSignInComplete: {
                __typename: 'SessionPayload',
                accessTokenExpiresAt: null,
                userErrors: [
                  {
                    __typename: 'UserError',
                    field: ['input', 'callbackUrl'],
                    message: 'Email addresses of evil.test may not sign in to this organisation',
                    code: 'BAD_USER_INPUT',
                  },
                ],
              },
            },
          },
        },
      ],
    });
    expect(await screen.findByText('Email addresses of evil.test may not sign in to this organisation')).toBeInTheDocument();
    expect(sent).toEqual([{ input: { browserKey: 'k'.repeat(64), callbackUrl: window.location.href } }]);
    expect(sessionStorage.getItem(SSO_PENDING)).toBeNull();
  });
});
