import { Caller, Harness, startHarness } from '../../../test/harness';
import { stableUuid } from '../../db/seed/deterministic';
import { toGlobalId } from '../../graphql/global-id';
import { deviceOf } from './session.device';

const SIGN_IN = `mutation($input: SessionCreateInput!) { sessionCreate(input: $input) { accessToken refreshToken userErrors { field message code } } }`;
const REFRESH = `mutation($input: SessionRefreshInput!) { sessionRefresh(input: $input) { accessToken userErrors { message } } }`;
const SESSIONS = `{ sessions { id device userAgent ip method createdAt lastUsedAt current } }`;
const END = `mutation($input: SessionEndInput!) { sessionEnd(input: $input) { endedSessionId userErrors { field message code } } }`;
const END_OTHERS = `mutation { sessionEndOthers { endedCount userErrors { message } } }`;
const SIGN_OUT_MEMBER = `mutation($input: MembershipAccountInput!) { membershipSessionsEnd(input: $input) { endedCount userErrors { field message code } } }`;
const DEACTIVATE = `mutation($input: MembershipAccountInput!) { membershipAccountDeactivate(input: $input) { membership { user { isActive } } userErrors { field message code } } }`;
const REACTIVATE = `mutation($input: MembershipAccountInput!) { membershipAccountReactivate(input: $input) { membership { user { isActive } } userErrors { field message code } } }`;
const WHO = `{ viewer { signedIn user { email } } }`;

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
const SAFARI = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
const membership = (email: string, tenant = 'acme') => toGlobalId('Membership', stableUuid(`membership:${tenant}:${email}`));

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

/** Signs in from a browser with this user agent; answers the caller and its refresh token. */
async function signInFrom(email: string, userAgent: string, password = 'steward-demo-2026') {
  const response = await new Caller(h.url, { headers: { 'user-agent': userAgent } }).gql(SIGN_IN, { input: { email, password, refreshTokenInBody: true } });
  const session = response.data.sessionCreate;
  return { session, caller: session.accessToken ? new Caller(h.url, { token: session.accessToken, headers: { 'user-agent': userAgent } }) : null };
}

describe('my sessions', () => {
  it('names the device from the user agent', () => {
    expect(deviceOf(FIREFOX)).toBe('Firefox on Linux');
    expect(deviceOf(SAFARI)).toBe('Safari on iOS');
    expect(deviceOf('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36')).toBe(
      'Chrome on macOS',
    );
    expect(deviceOf('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0')).toBe(
      'Edge on Windows',
    );
    expect(deviceOf('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36')).toBe('Chrome on Linux');
    expect(deviceOf(null)).toBe('Unknown device');
  });

  it('lists each signed-in device once, with its IP, method and times, the current one marked; a refresh moves last used', async () => {
    const laptop = await signInFrom('analyst@acme.test', FIREFOX);
    const phone = await signInFrom('analyst@acme.test', SAFARI);
    const before = (await laptop.caller!.ok(SESSIONS)).sessions;
    expect(before.map((s: any) => [s.device, s.method, s.current])).toEqual([
      ['Safari on iOS', 'PASSWORD', false],
      ['Firefox on Linux', 'PASSWORD', true],
    ]);
    expect(before[0].ip).toMatch(/127\.0\.0\.1/);
    // Refreshing the laptop's tokens keeps one entry for it, signed in when it was, used later.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const refreshed = await new Caller(h.url, { headers: { 'user-agent': FIREFOX } }).ok(REFRESH, {
      input: { refreshToken: laptop.session.refreshToken },
    });
    const after = (await new Caller(h.url, { token: refreshed.sessionRefresh.accessToken }).ok(SESSIONS)).sessions;
    expect(after.map((s: any) => s.device)).toEqual(['Firefox on Linux', 'Safari on iOS']);
    const laptopAfter = after[0];
    expect(laptopAfter.createdAt).toBe(before[1].createdAt);
    expect(new Date(laptopAfter.lastUsedAt).getTime()).toBeGreaterThan(new Date(before[1].lastUsedAt).getTime());
    expect((await phone.caller!.ok(SESSIONS)).sessions.find((s: any) => s.current).device).toBe('Safari on iOS');
    // Nobody else's sessions are listed.
    const other = await signInFrom('auditor@acme.test', FIREFOX);
    expect((await other.caller!.ok(SESSIONS)).sessions).toHaveLength(1);
  });

  it('ends one session: its access token stops working at once and its refresh token is refused; not another user’s', async () => {
    const laptop = await signInFrom('dev@acme.test', FIREFOX);
    const phone = await signInFrom('dev@acme.test', SAFARI);
    const phoneId = (await laptop.caller!.ok(SESSIONS)).sessions.find((s: any) => !s.current).id;
    const stranger = await signInFrom('viewer@acme.test', FIREFOX);
    const refused = await stranger.caller!.gql(END, { input: { sessionId: phoneId } });
    expect(refused.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await phone.caller!.gql(WHO)).errors).toBeUndefined();

    expect((await laptop.caller!.ok(END, { input: { sessionId: phoneId } })).sessionEnd).toEqual({ endedSessionId: phoneId, userErrors: [] });
    expect((await phone.caller!.gql(WHO)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const refresh = await h.anonymous.gql(REFRESH, { input: { refreshToken: phone.session.refreshToken } });
    expect(refresh.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await laptop.caller!.ok(SESSIONS)).sessions).toHaveLength(1);
    const [audit] = await h.sql(`SELECT count(*)::int AS n FROM audit_entries WHERE action = 'session.end' AND outcome = 'success'`);
    expect(audit.n).toBe(1);
  });

  it('ends every other session, keeping the current one', async () => {
    const here = await signInFrom('compliance2@acme.test', FIREFOX);
    const others = [await signInFrom('compliance2@acme.test', SAFARI), await signInFrom('compliance2@acme.test', 'curl/8.5.0')];
    expect((await here.caller!.ok(END_OTHERS)).sessionEndOthers).toEqual({ endedCount: 2, userErrors: [] });
    for (const other of others) expect((await other.caller!.gql(WHO)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await here.caller!.ok(WHO)).viewer.user.email).toBe('compliance2@acme.test');
    expect((await here.caller!.ok(SESSIONS)).sessions.map((s: any) => s.current)).toEqual([true]);
  });

  it('are not an API key’s', async () => {
    const key = h.apiKey('stw_demo_9XaxE-F9utmOFyLjPDkF3ZLa_qY5');
    expect((await key.gql(SESSIONS)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe("an admin and a member's account", () => {
  it('signs a member out everywhere; only member managers may', async () => {
    const one = await signInFrom('auditor@acme.test', FIREFOX);
    const two = await signInFrom('auditor@acme.test', SAFARI);
    const dev = await h.signIn('dev@acme.test');
    expect((await dev.gql(SIGN_OUT_MEMBER, { input: { membershipId: membership('auditor@acme.test') } })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const admin = await h.signIn('admin@acme.test');
    const ended = await admin.ok(SIGN_OUT_MEMBER, { input: { membershipId: membership('auditor@acme.test') } });
    expect(ended.membershipSessionsEnd.endedCount).toBeGreaterThanOrEqual(2);
    for (const session of [one, two]) expect((await session.caller!.gql(WHO)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    // Another tenant's member is not found from Acme.
    const elsewhere = await admin.gql(SIGN_OUT_MEMBER, { input: { membershipId: membership('dev@globex.test', 'globex') } });
    expect(elsewhere.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('deactivates an account: sessions end at once, no sign-in, no refresh; reactivation lets them in again', async () => {
    const signedIn = await signInFrom('viewer@acme.test', FIREFOX);
    const admin = await h.signIn('admin@acme.test');
    const off = await admin.ok(DEACTIVATE, { input: { membershipId: membership('viewer@acme.test') } });
    expect(off.membershipAccountDeactivate).toEqual({ membership: { user: { isActive: false } }, userErrors: [] });
    expect((await signedIn.caller!.gql(WHO)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await h.anonymous.gql(REFRESH, { input: { refreshToken: signedIn.session.refreshToken } })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const again = await signInFrom('viewer@acme.test', FIREFOX);
    expect(again.session.accessToken).toBeNull();
    expect(again.session.userErrors[0].message).toBe('The email or password is incorrect');
    const [row] = await h.sql(`SELECT is_active, updated_by_id FROM users WHERE email = 'viewer@acme.test'`);
    expect(row).toEqual({ is_active: false, updated_by_id: stableUuid('user:admin@acme.test') });

    const on = await admin.ok(REACTIVATE, { input: { membershipId: membership('viewer@acme.test') } });
    expect(on.membershipAccountReactivate.membership.user.isActive).toBe(true);
    expect((await signInFrom('viewer@acme.test', FIREFOX)).session.accessToken).toMatch(/^ey/);
    const audited = await h.sql(`SELECT action FROM audit_entries WHERE action LIKE 'membership.account%' AND outcome = 'success' ORDER BY seq`);
    expect(audited.map((a) => a.action)).toEqual(['membership.accountDeactivate', 'membership.accountReactivate']);
  });

  it("refuses one's own account, an account that belongs to other tenants too, and callers without members.manage", async () => {
    const admin = await h.signIn('admin@acme.test');
    const self = await admin.ok(DEACTIVATE, { input: { membershipId: membership('admin@acme.test') } });
    expect(self.membershipAccountDeactivate.userErrors).toEqual([
      { field: ['input', 'membershipId'], message: 'You cannot deactivate your own account', code: 'BAD_USER_INPUT' },
    ]);
    const shared = await admin.ok(DEACTIVATE, { input: { membershipId: membership('consultant@steward.test') } });
    expect(shared.membershipAccountDeactivate.membership).toBeNull();
    expect(shared.membershipAccountDeactivate.userErrors[0]).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/also belongs to other tenants/),
    });
    const [consultant] = await h.sql(`SELECT is_active FROM users WHERE email = 'consultant@steward.test'`);
    expect(consultant.is_active).toBe(true);
    const analyst = await h.signIn('analyst@acme.test');
    expect((await analyst.gql(DEACTIVATE, { input: { membershipId: membership('viewer@acme.test') } })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
