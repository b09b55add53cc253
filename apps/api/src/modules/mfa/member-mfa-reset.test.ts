import { Secret, TOTP } from 'otpauth';
import { Caller, Harness, startHarness } from '../../../test/harness';
import { DEMO_PASSWORD } from '../../db/seed/demo-world';
import { stableUuid } from '../../db/seed/deterministic';
import { toGlobalId } from '../../graphql/global-id';

const SIGN_IN = `mutation($input: SessionCreateInput!) {
  sessionCreate(input: $input) { accessToken mfaStep mfaChallengeToken userErrors { field message code } } }`;
const VERIFY = `mutation($input: SessionMfaVerifyInput!) { sessionMfaVerify(input: $input) { accessToken userErrors { field message code } } }`;
const START = `mutation($input: TotpEnrolmentStartInput!) { totpEnrolmentStart(input: $input) { secret userErrors { field message code } } }`;
const CONFIRM = `mutation($input: TotpEnrolmentConfirmInput!) { totpEnrolmentConfirm(input: $input) { recoveryCodes userErrors { field message code } } }`;
const RESET = `mutation($input: MembershipMfaResetInput!) {
  membershipMfaReset(input: $input) { reset recoveryCodesCleared sessionsEnded userErrors { field message code } } }`;
const WHO = `{ viewer { signedIn user { email } } }`;

const membership = (email: string, tenant = 'acme') => toGlobalId('Membership', stableUuid(`membership:${tenant}:${email}`));

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

function codeAt(secret: string, offsetSeconds = 0): string {
  return new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: Date.now() + offsetSeconds * 1000 });
}

/** Turns the signed-in caller's authenticator on; answers its recovery codes. */
async function enrol(caller: Caller): Promise<string[]> {
  const { secret } = (await caller.ok(START, { input: {} })).totpEnrolmentStart;
  return (await caller.ok(CONFIRM, { input: { code: codeAt(secret, -30) } })).totpEnrolmentConfirm.recoveryCodes;
}

async function factorOf(email: string) {
  const [row] = await h.sql(
    `SELECT f.enabled_at IS NOT NULL AS enabled, (SELECT count(*)::int FROM mfa_recovery_codes c WHERE c.user_id = u.id) AS codes
       FROM users u LEFT JOIN user_mfa f ON f.user_id = u.id WHERE u.email = $1`,
    [email],
  );
  return row;
}

const mailsTo = (email: string) => h.sql(`SELECT kind, subject, text_body, tenant_id FROM mail_outbox WHERE to_address = $1 AND kind = 'mfa_reset'`, [email]);

describe("an admin resets a member's second factor", () => {
  it('clears the authenticator and recovery codes, signs the member out everywhere, audits it and mails them', async () => {
    const analyst = await h.signIn('analyst@acme.test');
    const recoveryCodes = await enrol(analyst);
    expect(await factorOf('analyst@acme.test')).toEqual({ enabled: true, codes: 10 });
    // A sign-in half-way (password given, code not yet) does not survive the reset either.
    const halfway = (await h.anonymous.ok(SIGN_IN, { input: { email: 'analyst@acme.test', password: DEMO_PASSWORD } })).sessionCreate;
    expect(halfway.mfaStep).toBe('CODE');

    const admin = await h.signIn('admin@acme.test');
    const done = (await admin.ok(RESET, { input: { membershipId: membership('analyst@acme.test') } })).membershipMfaReset;
    expect(done).toMatchObject({ reset: true, recoveryCodesCleared: 10, userErrors: [] });
    expect(done.sessionsEnded).toBeGreaterThanOrEqual(1);

    expect(await factorOf('analyst@acme.test')).toEqual({ enabled: false, codes: 0 });
    expect((await analyst.gql(WHO)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const late = (await h.anonymous.ok(VERIFY, { input: { challengeToken: halfway.mfaChallengeToken, code: recoveryCodes[0] } })).sessionMfaVerify;
    expect(late.accessToken).toBeNull();
    // The password alone signs them in now (Acme requires no second factor), where they can enrol a new one.
    const again = (await h.anonymous.ok(SIGN_IN, { input: { email: 'analyst@acme.test', password: DEMO_PASSWORD } })).sessionCreate;
    expect(again.mfaStep).toBeNull();
    expect(again.accessToken).toMatch(/^ey/);

    const [audit] = await h.sql(
      `SELECT entity_type, entity_name, actor_user_id, after FROM audit_entries WHERE action = 'membership.mfaReset' AND outcome = 'success'`,
    );
    expect(audit).toEqual({
      entity_type: 'Membership',
      entity_name: 'analyst@acme.test',
      actor_user_id: stableUuid('user:admin@acme.test'),
      after: { recoveryCodesCleared: 10, sessionsEnded: done.sessionsEnded },
    });
    const [mail] = await mailsTo('analyst@acme.test');
    expect(mail.subject).toBe('Your two-factor authentication on Steward was reset');
    expect(mail.text_body).toContain('Ada Admin, an admin of Acme Corporation, reset the two-factor authentication');
    expect(mail.text_body).toContain('/sign-in');
    expect(mail.tenant_id).toBe(stableUuid('tenant:acme'));
    for (const code of recoveryCodes) expect(mail.text_body).not.toContain(code);
  });

  it('refuses your own factor, a member without one, an account of other tenants too, and another tenant’s member', async () => {
    const admin = await h.signIn('admin@acme.test');
    await enrol(admin);
    const self = (await admin.ok(RESET, { input: { membershipId: membership('admin@acme.test') } })).membershipMfaReset;
    expect(self).toEqual({
      reset: false,
      recoveryCodesCleared: null,
      sessionsEnded: null,
      userErrors: [
        {
          field: ['input', 'membershipId'],
          message: 'Reset your own two-factor authentication from Account security, with a code or your password',
          code: 'BAD_USER_INPUT',
        },
      ],
    });
    expect(await factorOf('admin@acme.test')).toEqual({ enabled: true, codes: 10 });

    const none = (await admin.ok(RESET, { input: { membershipId: membership('viewer@acme.test') } })).membershipMfaReset;
    expect(none.userErrors).toEqual([
      { field: ['input', 'membershipId'], message: 'viewer@acme.test has no two-factor authentication to reset', code: 'BAD_USER_INPUT' },
    ]);

    const consultant = await h.signIn('consultant@steward.test', 'acme');
    await enrol(consultant);
    const shared = (await admin.ok(RESET, { input: { membershipId: membership('consultant@steward.test') } })).membershipMfaReset;
    expect(shared.reset).toBe(false);
    expect(shared.userErrors[0]).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/also belongs to other tenants/) });
    expect(await factorOf('consultant@steward.test')).toEqual({ enabled: true, codes: 10 });
    expect((await consultant.gql(WHO)).data?.viewer.signedIn).toBe(true);
    expect(await mailsTo('consultant@steward.test')).toEqual([]);

    const elsewhere = await admin.gql(RESET, { input: { membershipId: membership('dev@globex.test', 'globex') } });
    expect(elsewhere.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const globexAdmin = await h.signIn('admin@globex.test');
    const across = await globexAdmin.gql(RESET, { input: { membershipId: membership('admin@acme.test') } });
    expect(across.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(await factorOf('admin@acme.test')).toEqual({ enabled: true, codes: 10 });
  });

  it('is for those who manage members: a custom role holding members.manage may, a developer may not', async () => {
    const dev = await h.signIn('dev@acme.test');
    const refused = await dev.gql(RESET, { input: { membershipId: membership('compliance@acme.test') } });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    await h.sql(`UPDATE memberships SET role = NULL, custom_role_id = (SELECT id FROM roles WHERE name = 'HR manager' AND tenant_id = $1) WHERE id = $2`, [
      stableUuid('tenant:acme'),
      stableUuid('membership:acme:compliance2@acme.test'),
    ]);
    await enrol(await h.signIn('compliance@acme.test'));
    const hr = await h.signIn('compliance2@acme.test');
    const done = (await hr.ok(RESET, { input: { membershipId: membership('compliance@acme.test') } })).membershipMfaReset;
    expect(done).toMatchObject({ reset: true, recoveryCodesCleared: 10, userErrors: [] });
    expect(await factorOf('compliance@acme.test')).toEqual({ enabled: false, codes: 0 });
  });
});
