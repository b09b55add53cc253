import { Secret, TOTP } from 'otpauth';
import { Caller, Harness, startHarness } from '../../../test/harness';
import { DEMO_PASSWORD } from '../../db/seed/demo-world';

const SIGN_IN = `mutation($input: SessionCreateInput!) {
  sessionCreate(input: $input) { accessToken refreshToken mfaStep mfaChallengeToken mfaChallengeExpiresAt userErrors { field message code } } }`;
const VERIFY = `mutation($input: SessionMfaVerifyInput!) {
  sessionMfaVerify(input: $input) { accessToken refreshToken userErrors { field message code } } }`;
const START = `mutation($input: TotpEnrolmentStartInput!) {
  totpEnrolmentStart(input: $input) { secret otpauthUri qrCode userErrors { field message code } } }`;
const CONFIRM = `mutation($input: TotpEnrolmentConfirmInput!) {
  totpEnrolmentConfirm(input: $input) { recoveryCodes accessToken userErrors { field message code } } }`;
const DISABLE = `mutation($input: TotpDisableInput!) { totpDisable(input: $input) { disabled userErrors { field message code } } }`;
const STATUS = `{ mfaStatus { enabled enabledAt recoveryCodesLeft required } }`;
const REQUIRE = `mutation($input: MfaRequirementSetInput!) { mfaRequirementSet(input: $input) { requirement userErrors { field message code } } }`;
const WHO = `{ viewer { signedIn user { email } tenant { slug } } }`;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

/** The code an authenticator app shows `offsetSeconds` from now: tests move the clock of the app, not of the server. */
function codeAt(secret: string, offsetSeconds = 0): string {
  return new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: Date.now() + offsetSeconds * 1000 });
}

async function passwordStep(email: string, tenantSlug?: string) {
  return (await h.anonymous.ok(SIGN_IN, { input: { email, password: DEMO_PASSWORD, tenantSlug } })).sessionCreate;
}

async function sessionsOf(email: string): Promise<number> {
  const [row] = await h.sql(`SELECT count(*)::int AS n FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = $1`, [email]);
  return row.n;
}

/** Enrols a signed-in user with a code of the previous step (so the current step is still fresh for a sign-in); returns the secret and recovery codes. */
async function enrol(caller: Caller): Promise<{ secret: string; recoveryCodes: string[] }> {
  const { secret } = (await caller.ok(START, { input: {} })).totpEnrolmentStart;
  const { recoveryCodes } = (await caller.ok(CONFIRM, { input: { code: codeAt(secret, -30) } })).totpEnrolmentConfirm;
  return { secret, recoveryCodes };
}

describe('enrolling an authenticator app', () => {
  it('gives a QR code and a key, seals the secret, and turns on only after a right first code, with ten single-use recovery codes', async () => {
    const dev = await h.signIn('dev@acme.test');
    expect((await dev.ok(STATUS)).mfaStatus).toEqual({ enabled: false, enabledAt: null, recoveryCodesLeft: 0, required: false });

    const started = (await dev.ok(START, { input: {} })).totpEnrolmentStart;
    expect(started.userErrors).toEqual([]);
    expect(started.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(started.otpauthUri).toMatch(/^otpauth:\/\/totp\/Steward:dev%40acme\.test\?/);
    expect(started.otpauthUri).toContain(`secret=${started.secret}`);
    expect(started.qrCode).toMatch(/^data:image\/png;base64,/);
    const [stored] = await h.sql(
      `SELECT f.pending_secret_sealed, f.totp_secret_sealed FROM user_mfa f JOIN users u ON u.id = f.user_id WHERE u.email = 'dev@acme.test'`,
    );
    expect(stored.pending_secret_sealed).toMatch(/^v2:test-enc:/);
    expect(stored.pending_secret_sealed).not.toContain(started.secret);
    expect(stored.totp_secret_sealed).toBeNull();

    const wrong = (await dev.ok(CONFIRM, { input: { code: '000000' === codeAt(started.secret) ? '111111' : '000000' } })).totpEnrolmentConfirm;
    expect(wrong.recoveryCodes).toEqual([]);
    expect(wrong.userErrors[0]).toMatchObject({ field: ['input', 'code'], code: 'BAD_USER_INPUT' });
    expect((await dev.ok(STATUS)).mfaStatus.enabled).toBe(false);

    const done = (await dev.ok(CONFIRM, { input: { code: codeAt(started.secret) } })).totpEnrolmentConfirm;
    expect(done.userErrors).toEqual([]);
    expect(done.accessToken).toBeNull();
    expect(done.recoveryCodes).toHaveLength(10);
    expect(new Set(done.recoveryCodes).size).toBe(10);
    for (const code of done.recoveryCodes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    const hashes = await h.sql(`SELECT code_hash FROM mfa_recovery_codes c JOIN users u ON u.id = c.user_id WHERE u.email = 'dev@acme.test'`);
    expect(hashes).toHaveLength(10);
    for (const { code_hash } of hashes) expect(done.recoveryCodes.join()).not.toContain(code_hash);
    expect((await dev.ok(STATUS)).mfaStatus).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    const [audit] = await h.sql(`SELECT count(*)::int AS n FROM audit_entries WHERE action = 'user.mfaEnable' AND outcome = 'success'`);
    expect(audit.n).toBe(1);
  });

  it('replaces an enabled authenticator only with the password; the old one stops working', async () => {
    const viewer = await h.signIn('viewer@acme.test');
    const old = await enrol(viewer);
    const bare = (await viewer.ok(START, { input: {} })).totpEnrolmentStart;
    expect(bare.secret).toBeNull();
    expect(bare.userErrors[0].field).toEqual(['input', 'password']);
    const wrong = (await viewer.ok(START, { input: { password: 'not-the-password' } })).totpEnrolmentStart;
    expect(wrong.userErrors[0]).toMatchObject({ field: ['input', 'password'], message: 'The password is not right' });
    const replacing = (await viewer.ok(START, { input: { password: DEMO_PASSWORD } })).totpEnrolmentStart;
    expect(replacing.secret).not.toBe(old.secret);
    const done = (await viewer.ok(CONFIRM, { input: { code: codeAt(replacing.secret, -30) } })).totpEnrolmentConfirm;
    expect(done.recoveryCodes).toHaveLength(10);
    expect(done.recoveryCodes).not.toContain(old.recoveryCodes[0]);
    const withOld = await verifyWithCode('viewer@acme.test', old.recoveryCodes[0]);
    expect(withOld.accessToken).toBeNull();
    const withNew = await verifyWithCode('viewer@acme.test', codeAt(replacing.secret));
    expect(withNew.accessToken).toMatch(/^ey/);
  });
});

/** Signs in with the password, then gives `code` (null: gives nothing, only reads the challenge). */
async function verifyWithCode(email: string, code: string | null) {
  const step = await passwordStep(email);
  if (code === null) return { accessToken: step.accessToken as string | null, step };
  const verified = (await h.anonymous.ok(VERIFY, { input: { challengeToken: step.mfaChallengeToken, code } })).sessionMfaVerify;
  return { ...verified, step };
}

describe('signing in with a second factor', () => {
  let secret: string;
  let recoveryCodes: string[];
  /** The code the first sign-in was completed with. */
  let accepted: string;
  beforeAll(async () => {
    ({ secret, recoveryCodes } = await enrol(await h.signIn('analyst@acme.test')));
  });

  it('asks for the code after the password, with no session until the code is right', async () => {
    const before = await sessionsOf('analyst@acme.test');
    const step = await passwordStep('analyst@acme.test');
    expect(step).toMatchObject({ accessToken: null, refreshToken: null, mfaStep: 'CODE', userErrors: [] });
    expect(step.mfaChallengeToken).toMatch(/^mfa_/);
    expect(new Date(step.mfaChallengeExpiresAt).getTime()).toBeGreaterThan(Date.now());
    expect(await sessionsOf('analyst@acme.test')).toBe(before);
    // The challenge token is not a credential for anything else.
    expect((await new Caller(h.url, { token: step.mfaChallengeToken }).gql(WHO)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    const wrong = (await h.anonymous.ok(VERIFY, { input: { challengeToken: step.mfaChallengeToken, code: codeAt(secret, -120) } })).sessionMfaVerify;
    expect(wrong.accessToken).toBeNull();
    expect(wrong.userErrors[0]).toMatchObject({ field: ['input', 'code'], code: 'BAD_USER_INPUT' });
    expect(await sessionsOf('analyst@acme.test')).toBe(before);

    accepted = codeAt(secret);
    const right = (await h.anonymous.gql(VERIFY, { input: { challengeToken: step.mfaChallengeToken, code: accepted, refreshTokenInBody: true } })).data
      .sessionMfaVerify;
    expect(right.userErrors).toEqual([]);
    expect(right.refreshToken).toMatch(/^rt_/);
    expect((await new Caller(h.url, { token: right.accessToken }).ok(WHO)).viewer).toEqual({
      signedIn: true,
      user: { email: 'analyst@acme.test' },
      tenant: { slug: 'acme' },
    });
    expect(await sessionsOf('analyst@acme.test')).toBe(before + 1);

    // The challenge worked once.
    const again = (await h.anonymous.ok(VERIFY, { input: { challengeToken: step.mfaChallengeToken, code: codeAt(secret, 30) } })).sessionMfaVerify;
    expect(again.userErrors[0]).toMatchObject({ field: ['input', 'challengeToken'] });
  });

  it('refuses a code already used within its window, and takes the next step’s code', async () => {
    // The test above signed in with this code: the same code again, still within its window, is a replay.
    const replay = await verifyWithCode('analyst@acme.test', accepted);
    expect(replay.accessToken).toBeNull();
    expect(replay.userErrors[0].message).toMatch(/already used/);
    const next = await verifyWithCode('analyst@acme.test', codeAt(secret, 30));
    expect(next.userErrors).toEqual([]);
    expect(next.accessToken).toMatch(/^ey/);
    const [row] = await h.sql(`SELECT f.failed_count FROM user_mfa f JOIN users u ON u.id = f.user_id WHERE u.email = 'analyst@acme.test'`);
    expect(row.failed_count).toBe(0);
  });

  it('takes each recovery code once, and keeps the count', async () => {
    const [code] = recoveryCodes;
    const first = await verifyWithCode('analyst@acme.test', code.toUpperCase().replace('-', ' '));
    expect(first.userErrors).toEqual([]);
    expect(first.accessToken).toMatch(/^ey/);
    const reused = await verifyWithCode('analyst@acme.test', code);
    expect(reused.accessToken).toBeNull();
    expect(reused.userErrors[0].message).toMatch(/recovery code was already used/);
    const status = (await new Caller(h.url, { token: first.accessToken }).ok(STATUS)).mfaStatus;
    expect(status.recoveryCodesLeft).toBe(9);
    const [audit] = await h.sql(`SELECT after FROM audit_entries WHERE action = 'session.create' AND after->>'secondFactor' = 'recovery'`);
    expect(audit.after.recoveryCodesLeft).toBe(9);
  });

  it('locks the code step after five wrong codes in a row, even for the right code', async () => {
    const { secret: own } = await enrol(await h.signIn('auditor@acme.test'));
    const step = await passwordStep('auditor@acme.test');
    const bad = codeAt(own, -300);
    for (let i = 0; i < 4; i += 1) {
      const wrong = (await h.anonymous.ok(VERIFY, { input: { challengeToken: step.mfaChallengeToken, code: bad } })).sessionMfaVerify;
      expect(wrong.userErrors[0].code).toBe('BAD_USER_INPUT');
    }
    const fifth = await h.anonymous.gql(VERIFY, { input: { challengeToken: step.mfaChallengeToken, code: bad } });
    expect(fifth.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    const right = await h.anonymous.gql(VERIFY, { input: { challengeToken: step.mfaChallengeToken, code: codeAt(own) } });
    expect(right.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    expect(right.errors?.[0].extensions?.retryAfterSeconds).toBeGreaterThan(0);
    // A new password step does not reset the lock on codes.
    const freshStep = await passwordStep('auditor@acme.test');
    const fresh = await h.anonymous.gql(VERIFY, { input: { challengeToken: freshStep.mfaChallengeToken, code: codeAt(own, 30) } });
    expect(fresh.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    const [row] = await h.sql(`SELECT f.locked_until > now() AS locked FROM user_mfa f JOIN users u ON u.id = f.user_id WHERE u.email = 'auditor@acme.test'`);
    expect(row.locked).toBe(true);
    const failures = await h.sql(`SELECT count(*)::int AS n FROM audit_entries WHERE action = 'session.mfaVerify' AND outcome = 'failure'`);
    expect(failures[0].n).toBeGreaterThanOrEqual(5);
  });
});

describe('turning the factor off', () => {
  it('needs a current code or the password; afterwards the password alone signs in', async () => {
    const caller = await h.signIn('compliance2@acme.test');
    const { secret } = await enrol(caller);
    const nothing = (await caller.ok(DISABLE, { input: {} })).totpDisable;
    expect(nothing).toMatchObject({ disabled: false, userErrors: [{ field: ['input', 'code'] }] });
    const wrongPassword = (await caller.ok(DISABLE, { input: { password: 'not-the-password' } })).totpDisable;
    expect(wrongPassword).toMatchObject({ disabled: false, userErrors: [{ field: ['input', 'password'] }] });
    const off = (await caller.ok(DISABLE, { input: { code: codeAt(secret) } })).totpDisable;
    expect(off).toEqual({ disabled: true, userErrors: [] });
    expect((await caller.ok(STATUS)).mfaStatus).toMatchObject({ enabled: false, recoveryCodesLeft: 0 });
    const step = await passwordStep('compliance2@acme.test');
    expect(step.mfaStep).toBeNull();
    expect(step.accessToken).toMatch(/^ey/);
  });
});

describe('a tenant requiring MFA', () => {
  let admin: Caller;
  beforeAll(async () => {
    admin = await h.signIn('admin@globex.test');
  });

  it('is set by admins only, and an admin must enrol before requiring it', async () => {
    const dev = await h.signIn('dev@globex.test');
    expect((await dev.gql(REQUIRE, { input: { requirement: 'ALL' } })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const refused = (await admin.ok(REQUIRE, { input: { requirement: 'ADMINS' } })).mfaRequirementSet;
    expect(refused.userErrors[0]).toMatchObject({ field: ['input', 'requirement'] });
    expect((await admin.ok(`{ mfaRequirement }`)).mfaRequirement).toBe('NOBODY');
  });

  it('for admins: asks a member who can manage the tenant to enrol at sign-in, not the others, and ends their sessions at once', async () => {
    await enrol(admin);
    // A second admin, not enrolled, signed in before the requirement.
    await h.sql(`UPDATE memberships SET role = 'admin' WHERE user_id = (SELECT id FROM users WHERE email = 'viewer@globex.test')`);
    const secondAdmin = await h.signIn('viewer@globex.test');
    const dev = await h.signIn('dev@globex.test');
    expect((await admin.ok(REQUIRE, { input: { requirement: 'ADMINS' } })).mfaRequirementSet).toEqual({ requirement: 'ADMINS', userErrors: [] });

    expect((await secondAdmin.gql(WHO)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await dev.ok(WHO)).viewer.signedIn).toBe(true);
    expect((await passwordStep('dev@globex.test')).accessToken).toMatch(/^ey/);
    expect((await passwordStep('viewer@globex.test')).mfaStep).toBe('ENROL');
    expect((await admin.ok(STATUS)).mfaStatus).toMatchObject({ enabled: true, required: true });
    // Turning the factor off is refused while the tenant requires it.
    const off = (await admin.ok(DISABLE, { input: { password: DEMO_PASSWORD } })).totpDisable;
    expect(off.disabled).toBe(false);
    expect(off.userErrors[0].message).toMatch(/requires two-factor/);
    const [audit] = await h.sql(`SELECT before, after FROM audit_entries WHERE action = 'tenant.mfaRequirementSet' AND outcome = 'success'`);
    expect(audit).toMatchObject({ before: { requirement: 'nobody' }, after: { requirement: 'admins', sessionsEnded: 1 } });
  });

  it('for all members: a member who must enrol gets no session until enrolled, then signs in with it', async () => {
    const dev = await h.signIn('dev@globex.test');
    expect((await admin.ok(REQUIRE, { input: { requirement: 'ALL' } })).mfaRequirementSet.requirement).toBe('ALL');
    expect((await dev.gql(WHO)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    const before = await sessionsOf('dev@globex.test');
    const step = await passwordStep('dev@globex.test');
    expect(step).toMatchObject({ accessToken: null, mfaStep: 'ENROL' });
    expect(await sessionsOf('dev@globex.test')).toBe(before);
    // The challenge token works only for enrolling: not for the code step, and it is no bearer token.
    const asCode = (await h.anonymous.ok(VERIFY, { input: { challengeToken: step.mfaChallengeToken, code: '123456' } })).sessionMfaVerify;
    expect(asCode.userErrors[0].field).toEqual(['input', 'challengeToken']);
    expect((await new Caller(h.url, { token: step.mfaChallengeToken }).gql(WHO)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    const started = (await h.anonymous.ok(START, { input: { challengeToken: step.mfaChallengeToken } })).totpEnrolmentStart;
    expect(started.otpauthUri).toContain('dev%40globex.test');
    const done = (await h.anonymous.ok(CONFIRM, { input: { challengeToken: step.mfaChallengeToken, code: codeAt(started.secret) } })).totpEnrolmentConfirm;
    expect(done.recoveryCodes).toHaveLength(10);
    const member = new Caller(h.url, { token: done.accessToken });
    expect((await member.ok(WHO)).viewer).toMatchObject({ signedIn: true, user: { email: 'dev@globex.test' }, tenant: { slug: 'globex' } });
    expect((await member.ok(STATUS)).mfaStatus).toMatchObject({ enabled: true, required: true });

    const next = await verifyWithCode('dev@globex.test', codeAt(started.secret, 30));
    expect(next.step.mfaStep).toBe('CODE');
    expect(next.accessToken).toMatch(/^ey/);
  });

  it('refuses switching into the tenant to a member who has not enrolled', async () => {
    const consultant = await h.signIn('consultant@steward.test', 'acme');
    const { viewer } = await consultant.ok(`{ viewer { memberships { tenant { id slug } } } }`);
    const globex = viewer.memberships.find((m: { tenant: { slug: string } }) => m.tenant.slug === 'globex');
    const switched = await consultant.ok(
      `mutation($input: SessionTenantSwitchInput!) { sessionTenantSwitch(input: $input) { accessToken userErrors { message } } }`,
      {
        input: { tenantId: globex.tenant.id },
      },
    );
    expect(switched.sessionTenantSwitch.accessToken).toBeNull();
    expect(switched.sessionTenantSwitch.userErrors[0].message).toMatch(/requires two-factor authentication/);
  });
});
