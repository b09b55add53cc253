import { Harness, startHarness } from '../../../test/harness';
import { stableUuid } from '../../db/seed/deterministic';
import { closeTransports, MailReceiver } from '../mail';

const INVITE = `mutation($input: InvitationCreateInput!) { invitationCreate(input: $input) { token acceptUrl invitation { id } userErrors { field message code } } }`;
const ACCEPT = `mutation($input: InvitationAcceptInput!) { invitationAccept(input: $input) { accepted email tenantName ssoOnly userErrors { field message code } } }`;
const PREVIEW = `query($token: String!) { invitationPreview(token: $token) { status email tenantName tenantSlug accountExists ssoOnly expiresAt } }`;

const acme = stableUuid('tenant:acme');
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

/** The token in a mailed accept link. */
function tokenOf(link: string): string {
  const url = new URL(link);
  expect(`${url.origin}${url.pathname}`).toBe('https://steward.example.com/invitation');
  return new URLSearchParams(url.hash.slice(1)).get('token')!;
}

describe('an invitation', () => {
  it('is emailed with its accept link, which the accept page can read before and after accepting', async () => {
    const admin = await h.signIn('admin@acme.test');
    const created = (await admin.ok(INVITE, { input: { email: 'mailed@example.com', role: 'ANALYST' } })).invitationCreate;
    expect(created.userErrors).toEqual([]);
    await h.runJobs();
    const mail = await receiver.waitFor((m) => m.to.includes('mailed@example.com'));
    expect(mail.subject).toBe('You are invited to Acme Corporation on Steward');
    expect(mail.text).toMatch(/invited you to join Acme Corporation/);
    expect(mail.links).toEqual([created.acceptUrl]);
    const token = tokenOf(mail.links[0]);
    expect(token).toBe(created.token);

    const before = (await h.anonymous.ok(PREVIEW, { token })).invitationPreview;
    expect(before).toMatchObject({
      status: 'PENDING',
      email: 'mailed@example.com',
      tenantName: 'Acme Corporation',
      tenantSlug: 'acme',
      accountExists: false,
      ssoOnly: false,
    });
    const accepted = await h.anonymous.ok(ACCEPT, { input: { token, fullName: 'Mailed Person', password: 'a-long-enough-password' } });
    expect(accepted.invitationAccept).toMatchObject({ accepted: true, ssoOnly: false, userErrors: [] });
    expect((await h.anonymous.ok(PREVIEW, { token })).invitationPreview).toMatchObject({ status: 'ACCEPTED', accountExists: true });
  });

  it('link says when it is expired, revoked or unknown', async () => {
    const admin = await h.signIn('admin@acme.test');
    const expired = (await admin.ok(INVITE, { input: { email: 'late@example.com', role: 'VIEWER' } })).invitationCreate;
    await h.sql(`UPDATE invitations SET expires_at = now() - interval '1 hour' WHERE email = 'late@example.com'`);
    expect((await h.anonymous.ok(PREVIEW, { token: expired.token })).invitationPreview.status).toBe('EXPIRED');
    const revoked = (await admin.ok(INVITE, { input: { email: 'withdrawn@example.com', role: 'VIEWER' } })).invitationCreate;
    await admin.ok(`mutation($input: InvitationRevokeInput!) { invitationRevoke(input: $input) { userErrors { message } } }`, {
      input: { invitationId: revoked.invitation.id },
    });
    expect((await h.anonymous.ok(PREVIEW, { token: revoked.token })).invitationPreview.status).toBe('REVOKED');
    expect((await h.anonymous.ok(PREVIEW, { token: 'inv_not-a-real-token-at-all' })).invitationPreview).toEqual({
      status: 'UNKNOWN',
      email: null,
      tenantName: null,
      tenantSlug: null,
      accountExists: false,
      ssoOnly: false,
      expiresAt: null,
    });
  });

  it('to an SSO-only tenant makes an account without a password, which then signs in only through the provider', async () => {
    await h.sql(
      `INSERT INTO sso_connections (tenant_id, issuer, client_id, sso_only, enabled) VALUES ($1, 'https://idp.example.com', 'steward', false, true)`,
      [acme],
    );
    try {
      const admin = await h.signIn('admin@acme.test');
      const created = (await admin.ok(INVITE, { input: { email: 'sso.person@example.com', role: 'VIEWER' } })).invitationCreate;
      await h.sql(`UPDATE sso_connections SET sso_only = true WHERE tenant_id = $1`, [acme]);
      expect((await h.anonymous.ok(PREVIEW, { token: created.token })).invitationPreview).toMatchObject({ status: 'PENDING', ssoOnly: true });
      const accepted = await h.anonymous.ok(ACCEPT, { input: { token: created.token, fullName: 'Sso Person', password: 'ignored-for-sso-only' } });
      expect(accepted.invitationAccept).toMatchObject({ accepted: true, ssoOnly: true, userErrors: [] });
      const [user] = await h.sql(`SELECT password_hash FROM users WHERE email = 'sso.person@example.com'`);
      expect(user.password_hash).toBeNull();
    } finally {
      await h.sql(`DELETE FROM sso_connections WHERE tenant_id = $1`, [acme]);
    }
  });
});
