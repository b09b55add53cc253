import { Caller, Harness, startHarness } from '../../../test/harness';

const INVITE = `mutation($input: InvitationCreateInput!) { invitationCreate(input: $input) { token invitation { id email role effectiveStatus } userErrors { field message code } } }`;
const ACCEPT = `mutation($input: InvitationAcceptInput!) { invitationAccept(input: $input) { accepted email tenantName userErrors { field message code } } }`;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('invitations', () => {
  it('bring a new person in with the invited role; the token works once', async () => {
    const admin = await h.signIn('admin@acme.test');
    const invited = (await admin.ok(INVITE, { input: { email: 'New.Person@Example.com', role: 'ANALYST' } })).invitationCreate;
    expect(invited.invitation).toMatchObject({ email: 'new.person@example.com', role: 'ANALYST', effectiveStatus: 'PENDING' });
    expect(invited.token).toMatch(/^inv_/);
    const [stored] = await h.sql(`SELECT token_hash FROM invitations WHERE email = 'new.person@example.com'`);
    expect(stored.token_hash).not.toContain(invited.token);

    const missingName = await h.anonymous.ok(ACCEPT, { input: { token: invited.token } });
    expect(missingName.invitationAccept.userErrors[0]).toMatchObject({ field: ['input', 'fullName'] });
    const accepted = await h.anonymous.ok(ACCEPT, { input: { token: invited.token, fullName: 'New Person', password: 'a-long-enough-password' } });
    expect(accepted.invitationAccept).toEqual({ accepted: true, email: 'new.person@example.com', tenantName: 'Acme Corporation', userErrors: [] });
    const again = await h.anonymous.ok(ACCEPT, { input: { token: invited.token, fullName: 'Again', password: 'a-long-enough-password' } });
    expect(again.invitationAccept.accepted).toBe(false);

    const signIn = await h.anonymous.ok(
      `mutation { sessionCreate(input: { email: "new.person@example.com", password: "a-long-enough-password" }) { accessToken } }`,
    );
    const person = new Caller(h.url, { token: signIn.sessionCreate.accessToken });
    expect((await person.ok(`{ viewer { role tenant { slug } } }`)).viewer).toEqual({ role: 'ANALYST', tenant: { slug: 'acme' } });
  });

  it('refuse someone who is already a member, and can be revoked', async () => {
    const admin = await h.signIn('admin@acme.test');
    const member = (await admin.ok(INVITE, { input: { email: 'dev@acme.test', role: 'VIEWER' } })).invitationCreate;
    expect(member.userErrors).toEqual([{ field: ['input', 'email'], message: 'dev@acme.test is already a member', code: 'CONFLICT' }]);
    const invited = (await admin.ok(INVITE, { input: { email: 'later@example.com', role: 'VIEWER' } })).invitationCreate;
    const revoked = await admin.ok(`mutation($input: InvitationRevokeInput!) { invitationRevoke(input: $input) { invitation { effectiveStatus } } }`, {
      input: { invitationId: invited.invitation.id },
    });
    expect(revoked.invitationRevoke.invitation.effectiveStatus).toBe('REVOKED');
    const accept = await h.anonymous.ok(ACCEPT, { input: { token: invited.token, fullName: 'Later', password: 'a-long-enough-password' } });
    expect(accept.invitationAccept.userErrors[0].message).toMatch(/revoked/);
    const listed = await admin.ok(`{ invitations(filter: { statuses: [REVOKED] }) { nodes { email } } }`);
    expect(listed.invitations.nodes.map((n: any) => n.email)).toContain('later@example.com');
  });

  it('give a custom role, which cannot be deleted while the invitation is pending; the holder gets it on accepting', async () => {
    const admin = await h.signIn('admin@acme.test');
    const { customRoles } = await admin.ok(`{ customRoles { id name } }`);
    const operator = customRoles.find((r: { name: string }) => r.name === 'Agent operator');
    const both = (await admin.ok(INVITE, { input: { email: 'op@example.com', role: 'VIEWER', customRoleId: operator.id } })).invitationCreate;
    expect(both.userErrors[0].message).toBe('Give either a system role or a custom role, not both');
    const invited = (await admin.ok(INVITE, { input: { email: 'op@example.com', customRoleId: operator.id } })).invitationCreate;
    expect(invited.userErrors).toEqual([]);
    const listed = await admin.ok(`{ invitations(filter: { statuses: [PENDING] }) { nodes { email role customRole { name } } } }`);
    expect(listed.invitations.nodes).toContainEqual({ email: 'op@example.com', role: null, customRole: { name: 'Agent operator' } });
    const { customRoles: counted } = await admin.ok(`{ customRoles { name invitationCount } }`);
    expect(counted.find((r: { name: string }) => r.name === 'Agent operator').invitationCount).toBe(1);

    const accepted = await h.anonymous.ok(ACCEPT, { input: { token: invited.token, fullName: 'Op Erator', password: 'a-long-enough-password' } });
    expect(accepted.invitationAccept.accepted).toBe(true);
    const op = await h.signIn('op@example.com', 'acme', 'a-long-enough-password');
    expect((await op.ok(`{ viewer { role customRoleName } }`)).viewer).toEqual({ role: null, customRoleName: 'Agent operator' });
    const [membership] = await h.sql(
      `SELECT u2.email AS assigned_by FROM memberships m JOIN users u ON u.id = m.user_id JOIN users u2 ON u2.id = m.assigned_by_id WHERE u.email = 'op@example.com'`,
    );
    expect(membership.assigned_by).toBe('admin@acme.test');
  });

  it('explain why a token no longer works: accepted, revoked, expired or unknown', async () => {
    const admin = await h.signIn('admin@acme.test');
    const invited = (await admin.ok(INVITE, { input: { email: 'late@example.com', role: 'VIEWER' } })).invitationCreate;
    await h.sql(`UPDATE invitations SET expires_at = '2026-01-02T00:00:00Z' WHERE email = 'late@example.com'`);
    const input = { token: invited.token, fullName: 'Late', password: 'a-long-enough-password' };
    expect((await h.anonymous.ok(ACCEPT, { input })).invitationAccept.userErrors[0].message).toBe(
      'The invitation expired on 2026-01-02: ask an admin of the tenant for a new one',
    );
    expect((await h.anonymous.ok(ACCEPT, { input: { ...input, token: 'inv_not-a-real-token-at-all' } })).invitationAccept.userErrors[0].message).toMatch(
      /unknown/,
    );
    const fresh = (await admin.ok(INVITE, { input: { email: 'twice@example.com', role: 'VIEWER' } })).invitationCreate;
    await h.anonymous.ok(ACCEPT, { input: { ...input, token: fresh.token } });
    expect((await h.anonymous.ok(ACCEPT, { input: { ...input, token: fresh.token } })).invitationAccept.userErrors[0].message).toMatch(/already been accepted/);
  });
});
