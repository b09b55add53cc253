import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeApi, tokens } from '../../test/fake-api';
import { renderPage } from '../../test/render';
import { Session } from './session';
import { SignInPage } from './SignInPage';

function setup(reply: Parameters<typeof fakeApi>[0]) {
  const api = fakeApi(reply);
  const session = new Session('/graphql', api.fetch);
  renderPage(<SignInPage />, { session, viewer: null, route: '/sign-in' });
  return { api, session };
}

const passwordField = () => screen.getByLabelText(/^Password/, { selector: 'input' });

describe('SignInPage', () => {
  it('checks the form before sending anything', async () => {
    const { api } = setup(() => ({ body: {} }));
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Enter the email address you sign in with')).toBeInTheDocument();
    expect(screen.getByText('Enter your password')).toBeInTheDocument();
    expect(api.sent).toHaveLength(0);
  });

  it("shows the API's userError next to the password field", async () => {
    const { api } = setup(() => ({
      body: {
        data: {
          sessionCreate: {
            accessToken: null,
            accessTokenExpiresAt: null,
            userErrors: [{ field: ['input', 'password'], message: 'The email or password is incorrect', code: 'BAD_USER_INPUT' }],
          },
        },
      },
    }));
    await userEvent.type(screen.getByRole('textbox', { name: /Email/ }), 'ada@acme.test');
    await userEvent.type(passwordField(), 'wrong');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    const message = await screen.findByText('The email or password is incorrect');
    expect(passwordField().closest('.mantine-PasswordInput-root')).toContainElement(message);
    expect(api.sent[0]).toMatchObject({ operationName: 'SessionCreate', variables: { input: { email: 'ada@acme.test', password: 'wrong' } } });
  });

  it('shows a lockout above the button', async () => {
    setup(() => ({ body: { data: null, errors: [{ message: 'Too many failed sign-ins; try again in 15 minutes', extensions: { code: 'RATE_LIMITED' } }] } }));
    await userEvent.type(screen.getByRole('textbox', { name: /Email/ }), 'ada@acme.test');
    await userEvent.type(passwordField(), 'x');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(within(await screen.findByRole('alert')).getByText(/Too many failed sign-ins/)).toBeInTheDocument();
  });

  it('says why a session ended', async () => {
    const api = fakeApi(() => ({
      body: { data: { sessionRefresh: { accessToken: 't', accessTokenExpiresAt: new Date(Date.now() + 60_000).toISOString() } } },
    }));
    const session = new Session('/graphql', api.fetch);
    await session.refresh();
    session.expire();
    renderPage(<SignInPage />, { session, viewer: null, route: '/sign-in' });
    expect(screen.getByText('Your session has ended. Sign in again to continue.')).toBeInTheDocument();
  });

  it('asks for the second factor after the right password, and signs in only with an accepted code', async () => {
    const { api, session } = setup((request) => {
      if (request.operationName === 'SessionCreate') {
        return {
          body: { data: { sessionCreate: { accessToken: null, accessTokenExpiresAt: null, mfaStep: 'CODE', mfaChallengeToken: 'mfa_x', userErrors: [] } } },
        };
      }
      const code = (request.variables.input as { code: string }).code;
      return code === '123456'
        ? { body: { data: { sessionMfaVerify: { ...tokens('signed-in'), userErrors: [] } } } }
        : {
            body: {
              data: {
                sessionMfaVerify: {
                  ...tokens(null),
                  userErrors: [{ field: ['input', 'code'], message: 'This code was already used: wait for the next one', code: 'BAD_USER_INPUT' }],
                },
              },
            },
          };
    });
    await userEvent.type(screen.getByRole('textbox', { name: /Email/ }), 'ada@acme.test');
    await userEvent.type(passwordField(), 'right');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    const code = await screen.findByRole('textbox', { name: /Authentication code/ });
    expect(session.snapshot.status).not.toBe('signedIn');
    await userEvent.type(code, '654321');
    await userEvent.click(screen.getByRole('button', { name: 'Verify' }));
    expect(await screen.findByText('This code was already used: wait for the next one')).toBeInTheDocument();
    expect(session.token).toBeNull();
    await userEvent.clear(code);
    await userEvent.type(code, '123456');
    await userEvent.click(screen.getByRole('button', { name: 'Verify' }));
    await waitFor(() => expect(session.token).toBe('signed-in'));
    expect(api.sent.map((r) => r.operationName)).toEqual(['SessionCreate', 'SessionMfaVerify', 'SessionMfaVerify']);
    expect(api.sent[2].variables).toEqual({ input: { challengeToken: 'mfa_x', code: '123456' } });
    expect(session.token).toBe('signed-in');
  });
});
