import { fakeApi, tokens, unauthenticated } from '../../test/fake-api';
import { viewerFor } from '../../test/render';
import { Role } from '../../gql/graphql';
import { Session } from '../session/session';
import { ShellViewer as Probe } from '../shell/viewer';
import { createApolloClient } from './client';
import persistedDocuments from '../../gql/persisted-documents.json';

const viewer = { data: { viewer: viewerFor(Role.Admin) } };

async function signedIn(api: ReturnType<typeof fakeApi>) {
  const session = new Session('/graphql', api.fetch);
  await session.refresh();
  return session;
}

describe('the link chain', () => {
  it("sends the web app's operations by their persisted hash, without their text", async () => {
    const api = fakeApi(({ operationName }) => (operationName === 'SessionRefresh' ? { body: { data: { sessionRefresh: tokens('t1') } } } : { body: viewer }));
    const client = createApolloClient(await signedIn(api), api.fetch);
    await client.query({ query: Probe });
    const manifest = persistedDocuments as Record<string, string>;
    for (const request of api.sent) {
      expect(request.query).toBeNull();
      expect(manifest[`sha256:${request.persistedHash}`]).toMatch(new RegExp(`^(query|mutation) ${request.operationName}[ ({]`));
    }
    expect(api.sent.map((r) => r.operationName)).toEqual(['SessionRefresh', 'ShellViewer']);
  });

  it('sends the access token as a bearer token', async () => {
    const api = fakeApi(({ operationName }) => (operationName === 'SessionRefresh' ? { body: { data: { sessionRefresh: tokens('t1') } } } : { body: viewer }));
    const client = createApolloClient(await signedIn(api), api.fetch);
    await client.query({ query: Probe });
    expect(api.sent.at(-1)).toMatchObject({ operationName: 'ShellViewer', authorization: 'Bearer t1' });
  });

  it('on UNAUTHENTICATED refreshes silently once and retries with the new token', async () => {
    let refreshes = 0;
    const api = fakeApi(({ operationName, authorization }) => {
      if (operationName === 'SessionRefresh') return { body: { data: { sessionRefresh: tokens(`t${++refreshes}`) } } };
      return authorization === 'Bearer t1' ? unauthenticated() : { body: viewer };
    });
    const session = await signedIn(api);
    const client = createApolloClient(session, api.fetch);
    const result = await client.query({ query: Probe });
    expect(result.data?.viewer.signedIn).toBe(true);
    expect(api.sent.map((r) => `${r.operationName} ${r.authorization ?? '-'}`)).toEqual([
      'SessionRefresh -',
      'ShellViewer Bearer t1',
      'SessionRefresh -',
      'ShellViewer Bearer t2',
    ]);
    expect(session.snapshot.status).toBe('signedIn');
  });

  it('shares one refresh between requests that fail together', async () => {
    let refreshes = 0;
    const api = fakeApi(({ operationName, authorization }) => {
      if (operationName === 'SessionRefresh') return { body: { data: { sessionRefresh: tokens(`t${++refreshes}`) } } };
      return authorization === 'Bearer t1' ? unauthenticated() : { body: viewer };
    });
    const client = createApolloClient(await signedIn(api), api.fetch);
    await Promise.all([
      client.query({ query: Probe, fetchPolicy: 'network-only' }),
      client.query({ query: Probe, fetchPolicy: 'network-only', context: { x: 1 } }),
    ]);
    expect(refreshes).toBe(2);
  });

  it('signs out when the refresh fails, and lets the error through', async () => {
    const api = fakeApi(({ operationName }, index) => {
      if (operationName === 'SessionRefresh') {
        return index === 0
          ? { body: { data: { sessionRefresh: tokens('t1') } } }
          : { body: { data: null, errors: [{ message: 'The session has ended; sign in again', extensions: { code: 'UNAUTHENTICATED' } }] } };
      }
      return unauthenticated();
    });
    const session = await signedIn(api);
    const client = createApolloClient(session, api.fetch);
    await expect(client.query({ query: Probe })).rejects.toBeDefined();
    expect(session.snapshot.status).toBe('signedOut');
    expect(session.snapshot.endedBecause).toMatch(/sign in again/i);
    expect(api.sent.filter((r) => r.operationName === 'ShellViewer')).toHaveLength(1);
  });

  it('does not loop when the retried request is refused again', async () => {
    let refreshes = 0;
    const api = fakeApi(({ operationName }) =>
      operationName === 'SessionRefresh' ? { body: { data: { sessionRefresh: tokens(`t${++refreshes}`) } } } : unauthenticated(),
    );
    const session = await signedIn(api);
    const client = createApolloClient(session, api.fetch);
    await expect(client.query({ query: Probe })).rejects.toBeDefined();
    expect(api.sent.filter((r) => r.operationName === 'ShellViewer')).toHaveLength(2);
    expect(session.snapshot.status).toBe('signedOut');
  });
});
