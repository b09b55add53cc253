import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { Caller, Harness, startHarness } from '../../../test/harness';
import { DEMO_PASSWORD } from '../../db/seed/demo-world';
import { toGlobalId } from '../../graphql/global-id';

// Single sign-on end to end against a real OpenID Connect provider (node-oidc-provider) listening in
// this test process: Steward discovers it, sends the browser there with PKCE, and exchanges the code.

const REDIRECT = 'http://localhost:5173/sso/callback';
const CLIENT_ID = 'steward-acme';
const CLIENT_SECRET = 'acme-idp-client-secret-0123456789';

/** People at the identity provider, by login. */
const people: Record<string, { email: string; email_verified: boolean; name: string }> = {
  nina: { email: 'nina@acme.test', email_verified: true, name: 'Nina New' },
  dev: { email: 'Dev@Acme.test', email_verified: true, name: 'Dev at the IdP' },
  admin: { email: 'admin@acme.test', email_verified: true, name: 'Ada Admin' },
  consultant: { email: 'consultant@steward.test', email_verified: true, name: 'Consultant' },
  eve: { email: 'eve@evil.test', email_verified: true, name: 'Eve' },
  unverified: { email: 'unverified@acme.test', email_verified: false, name: 'Una Verified' },
};

const SAVE = `mutation($input: SsoConnectionSaveInput!) { ssoConnectionSave(input: $input) {
  ssoConnection { id issuer clientId clientSecretSet allowedDomains defaultRole ssoOnly enabled } userErrors { field message code } } }`;
const START = `mutation($input: SsoSignInStartInput!) { ssoSignInStart(input: $input) { authorizationUrl userErrors { field message code } } }`;
const COMPLETE = `mutation($input: SsoSignInCompleteInput!) { ssoSignInComplete(input: $input) { accessToken userErrors { field message code } } }`;
const PASSWORD = `mutation($input: SessionCreateInput!) { sessionCreate(input: $input) { accessToken userErrors { field message code } } }`;
const VIEWER = `{ viewer { role user { email fullName } tenant { slug } } }`;

let h: Harness;
let idp: Server;
let issuer: string;
let admin: Caller;

beforeAll(async () => {
  h = await startHarness();
  // The issuer names its port, so find a free one first.
  const probe = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => probe.once('listening', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [{ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uris: [REDIRECT], grant_types: ['authorization_code'], response_types: ['code'] }],
    findAccount: async (_ctx: unknown, id: string) => (people[id] ? { accountId: id, claims: async () => ({ sub: id, ...people[id] }) } : undefined),
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // The email claims go into the ID token itself, which is what Steward reads.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
  });
  idp = provider.listen(port);
  await new Promise((resolve) => idp.once('listening', resolve));
  admin = await h.signIn('admin@acme.test');
});

afterAll(async () => {
  await new Promise((resolve) => idp.close(resolve));
  await h.close();
});

/** A browser at the provider: follows redirects, keeps cookies, signs in as `login` on the login form and consents. */
async function authorize(authorizationUrl: string, login: string): Promise<string> {
  const cookies = new Map<string, string>();
  let url = authorizationUrl;
  let body: URLSearchParams | undefined;
  for (let step = 0; step < 12; step++) {
    const response = await fetch(url, {
      method: body ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body,
    });
    for (const set of response.headers.getSetCookie()) {
      const [pair] = set.split(';');
      const at = pair.indexOf('=');
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    body = undefined;
    const location = response.headers.get('location');
    if (location) {
      const next = new URL(location, url).href;
      if (next.startsWith(REDIRECT)) return next;
      url = next;
      continue;
    }
    const page = await response.text();
    if (response.status !== 200) throw new Error(`the provider answered ${response.status}: ${page.slice(0, 300)}`);
    body = new URLSearchParams(page.includes('name="login"') ? { prompt: 'login', login, password: 'any' } : { prompt: 'consent' });
  }
  throw new Error('the provider never sent the browser back');
}

/** Starts at Steward, signs in at the provider, and completes at Steward with the same browser key. */
async function ssoSignIn(login: string, options: { tenantSlug?: string; tamper?: (callback: string) => string; otherBrowser?: boolean } = {}) {
  const browserKey = randomBytes(24).toString('hex');
  const started = (await h.anonymous.ok(START, { input: { tenantSlug: options.tenantSlug ?? 'acme', redirectUri: REDIRECT, browserKey } })).ssoSignInStart;
  expect(started.userErrors).toEqual([]);
  const callback = await authorize(started.authorizationUrl, login);
  const finished = await h.anonymous.gql(COMPLETE, {
    input: {
      callbackUrl: options.tamper ? options.tamper(callback) : callback,
      browserKey: options.otherBrowser ? randomBytes(24).toString('hex') : browserKey,
    },
  });
  expect(finished.errors).toBeUndefined();
  return {
    authorizationUrl: started.authorizationUrl as string,
    payload: finished.data.ssoSignInComplete as { accessToken: string | null; userErrors: { field: string[]; message: string }[] },
  };
}

const refusal = (payload: { userErrors: { message: string }[] }) => payload.userErrors.map((e) => e.message);

describe('setting up single sign-on', () => {
  it('keeps the client secret write-only and sealed, checks every field at once, and is for admins of plans that include SSO', async () => {
    const bad = (await admin.ok(SAVE, { input: { issuer: 'not a url', allowedDomains: ['acme', '@ok.test'], defaultRole: 'ADMIN' } })).ssoConnectionSave;
    expect(bad.userErrors.map((e: { field: string[] }) => e.field.at(-1)).sort()).toEqual(['allowedDomains', 'clientId', 'defaultRole', 'issuer']);

    const saved = (
      await admin.ok(SAVE, {
        input: { issuer, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, allowedDomains: ['ACME.test', 'steward.test'], defaultRole: 'ANALYST' },
      })
    ).ssoConnectionSave;
    expect(saved.userErrors).toEqual([]);
    expect(saved.ssoConnection).toMatchObject({
      issuer,
      clientId: CLIENT_ID,
      clientSecretSet: true,
      allowedDomains: ['acme.test', 'steward.test'],
      defaultRole: 'ANALYST',
      ssoOnly: false,
      enabled: true,
    });
    const [row] = await h.sql(`SELECT client_secret_sealed FROM sso_connections WHERE client_id = $1`, [CLIENT_ID]);
    expect(row.client_secret_sealed).toMatch(/^v2:test-enc:/);
    expect(row.client_secret_sealed).not.toContain(CLIENT_SECRET);
    const audit = await h.sql(`SELECT after::text AS after FROM audit_entries WHERE action = 'ssoConnection.create'`);
    expect(audit).toHaveLength(1);
    expect(audit[0].after).not.toContain(CLIENT_SECRET);
    // The schema has no field that could return it.
    const leak = await admin.gql(`{ ssoConnection { clientSecret } }`);
    expect(leak.errors?.[0].message).toMatch(/Cannot query field "clientSecret"/);

    // Leaving the secret out keeps it.
    expect((await admin.ok(SAVE, { input: { defaultRole: 'ANALYST' } })).ssoConnectionSave.ssoConnection.clientSecretSet).toBe(true);

    const dev = await h.signIn('dev@acme.test');
    expect((await dev.gql(`{ ssoConnection { issuer } }`)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await dev.gql(SAVE, { input: { enabled: false } })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // Another tenant sees its own (none), never Acme's; its plan lacks SSO.
    const globex = await h.signIn('admin@globex.test');
    expect((await globex.ok(`{ ssoConnection { issuer } }`)).ssoConnection).toBeNull();
    const refused = (await globex.ok(SAVE, { input: { issuer, clientId: 'x', allowedDomains: ['globex.test'] } })).ssoConnectionSave;
    expect(refused.userErrors).toEqual([
      { field: null, message: expect.stringMatching(/Single sign-on: not included in the Professional plan/), code: 'PLAN_LIMIT' },
    ]);
  });
});

describe('signing in through the provider', () => {
  it('sends the browser to the provider with PKCE (S256), a nonce and a sealed state', async () => {
    const browserKey = randomBytes(24).toString('hex');
    const started = (await h.anonymous.ok(START, { input: { tenantSlug: 'acme', redirectUri: REDIRECT, browserKey } })).ssoSignInStart;
    const url = new URL(started.authorizationUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${issuer}/auth`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: CLIENT_ID,
      redirect_uri: REDIRECT,
      response_type: 'code',
      scope: 'openid email profile',
      code_challenge_method: 'S256',
      code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      nonce: expect.any(String),
      state: expect.stringMatching(/^v2:/),
    });
    const unknown = (await h.anonymous.ok(START, { input: { tenantSlug: 'globex', redirectUri: REDIRECT, browserKey } })).ssoSignInStart;
    expect(unknown.userErrors).toEqual([{ field: ['input', 'tenantSlug'], message: 'This organisation does not sign in with SSO', code: 'BAD_USER_INPUT' }]);
    const elsewhere = (await h.anonymous.ok(START, { input: { tenantSlug: 'acme', redirectUri: 'https://evil.test/steal', browserKey } })).ssoSignInStart;
    expect(elsewhere.userErrors[0].field).toEqual(['input', 'redirectUri']);
  });

  it('makes someone new a member just in time, with the default role and a verified email, and signs them in', async () => {
    const { payload } = await ssoSignIn('nina');
    expect(payload.userErrors).toEqual([]);
    const nina = new Caller(h.url, { token: payload.accessToken! });
    expect((await nina.ok(VIEWER)).viewer).toEqual({ role: 'ANALYST', user: { email: 'nina@acme.test', fullName: 'Nina New' }, tenant: { slug: 'acme' } });
    expect(await h.sql(`SELECT password_hash, email_verified FROM users WHERE email = 'nina@acme.test'`)).toEqual([
      { password_hash: null, email_verified: true },
    ]);
    const audit = await h.sql(
      `SELECT action, after->>'method' AS method FROM audit_entries WHERE entity_name = 'nina@acme.test' AND action IN ('membership.sso_join', 'session.create') ORDER BY seq`,
    );
    expect(audit).toEqual([
      { action: 'membership.sso_join', method: null },
      { action: 'session.create', method: 'sso' },
    ]);
    // The second time, the same account and membership: nobody joins twice.
    const again = await ssoSignIn('nina');
    expect(again.payload.userErrors).toEqual([]);
    expect(await h.sql(`SELECT count(*)::int AS n FROM users WHERE lower(email) = 'nina@acme.test'`)).toEqual([{ n: 1 }]);
    expect(await h.sql(`SELECT count(*)::int AS n FROM audit_entries WHERE action = 'membership.sso_join' AND entity_name = 'nina@acme.test'`)).toEqual([
      { n: 1 },
    ]);
  });

  it('links an existing member by their verified email and keeps their role', async () => {
    const { payload } = await ssoSignIn('dev');
    expect(payload.userErrors).toEqual([]);
    const viewer = (await new Caller(h.url, { token: payload.accessToken! }).ok(VIEWER)).viewer;
    expect(viewer).toEqual({ role: 'DEVELOPER', user: { email: 'dev@acme.test', fullName: expect.not.stringContaining('IdP') }, tenant: { slug: 'acme' } });
    expect(await h.sql(`SELECT subject FROM sso_identities i JOIN users u ON u.id = i.user_id WHERE u.email = 'dev@acme.test'`)).toEqual([{ subject: 'dev' }]);
  });

  it('refuses email domains the tenant does not allow, unverified emails, another browser and a tampered state, creating nobody', async () => {
    expect(refusal((await ssoSignIn('eve')).payload)).toEqual(['Email addresses of evil.test may not sign in to this organisation']);
    expect(refusal((await ssoSignIn('unverified')).payload)).toEqual(['The identity provider has not verified this email address']);
    expect(refusal((await ssoSignIn('nina', { otherBrowser: true })).payload)).toEqual(['This sign-in was started in another browser; start it again here']);
    const tampered = (callback: string) => {
      const url = new URL(callback);
      const state = url.searchParams.get('state')!;
      url.searchParams.set('state', `${state.slice(0, -4)}AAAA`);
      return url.href;
    };
    expect(refusal((await ssoSignIn('nina', { tamper: tampered })).payload)).toEqual(['This sign-in was not started here; start it again']);
    expect(await h.sql(`SELECT email FROM users WHERE email IN ('eve@evil.test', 'unverified@acme.test')`)).toEqual([]);
    expect((await ssoSignIn('eve')).payload.accessToken).toBeNull();
  });
});

describe('SSO only', () => {
  it('can be switched on only by an admin who has signed in through the provider, then refuses passwords for that tenant alone', async () => {
    const early = (await admin.ok(SAVE, { input: { ssoOnly: true } })).ssoConnectionSave;
    expect(early.userErrors).toEqual([
      { field: ['input', 'ssoOnly'], message: expect.stringMatching(/^Sign in with SSO yourself once/), code: 'BAD_USER_INPUT' },
    ]);

    const viaSso = await ssoSignIn('admin');
    expect(viaSso.payload.userErrors).toEqual([]);
    const ssoAdmin = new Caller(h.url, { token: viaSso.payload.accessToken! });
    const analyst = await h.signIn('analyst@acme.test');
    expect((await analyst.ok(`{ viewer { role } }`)).viewer.role).toBe('ANALYST');
    const on = (await ssoAdmin.ok(SAVE, { input: { ssoOnly: true } })).ssoConnectionSave;
    expect(on.userErrors).toEqual([]);
    expect(on.ssoConnection.ssoOnly).toBe(true);
    // Password sessions in the tenant end at once; the admin's SSO session goes on.
    expect((await analyst.gql(`{ viewer { role } }`)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await ssoAdmin.ok(`{ viewer { role } }`)).viewer.role).toBe('ADMIN');

    const password = (email: string, tenantSlug?: string) => h.anonymous.ok(PASSWORD, { input: { email, password: DEMO_PASSWORD, tenantSlug } });
    for (const email of ['dev@acme.test', 'admin@acme.test']) {
      const refused = (await password(email)).sessionCreate;
      expect(refused).toEqual({
        accessToken: null,
        userErrors: [
          {
            field: ['input', 'password'],
            message: 'Your organisation signs in with SSO only: use "Single sign-on (SSO)" on the sign-in page',
            code: 'BAD_USER_INPUT',
          },
        ],
      });
    }
    // A refused password is not a wrong password: no lockout counts up.
    expect(await h.sql(`SELECT failed_login_count FROM users WHERE email = 'dev@acme.test'`)).toEqual([{ failed_login_count: 0 }]);
    // The consultant belongs to Acme and Globex: passwords still work for Globex, but the session cannot switch into Acme.
    const consultant = (await password('consultant@steward.test', 'globex')).sessionCreate;
    expect(consultant.userErrors).toEqual([]);
    const [acme] = await h.sql(`SELECT id FROM tenants WHERE slug = 'acme'`);
    const switched = await new Caller(h.url, { token: consultant.accessToken }).ok(
      `mutation($input: SessionTenantSwitchInput!) { sessionTenantSwitch(input: $input) { accessToken userErrors { message } } }`,
      { input: { tenantId: toGlobalId('Tenant', acme.id) } },
    );
    expect(switched.sessionTenantSwitch).toEqual({
      accessToken: null,
      userErrors: [{ message: 'Your organisation signs in with SSO only: use "Single sign-on (SSO)" on the sign-in page' }],
    });
    // Through the provider, Acme's members still sign in.
    expect((await ssoSignIn('dev')).payload.userErrors).toEqual([]);
    expect((await ssoSignIn('consultant')).payload.userErrors).toEqual([]);
    // Switching the provider off while passwords are refused would lock everyone out.
    const off = (await ssoAdmin.ok(SAVE, { input: { enabled: false } })).ssoConnectionSave;
    expect(off.userErrors.map((e: { field: string[] }) => e.field)).toEqual([['input', 'enabled']]);
  });
});
