import { Caller, Harness, startHarness } from '../../../test/harness';
import { DEMO_PASSWORD } from '../../db/seed/demo-world';
import { closeTransports, MailReceiver } from '../mail';

const REQUEST = `mutation($input: PasswordResetRequestInput!) { passwordResetRequest(input: $input) { requested userErrors { field message } } }`;
const RESET = `mutation($input: PasswordResetCompleteInput!) { passwordResetComplete(input: $input) { reset email userErrors { field message } } }`;
const SIGN_IN = `mutation($input: SessionCreateInput!) { sessionCreate(input: $input) { accessToken refreshToken userErrors { message } } }`;

const receiver = new MailReceiver();
let h: Harness;

beforeAll(async () => {
  const smtpUrl = await receiver.start();
  h = await startHarness({ mail: { smtpUrl, from: 'Steward <no-reply@steward.test>', publicUrl: 'https://steward.example.com' } });
});
afterAll(async () => {
  await h.close();
  closeTransports();
  await receiver.stop();
});

function tokenOf(link: string, path: string): string {
  const url = new URL(link);
  expect(`${url.origin}${url.pathname}`).toBe(`https://steward.example.com${path}`);
  return new URLSearchParams(url.hash.slice(1)).get('token')!;
}

async function mailTo(email: string, subject: string) {
  await h.runJobs();
  return receiver.waitFor((m) => m.to.includes(email) && m.subject === subject);
}

describe('password reset', () => {
  it('mails a single-use link; the new password works, the old does not, and every session of the account ends', async () => {
    const signedIn = await h.anonymous.ok(SIGN_IN, { input: { email: 'analyst@acme.test', password: DEMO_PASSWORD, refreshTokenInBody: true } });
    const before = new Caller(h.url, { token: signedIn.sessionCreate.accessToken });
    expect((await before.ok(`{ viewer { role } }`)).viewer.role).toBe('ANALYST');

    expect((await h.anonymous.ok(REQUEST, { input: { email: 'Analyst@Acme.test' } })).passwordResetRequest).toEqual({ requested: true, userErrors: [] });
    const mail = await mailTo('analyst@acme.test', 'Reset your Steward password');
    const token = tokenOf(mail.links[0], '/reset-password');
    const [stored] = await h.sql(`SELECT token_hash FROM account_tokens WHERE purpose = 'password_reset' ORDER BY created_at DESC LIMIT 1`);
    expect(stored.token_hash).not.toContain(token);

    const short = await h.anonymous.ok(RESET, { input: { token, password: 'short' } });
    expect(short.passwordResetComplete.userErrors[0]).toMatchObject({ field: ['input', 'password'] });
    const done = await h.anonymous.ok(RESET, { input: { token, password: 'a-brand-new-password' } });
    expect(done.passwordResetComplete).toEqual({ reset: true, email: 'analyst@acme.test', userErrors: [] });

    // The session from before is over: its access token and its refresh token stop working at once.
    expect((await before.gql(`{ viewer { role } }`)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const refreshed = await h.anonymous.gql(`mutation($t: String!) { sessionRefresh(input: { refreshToken: $t }) { accessToken } }`, {
      t: signedIn.sessionCreate.refreshToken,
    });
    expect(refreshed.data?.sessionRefresh?.accessToken ?? null).toBeNull();

    const again = await h.anonymous.ok(RESET, { input: { token, password: 'yet-another-password' } });
    expect(again.passwordResetComplete.userErrors[0].message).toMatch(/already used/);
    const old = await h.anonymous.ok(SIGN_IN, { input: { email: 'analyst@acme.test', password: DEMO_PASSWORD } });
    expect(old.sessionCreate.accessToken).toBeNull();
    const fresh = await h.anonymous.ok(SIGN_IN, { input: { email: 'analyst@acme.test', password: 'a-brand-new-password' } });
    expect(fresh.sessionCreate.accessToken).toEqual(expect.any(String));
  });

  it('answers the same for an unknown address and sends nothing; expired links say so', async () => {
    expect((await h.anonymous.ok(REQUEST, { input: { email: 'nobody@nowhere.test' } })).passwordResetRequest).toEqual({ requested: true, userErrors: [] });
    expect(await h.sql(`SELECT 1 FROM mail_outbox WHERE to_address = 'nobody@nowhere.test'`)).toEqual([]);

    await h.anonymous.ok(REQUEST, { input: { email: 'viewer@acme.test' } });
    // Asking again within the minute sends no second mail.
    await h.anonymous.ok(REQUEST, { input: { email: 'viewer@acme.test' } });
    const mail = await mailTo('viewer@acme.test', 'Reset your Steward password');
    expect(await h.sql(`SELECT 1 FROM mail_outbox WHERE to_address = 'viewer@acme.test'`)).toHaveLength(1);
    await h.sql(`UPDATE account_tokens SET expires_at = now() - interval '1 minute' WHERE email = 'viewer@acme.test'`);
    const expired = await h.anonymous.ok(RESET, { input: { token: tokenOf(mail.links[0], '/reset-password'), password: 'a-brand-new-password' } });
    expect(expired.passwordResetComplete.userErrors[0].message).toMatch(/expired/);
    const unknown = await h.anonymous.ok(RESET, { input: { token: 'pwr_not-a-token-anybody-was-sent', password: 'a-brand-new-password' } });
    expect(unknown.passwordResetComplete.userErrors[0].message).toMatch(/unknown/);
  });
});

describe('email verification', () => {
  it('mails a link that confirms the address once', async () => {
    await h.sql(`UPDATE users SET email_verified = false WHERE email = 'auditor@acme.test'`);
    const auditor = await h.signIn('auditor@acme.test');
    const SEND = `mutation { emailVerificationSend { sent userErrors { message } } }`;
    expect((await auditor.ok(SEND)).emailVerificationSend.sent).toBe(true);
    const mail = await mailTo('auditor@acme.test', 'Confirm your email address for Steward');
    const token = tokenOf(mail.links[0], '/verify-email');
    const VERIFY = `mutation($t: String!) { emailVerify(input: { token: $t }) { verified email userErrors { message } } }`;
    expect((await h.anonymous.ok(VERIFY, { t: token })).emailVerify).toEqual({ verified: true, email: 'auditor@acme.test', userErrors: [] });
    expect((await h.sql(`SELECT email_verified FROM users WHERE email = 'auditor@acme.test'`))[0].email_verified).toBe(true);
    expect((await h.anonymous.ok(VERIFY, { t: token })).emailVerify.verified).toBe(false);
    expect((await auditor.ok(SEND)).emailVerificationSend.sent).toBe(false);
    expect((await h.anonymous.gql(SEND)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('password change', () => {
  const CHANGE = `mutation($input: PasswordChangeInput!) { passwordChange(input: $input) { changed otherSessionsEnded userErrors { field message code } } }`;

  it('needs the current password and the sign-up policy; ends every other session, keeps this one; audited and mailed', async () => {
    const phone = await h.signIn('compliance@acme.test');
    const laptop = await h.signIn('compliance@acme.test');
    const desk = await h.anonymous.ok(SIGN_IN, { input: { email: 'compliance@acme.test', password: DEMO_PASSWORD, refreshTokenInBody: true } });

    const wrong = (await laptop.ok(CHANGE, { input: { currentPassword: 'not-the-password', newPassword: 'a-changed-password-2026' } })).passwordChange;
    expect(wrong).toMatchObject({ changed: false, userErrors: [{ field: ['input', 'currentPassword'], code: 'BAD_USER_INPUT' }] });
    const short = (await laptop.ok(CHANGE, { input: { currentPassword: DEMO_PASSWORD, newPassword: 'short' } })).passwordChange;
    expect(short.userErrors[0]).toMatchObject({ field: ['input', 'newPassword'], message: 'newPassword must be 12 to 200 characters' });
    const same = (await laptop.ok(CHANGE, { input: { currentPassword: DEMO_PASSWORD, newPassword: DEMO_PASSWORD } })).passwordChange;
    expect(same.userErrors[0].field).toEqual(['input', 'newPassword']);
    expect((await phone.ok(`{ viewer { signedIn } }`)).viewer.signedIn).toBe(true);

    const done = (await laptop.ok(CHANGE, { input: { currentPassword: DEMO_PASSWORD, newPassword: 'a-changed-password-2026' } })).passwordChange;
    expect(done).toEqual({ changed: true, otherSessionsEnded: 2, userErrors: [] });
    expect((await laptop.ok(`{ viewer { user { email } } }`)).viewer.user.email).toBe('compliance@acme.test');
    expect((await phone.gql(`{ viewer { signedIn } }`)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const refreshed = await h.anonymous.gql(`mutation($input: SessionRefreshInput!) { sessionRefresh(input: $input) { accessToken } }`, {
      input: { refreshToken: desk.sessionCreate.refreshToken },
    });
    expect(refreshed.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    expect((await h.anonymous.ok(SIGN_IN, { input: { email: 'compliance@acme.test', password: DEMO_PASSWORD } })).sessionCreate.accessToken).toBeNull();
    expect(
      (await h.anonymous.ok(SIGN_IN, { input: { email: 'compliance@acme.test', password: 'a-changed-password-2026' } })).sessionCreate.accessToken,
    ).toMatch(/^ey/);
    const audit = await h.sql(`SELECT outcome, after FROM audit_entries WHERE action = 'user.passwordChange' ORDER BY seq`);
    expect(audit.map((a) => a.outcome)).toEqual(['failure', 'failure', 'failure', 'success']);
    expect(audit[3].after).toEqual({ otherSessionsEnded: 2 });
    expect(JSON.stringify(audit)).not.toContain('a-changed-password-2026');
    const [changedBy] = await h.sql(`SELECT updated_by_id = id AS by_self FROM users WHERE email = 'compliance@acme.test'`);
    expect(changedBy.by_self).toBe(true);

    const mail = await mailTo('compliance@acme.test', 'Your Steward password was changed');
    expect(mail.text).toMatch(/Every other session was signed out/);
    expect(mail.text).not.toContain('a-changed-password-2026');
    expect(mail.links[0]).toBe('https://steward.example.com/reset-password');
  });

  it('counts wrong current passwords towards the sign-in lockout, and is for signed-in people only', async () => {
    const caller = await h.signIn('compliance2@acme.test');
    for (let i = 0; i < 4; i += 1) {
      const wrong = (await caller.ok(CHANGE, { input: { currentPassword: `wrong-${i}`, newPassword: 'a-changed-password-2026' } })).passwordChange;
      expect(wrong.changed).toBe(false);
    }
    await caller.ok(CHANGE, { input: { currentPassword: 'wrong-4', newPassword: 'a-changed-password-2026' } });
    const locked = await caller.gql(CHANGE, { input: { currentPassword: DEMO_PASSWORD, newPassword: 'a-changed-password-2026' } });
    expect(locked.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    expect((await h.anonymous.gql(CHANGE, { input: { currentPassword: DEMO_PASSWORD, newPassword: 'x'.repeat(12) } })).errors?.[0].extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
  });
});

describe('email change', () => {
  const CHANGE = `mutation($input: EmailChangeRequestInput!) { emailChangeRequest(input: $input) { sentTo userErrors { field message code } } }`;
  const VERIFY = `mutation($t: String!) { emailVerify(input: { token: $t }) { verified email userErrors { message } } }`;

  it('needs the current password, mails a link to the new address and a notice to the old; the account moves once the link is opened', async () => {
    const viewer = await h.signIn('viewer@acme.test');
    const ask = (newEmail: string, currentPassword = DEMO_PASSWORD) => viewer.ok(CHANGE, { input: { newEmail, currentPassword } });
    expect((await ask('viewer.new@acme.test', 'not-the-password')).emailChangeRequest.userErrors).toEqual([
      { field: ['input', 'currentPassword'], message: 'The current password is not right', code: 'BAD_USER_INPUT' },
    ]);
    expect((await ask('not an address')).emailChangeRequest.userErrors[0]).toMatchObject({ field: ['input', 'newEmail'] });
    expect((await ask('Analyst@Acme.test')).emailChangeRequest.userErrors[0]).toMatchObject({ field: ['input', 'newEmail'], code: 'CONFLICT' });
    expect((await ask('Viewer.New@Acme.test')).emailChangeRequest).toEqual({ sentTo: 'viewer.new@acme.test', userErrors: [] });

    const link = await mailTo('viewer.new@acme.test', 'Confirm the new email address of your Steward account');
    const notice = await mailTo('viewer@acme.test', 'A change of your Steward email address was asked for');
    expect(notice.text).toContain('viewer.new@acme.test');
    // Until the link is opened the account keeps its address.
    expect((await h.sql(`SELECT email FROM users WHERE email = 'viewer@acme.test'`)).length).toBe(1);

    const token = tokenOf(link.links[0], '/verify-email');
    expect((await h.anonymous.ok(VERIFY, { t: token })).emailVerify).toEqual({ verified: true, email: 'viewer.new@acme.test', userErrors: [] });
    const [moved] = await h.sql(`SELECT email, email_verified, updated_by_id = id AS by_self FROM users WHERE lower(email) = 'viewer.new@acme.test'`);
    expect(moved).toEqual({ email: 'viewer.new@acme.test', email_verified: true, by_self: true });
    expect((await h.anonymous.ok(VERIFY, { t: token })).emailVerify.userErrors[0].message).toMatch(/already used/);

    expect((await h.anonymous.ok(SIGN_IN, { input: { email: 'viewer@acme.test', password: DEMO_PASSWORD } })).sessionCreate.accessToken).toBeNull();
    expect((await h.anonymous.ok(SIGN_IN, { input: { email: 'viewer.new@acme.test', password: DEMO_PASSWORD } })).sessionCreate.accessToken).toMatch(/^ey/);
    const audit = await h.sql(`SELECT action, before, after FROM audit_entries WHERE action LIKE 'user.emailChange%' AND outcome = 'success' ORDER BY seq`);
    // The request is in the tenant's trail, the change in the account's own (no tenant): two chains.
    expect(audit.map((a) => a.action).sort()).toEqual(['user.emailChange', 'user.emailChangeRequest']);
    expect(audit.find((a) => a.action === 'user.emailChange')).toMatchObject({
      before: { email: 'viewer@acme.test' },
      after: { email: 'viewer.new@acme.test' },
    });
    expect((await h.anonymous.gql(CHANGE, { input: { newEmail: 'x@acme.test', currentPassword: DEMO_PASSWORD } })).errors?.[0].extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
  });
});
