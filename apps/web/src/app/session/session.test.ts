import { fakeApi, tokens } from '../../test/fake-api';
import { Session } from './session';

describe('Session', () => {
  afterEach(() => {
    localStorage.clear();
    sessionStorage.clear();
  });

  it('resumes from the refresh cookie and keeps the access token in memory only', async () => {
    const api = fakeApi(() => ({ body: { data: { sessionRefresh: tokens('access-1') } } }));
    const session = new Session('/graphql', api.fetch);
    expect(session.snapshot.status).toBe('resuming');
    await expect(session.refresh()).resolves.toBe(true);
    expect(session.snapshot.status).toBe('signedIn');
    expect(session.token).toBe('access-1');
    expect(localStorage.length + sessionStorage.length).toBe(0);
    expect(document.cookie).toBe('');
  });

  it('runs concurrent refreshes as one request, because a replayed refresh token ends the session', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const api = fakeApi(async () => {
      await gate;
      return { body: { data: { sessionRefresh: tokens('access-2') } } };
    });
    const session = new Session('/graphql', api.fetch);
    const all = Promise.all([session.refresh(), session.refresh(), session.recover(null)]);
    release();
    await all;
    expect(api.sent.filter((r) => r.operationName === 'SessionRefresh')).toHaveLength(1);
    expect(session.token).toBe('access-2');
  });

  it('does not refresh again for a request that was rejected with an already replaced token', async () => {
    const api = fakeApi(() => ({ body: { data: { sessionRefresh: tokens('access-new') } } }));
    const session = new Session('/graphql', api.fetch);
    await session.refresh();
    await expect(session.recover('access-old')).resolves.toBe(true);
    expect(api.sent).toHaveLength(1);
  });

  it('shows a page without a session as signed out, without a message', async () => {
    const api = fakeApi(() => ({ body: { errors: [{ message: 'No refresh token was given', extensions: { code: 'UNAUTHENTICATED' } }], data: null } }));
    const session = new Session('/graphql', api.fetch);
    await expect(session.refresh()).resolves.toBe(false);
    expect(session.snapshot).toEqual({ status: 'signedOut', endedBecause: null });
  });

  it('signs in, and returns the problems next to the field the API names', async () => {
    const api = fakeApi(({ variables }) => {
      const input = variables.input as { password: string };
      return input.password === 'right'
        ? { body: { data: { sessionCreate: { ...tokens('access-3'), userErrors: [] } } } }
        : {
            body: {
              data: {
                sessionCreate: {
                  ...tokens(null),
                  userErrors: [{ field: ['input', 'password'], message: 'The email or password is incorrect', code: 'BAD_USER_INPUT' }],
                },
              },
            },
          };
    });
    const session = new Session('/graphql', api.fetch);
    await expect(session.signIn('ada@acme.test', 'wrong')).resolves.toEqual({ fields: { password: 'The email or password is incorrect' }, general: [] });
    expect(session.snapshot.status).not.toBe('signedIn');
    await expect(session.signIn('ada@acme.test', 'right')).resolves.toBeNull();
    expect(session.snapshot.status).toBe('signedIn');
  });

  it('reports a lockout as a general problem', async () => {
    const api = fakeApi(() => ({
      body: { data: null, errors: [{ message: 'Too many failed sign-ins; try again in 15 minutes', extensions: { code: 'RATE_LIMITED' } }] },
    }));
    const session = new Session('/graphql', api.fetch);
    await expect(session.signIn('ada@acme.test', 'x')).resolves.toEqual({ fields: {}, general: ['Too many failed sign-ins; try again in 15 minutes'] });
  });

  it('ends with a reason when a signed-in session can no longer be refreshed', async () => {
    const api = fakeApi((_, index) =>
      index === 0
        ? { body: { data: { sessionRefresh: tokens('access-4') } } }
        : { body: { data: null, errors: [{ message: 'The session has ended; sign in again', extensions: { code: 'UNAUTHENTICATED' } }] } },
    );
    const session = new Session('/graphql', api.fetch);
    await session.refresh();
    await expect(session.refresh()).resolves.toBe(false);
    expect(session.snapshot.status).toBe('signedOut');
    expect(session.snapshot.endedBecause).toMatch(/sign in again/i);
    expect(session.token).toBeNull();
  });

  it('switches tenant with the current bearer token and takes the new one', async () => {
    const api = fakeApi(({ operationName }) =>
      operationName === 'SessionTenantSwitch'
        ? { body: { data: { sessionTenantSwitch: { ...tokens('access-globex'), userErrors: [] } } } }
        : { body: { data: { sessionRefresh: tokens('access-acme') } } },
    );
    const session = new Session('/graphql', api.fetch);
    await session.refresh();
    await expect(session.switchTenant('VGVuYW50OjI=')).resolves.toBeNull();
    expect(api.sent[1]).toMatchObject({
      operationName: 'SessionTenantSwitch',
      authorization: 'Bearer access-acme',
      variables: { input: { tenantId: 'VGVuYW50OjI=' } },
    });
    expect(session.token).toBe('access-globex');
  });

  it('signs out locally even when the API cannot be reached', async () => {
    const api = fakeApi((_, index) =>
      index === 0 ? { body: { data: { sessionRefresh: tokens('access-5') } } } : Promise.reject(new TypeError('Failed to fetch')),
    );
    const session = new Session('/graphql', api.fetch);
    await session.refresh();
    await session.signOut();
    expect(session.snapshot).toEqual({ status: 'signedOut', endedBecause: null });
    expect(session.token).toBeNull();
  });
});
