import { Harness, startHarness } from '../../../test/harness';
import { stableUuid } from '../../db/seed/deterministic';

const UPDATE = `mutation($input: UserProfileUpdateInput!) { userProfileUpdate(input: $input) { user { fullName username } userErrors { field message code } } }`;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('a username', () => {
  it('is optional, chosen in the profile, visible to the tenant, and recorded as changed by the user', async () => {
    const dev = await h.signIn('dev@acme.test');
    expect((await dev.ok(`{ viewer { user { username } } }`)).viewer.user.username).toBeNull();
    const set = await dev.ok(UPDATE, { input: { username: 'dana.dev' } });
    expect(set.userProfileUpdate).toEqual({ user: { fullName: expect.any(String), username: 'dana.dev' }, userErrors: [] });
    const viewer = await h.signIn('viewer@acme.test');
    const seen = await viewer.ok(`{ members(filter: { search: "" }) { nodes { user { username } } } }`);
    expect(seen.members.nodes.map((n: any) => n.user.username)).toContain('dana.dev');
    const [row] = await h.sql(`SELECT username, updated_by_id FROM users WHERE email = 'dev@acme.test'`);
    expect(row).toEqual({ username: 'dana.dev', updated_by_id: stableUuid('user:dev@acme.test') });
    const cleared = await dev.ok(UPDATE, { input: { username: null } });
    expect(cleared.userProfileUpdate.user.username).toBeNull();
  });

  it('is unique whatever its case, across tenants', async () => {
    const analyst = await h.signIn('analyst@acme.test');
    await analyst.ok(UPDATE, { input: { username: 'Al.Analyst' } });
    const globex = await h.signIn('dev@globex.test');
    const taken = await globex.ok(UPDATE, { input: { username: 'al.analyst' } });
    expect(taken.userProfileUpdate.user).toBeNull();
    expect(taken.userProfileUpdate.userErrors).toEqual([
      { field: ['input', 'username'], message: expect.stringMatching(/username.*already exists.*ignoring case/), code: 'CONFLICT' },
    ]);
    const [row] = await h.sql(`SELECT username FROM users WHERE email = 'dev@globex.test'`);
    expect(row.username).toBeNull();
  });

  it('refuses a malformed username, naming the field', async () => {
    const dev = await h.signIn('dev@globex.test');
    for (const bad of ['ab', 'has space', '-leading', 'x'.repeat(41)]) {
      const response = await dev.gql(UPDATE, { input: { username: bad } });
      const problems = response.data?.userProfileUpdate?.userErrors ?? response.errors;
      expect(JSON.stringify(problems)).toMatch(/username must be 3 to 40 letters/);
    }
  });
});

describe('created_by and updated_by', () => {
  it('name the inviter for an account made by accepting an invitation', async () => {
    const admin = await h.signIn('admin@acme.test');
    const invited = await admin.ok(
      `mutation($input: InvitationCreateInput!) { invitationCreate(input: $input) { invitation { id } token userErrors { message } } }`,
      { input: { email: 'newcomer@acme.test', role: 'VIEWER' } },
    );
    expect(invited.invitationCreate.userErrors).toEqual([]);
    const accepted = await h.anonymous.ok(`mutation($input: InvitationAcceptInput!) { invitationAccept(input: $input) { accepted userErrors { message } } }`, {
      input: { token: invited.invitationCreate.token, fullName: 'New Comer', password: 'a-long-enough-password' },
    });
    expect(accepted.invitationAccept).toEqual({ accepted: true, userErrors: [] });
    const [row] = await h.sql(`SELECT created_by_id, updated_by_id FROM users WHERE email = 'newcomer@acme.test'`);
    const adminId = stableUuid('user:admin@acme.test');
    expect(row).toEqual({ created_by_id: adminId, updated_by_id: adminId });
  });
});
