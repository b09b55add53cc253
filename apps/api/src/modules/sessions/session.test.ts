import { Caller, Harness, startHarness } from '../../../test/harness';

const SIGN_IN = `mutation($input: SessionCreateInput!) {
  sessionCreate(input: $input) { accessToken accessTokenExpiresAt refreshToken userErrors { field message code } } }`;
const REFRESH = `mutation($input: SessionRefreshInput!) { sessionRefresh(input: $input) { accessToken refreshToken } }`;
const WHO = `{ viewer { signedIn role user { email } tenant { slug } } }`;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

async function signInWithRefresh(email: string, password = 'steward-demo-2026') {
  return h.anonymous.gql(SIGN_IN, { input: { email, password, refreshTokenInBody: true } });
}

describe('signing in', () => {
  it('returns an access token for the oldest membership and sets an httpOnly refresh cookie', async () => {
    const response = await signInWithRefresh('admin@acme.test');
    const session = response.data.sessionCreate;
    expect(session.userErrors).toEqual([]);
    expect(session.accessToken).toMatch(/^ey/);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/steward_refresh=rt_/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const who = await new Caller(h.url, { token: session.accessToken }).ok(WHO);
    expect(who.viewer).toEqual({ signedIn: true, role: 'ADMIN', user: { email: 'admin@acme.test' }, tenant: { slug: 'acme' } });
  });

  it('signs in to a chosen tenant, and refuses a tenant the user does not belong to', async () => {
    const consultant = await h.signIn('consultant@steward.test', 'globex');
    expect((await consultant.ok(WHO)).viewer.role).toBe('ANALYST');
    const refused = await h.anonymous.gql(SIGN_IN, { input: { email: 'consultant@steward.test', password: 'steward-demo-2026', tenantSlug: 'initech' } });
    expect(refused.data.sessionCreate.accessToken).toBeNull();
    expect(refused.data.sessionCreate.userErrors[0]).toMatchObject({ field: ['input', 'tenantSlug'], code: 'BAD_USER_INPUT' });
  });

  it('answers a wrong password and an unknown email alike, and audits both failures', async () => {
    const wrong = await signInWithRefresh('analyst@acme.test', 'not-the-password');
    const unknown = await signInWithRefresh('nobody@acme.test', 'not-the-password');
    for (const response of [wrong, unknown]) {
      expect(response.data.sessionCreate.accessToken).toBeNull();
      expect(response.data.sessionCreate.userErrors[0].message).toBe('The email or password is incorrect');
    }
    const audited = await h.sql(`SELECT actor_label, outcome FROM audit_entries WHERE action = 'session.create' AND outcome = 'failure' ORDER BY seq`);
    expect(audited.map((a) => a.actor_label)).toEqual(expect.arrayContaining(['analyst@acme.test', 'nobody@acme.test']));
  });

  it('locks an account for a while after five failures in a row, even for the right password', async () => {
    for (let i = 0; i < 5; i += 1) await signInWithRefresh('compliance@acme.test', `wrong-${i}`);
    const locked = await signInWithRefresh('compliance@acme.test');
    expect(locked.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    expect(locked.errors?.[0].extensions?.retryAfterSeconds).toBeGreaterThan(0);
    const [row] = await h.sql(`SELECT locked_until > now() AS locked FROM users WHERE email = 'compliance@acme.test'`);
    expect(row.locked).toBe(true);
  });
});

describe('refresh tokens', () => {
  it('rotate: each refresh token works once and yields a new pair', async () => {
    const first = (await signInWithRefresh('dev@acme.test')).data.sessionCreate;
    const second = (await h.anonymous.ok(REFRESH, { input: { refreshToken: first.refreshToken, refreshTokenInBody: true } })).sessionRefresh;
    expect(second.refreshToken).not.toEqual(first.refreshToken);
    expect((await new Caller(h.url, { token: second.accessToken }).ok(WHO)).viewer.user.email).toBe('dev@acme.test');
    const third = (await h.anonymous.ok(REFRESH, { input: { refreshToken: second.refreshToken, refreshTokenInBody: true } })).sessionRefresh;
    expect(third.accessToken).toBeTruthy();
  });

  it('revoke the whole session family when a rotated token is replayed', async () => {
    const first = (await signInWithRefresh('dev@acme.test')).data.sessionCreate;
    const second = (await h.anonymous.ok(REFRESH, { input: { refreshToken: first.refreshToken, refreshTokenInBody: true } })).sessionRefresh;
    const replay = await h.anonymous.gql(REFRESH, { input: { refreshToken: first.refreshToken } });
    expect(replay.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const legitimate = await h.anonymous.gql(REFRESH, { input: { refreshToken: second.refreshToken } });
    expect(legitimate.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const stillValidLooking = await new Caller(h.url, { token: second.accessToken }).gql(WHO);
    expect(stillValidLooking.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const [reuse] = await h.sql(`SELECT outcome FROM audit_entries WHERE action = 'session.refreshReuse'`);
    expect(reuse.outcome).toBe('denied');
  });

  it('work from the cookie alone, as the web app uses them', async () => {
    const signIn = await h.anonymous.gql(SIGN_IN, { input: { email: 'viewer@acme.test', password: 'steward-demo-2026' } });
    expect(signIn.data.sessionCreate.refreshToken).toBeNull();
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
    const refreshed = await new Caller(h.url, { cookie }).gql(REFRESH, { input: {} });
    expect(refreshed.data.sessionRefresh.accessToken).toMatch(/^ey/);
    expect(refreshed.headers.get('set-cookie')).toMatch(/steward_refresh=rt_/);
  });
});

describe('signing out', () => {
  it('ends the session: the refresh token and the access tokens issued in it stop working', async () => {
    const session = (await signInWithRefresh('auditor@acme.test')).data.sessionCreate;
    const caller = new Caller(h.url, { token: session.accessToken });
    expect((await caller.ok(WHO)).viewer.signedIn).toBe(true);
    const out = await caller.ok(`mutation { sessionRevoke(input: {}) { ok } }`);
    expect(out.sessionRevoke.ok).toBe(true);
    expect((await caller.gql(WHO)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const refreshed = await h.anonymous.gql(REFRESH, { input: { refreshToken: session.refreshToken } });
    expect(refreshed.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('switching tenants', () => {
  it('issues a token for another tenant of the user, and refuses one they do not belong to', async () => {
    const consultant = await h.signIn('consultant@steward.test', 'acme');
    const tenants = await consultant.ok(`{ viewer { memberships { role tenant { id slug } } } }`);
    const globex = tenants.viewer.memberships.find((m: any) => m.tenant.slug === 'globex');
    const switched = await consultant.ok(`mutation($input: SessionTenantSwitchInput!) { sessionTenantSwitch(input: $input) { accessToken } }`, {
      input: { tenantId: globex.tenant.id },
    });
    const inGlobex = new Caller(h.url, { token: switched.sessionTenantSwitch.accessToken });
    expect((await inGlobex.ok(WHO)).viewer).toMatchObject({ role: 'ANALYST', tenant: { slug: 'globex' } });

    const admin = await h.signIn('admin@initech.test');
    const initech = (await admin.ok(`{ viewer { tenant { id } } }`)).viewer.tenant.id;
    const refused = await consultant.gql(`mutation($input: SessionTenantSwitchInput!) { sessionTenantSwitch(input: $input) { accessToken } }`, {
      input: { tenantId: initech },
    });
    expect(refused.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});
