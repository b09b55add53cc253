import { Harness, startHarness, TEST_KEY_ENV } from '../../test/harness';
import { loadConfig } from '../config';
import { DEMO_PASSWORD } from '../db/seed/demo-world';
import { loadPersistedDocuments } from './persisted-documents';

const documents = loadPersistedDocuments();

/** The manifest hash of the web app's operation with this name. */
function hashOf(operationName: string): string {
  const pattern = new RegExp(`(^| )(query|mutation|subscription) ${operationName}[ ({]`);
  const entry = [...documents].find(([, text]) => pattern.test(text));
  if (!entry) throw new Error(`no persisted operation named ${operationName}`);
  return entry[0];
}

async function post(h: Harness, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${h.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

function byHash(operationName: string, variables?: Record<string, unknown>, hash = hashOf(operationName).replace(/^sha256:/, '')) {
  return { operationName, variables, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } };
}

async function signInByHash(h: Harness): Promise<string> {
  const { body } = await post(h, byHash('SessionCreate', { input: { email: 'admin@acme.test', password: DEMO_PASSWORD, tenantSlug: 'acme' } }));
  expect(body.data.sessionCreate.userErrors).toEqual([]);
  return body.data.sessionCreate.accessToken as string;
}

describe('STEWARD_PERSISTED_ONLY', () => {
  it('is on by default in production, off elsewhere, and either way when set', () => {
    const production = { ...TEST_KEY_ENV, NODE_ENV: 'production' };
    expect(loadConfig(production).persistedOnly).toBe(true);
    expect(loadConfig({ ...production, STEWARD_PERSISTED_ONLY: '0' }).persistedOnly).toBe(false);
    expect(loadConfig({ ...TEST_KEY_ENV, NODE_ENV: 'development' }).persistedOnly).toBe(false);
    expect(loadConfig({ ...TEST_KEY_ENV, NODE_ENV: 'development', STEWARD_PERSISTED_ONLY: '1' }).persistedOnly).toBe(true);
  });
});

describe('persisted documents (default: query text allowed)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ persistedOnly: false });
  });
  afterAll(() => h.close());

  it('runs a manifest operation by its hash and returns data', async () => {
    const token = await signInByHash(h);
    const { status, body } = await post(h, byHash('AccountProfile'), { authorization: `Bearer ${token}` });
    expect(status).toBe(200);
    expect(body.data.viewer.user.email).toBe('admin@acme.test');
  });

  it('accepts the hash with its sha256: prefix too', async () => {
    const token = await signInByHash(h);
    const { body } = await post(h, byHash('AccountProfile', undefined, hashOf('AccountProfile')), { authorization: `Bearer ${token}` });
    expect(body.data.viewer.user.email).toBe('admin@acme.test');
  });

  it('refuses an unknown hash with PERSISTED_QUERY_NOT_FOUND naming it', async () => {
    const unknown = 'f'.repeat(64);
    const { status, body } = await post(h, byHash('AccountProfile', undefined, unknown));
    expect(status).toBe(400);
    expect(body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(body.errors[0].message).toContain(unknown);
  });

  it('still runs query text from a browser session', async () => {
    const admin = await h.signIn('admin@acme.test');
    const data = await admin.ok('{ viewer { user { email } } }');
    expect(data.viewer.user.email).toBe('admin@acme.test');
  });

  it('does not let a caller register text under a hash of its own choosing (APQ is off)', async () => {
    const hash = 'a'.repeat(64);
    const admin = await h.signIn('admin@acme.test');
    const register = await post(
      h,
      { query: '{ viewer { user { email } } }', extensions: { persistedQuery: { version: 1, sha256Hash: hash } } },
      {
        authorization: `Bearer ${admin.credentials.token}`,
      },
    );
    expect(register.body.data).toBeUndefined();
    const { body } = await post(h, byHash('AccountProfile', undefined, hash), { authorization: `Bearer ${admin.credentials.token}` });
    expect(body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});

describe('persisted documents only (STEWARD_PERSISTED_ONLY)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ persistedOnly: true });
  });
  afterAll(() => h.close());

  it('lets an anonymous visitor sign in by hash, and refuses sign-in by text', async () => {
    const token = await signInByHash(h);
    expect(token).toEqual(expect.any(String));
    const { status, body } = await post(h, { query: 'mutation($input: SessionCreateInput!) { sessionCreate(input: $input) { accessToken } }' });
    expect(status).toBe(400);
    expect(body.errors[0].extensions.code).toBe('PERSISTED_QUERY_REQUIRED');
  });

  it('refuses query text from a browser session and runs the same operation by hash', async () => {
    const token = await signInByHash(h);
    const text = documents.get(hashOf('AccountProfile'))!;
    const refused = await post(h, { query: text, operationName: 'AccountProfile' }, { authorization: `Bearer ${token}` });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_REQUIRED');
    expect(refused.body.errors[0].message).toMatch(/API key/);
    expect(refused.body.data).toBeUndefined();

    const batch = await post(h, [{ query: text }], { authorization: `Bearer ${token}` });
    expect(batch.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_REQUIRED');

    const viaGet = await fetch(`${h.url}/graphql?query=${encodeURIComponent('{ viewer { role } }')}`, {
      headers: { authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' },
    });
    expect(viaGet.status).toBe(400);
    expect(((await viaGet.json()) as any).errors[0].extensions.code).toBe('PERSISTED_QUERY_REQUIRED');

    const { status, body } = await post(h, byHash('AccountProfile'), { authorization: `Bearer ${token}` });
    expect(status).toBe(200);
    expect(body.data.viewer.user.email).toBe('admin@acme.test');
  });

  it('runs query text sent with an API key', async () => {
    const token = await signInByHash(h);
    const { body } = await post(h, byHash('ApiKeyCreate', { input: { name: 'Partner app', role: 'VIEWER' } }), { authorization: `Bearer ${token}` });
    expect(body.data.apiKeyCreate.userErrors).toEqual([]);
    const partner = h.apiKey(body.data.apiKeyCreate.secret);
    const data = await partner.ok('{ viewer { role tenant { slug } } }');
    expect(data.viewer).toEqual({ role: 'VIEWER', tenant: { slug: 'acme' } });
    // The key may also travel as the bearer token, as the API reads credentials.
    const asBearer = await post(h, { query: '{ viewer { role } }' }, { authorization: `Bearer ${body.data.apiKeyCreate.secret}` });
    expect(asBearer.status).toBe(200);
    expect(asBearer.body.data.viewer.role).toBe('VIEWER');
  });
});
