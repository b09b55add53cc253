import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderPage } from '../../test/render';
import { SSO_PENDING, SsoSignIn } from './SsoSignIn';
import { SsoSignInStart } from './sso.operations';

interface StartVariables {
  input: { tenantSlug: string; redirectUri: string; browserKey: string };
}

describe('SsoSignIn', () => {
  afterEach(() => sessionStorage.clear());

  it("asks for the organisation, then shows the API's refusal at that field without leaving the page", async () => {
    const sent: StartVariables[] = [];
    renderPage(<SsoSignIn next="/" />, {
      viewer: null,
      mocks: [
        {
          request: {
            query: SsoSignInStart,
            variables: (variables: StartVariables) => {
              sent.push(variables);
              return true;
            },
          },
          result: {
            data: {
              ssoSignInStart: {
                __typename: 'SsoSignInStartPayload',
                authorizationUrl: null,
                userErrors: [
                  { __typename: 'UserError', field: ['input', 'tenantSlug'], message: 'This organisation does not sign in with SSO', code: 'BAD_USER_INPUT' },
                ],
              },
            },
          },
        },
      ],
    });
    await userEvent.click(screen.getByRole('button', { name: 'Single sign-on (SSO)' }));
    // The form opens with a short transition.
    await userEvent.click(await screen.findByRole('button', { name: 'Continue with SSO' }));
    expect(await screen.findByText(/Enter your organisation's Steward name/)).toBeInTheDocument();
    await userEvent.type(screen.getByRole('textbox', { name: /^Organisation/ }), ' Globex ');
    await userEvent.click(screen.getByRole('button', { name: 'Continue with SSO' }));
    expect(await screen.findByText('This organisation does not sign in with SSO')).toBeInTheDocument();
    expect(sent.at(-1)!.input).toEqual({
      tenantSlug: 'globex',
      redirectUri: `${window.location.origin}/sso/callback`,
      browserKey: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // Nothing is kept for a sign-in that never left.
    expect(sessionStorage.getItem(SSO_PENDING)).toBeNull();
  });
});
