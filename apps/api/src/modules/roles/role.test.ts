import { Harness, startHarness } from '../../../test/harness';

const CREATE = `mutation($input: CustomRoleCreateInput!) {
  customRoleCreate(input: $input) { customRole { id name description permissions memberCount apiKeyCount createdBy { email } } userErrors { field message code } } }`;
const UPDATE = `mutation($input: CustomRoleUpdateInput!) { customRoleUpdate(input: $input) { customRole { name permissions } userErrors { field message code } } }`;
const DELETE = `mutation($input: CustomRoleDeleteInput!) { customRoleDelete(input: $input) { deletedCustomRoleId userErrors { field message code } } }`;
const ASSIGN = `mutation($input: MembershipRoleChangeInput!) {
  membershipRoleChange(input: $input) { membership { role customRole { name } assignedAt assignedBy { email } } userErrors { field message code } } }`;
const KEY = `mutation($input: ApiKeyCreateInput!) { apiKeyCreate(input: $input) { secret apiKey { role customRole { name } } userErrors { field message code } } }`;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

async function membershipId(email: string): Promise<string> {
  const [row] = await h.sql(
    `SELECT m.id FROM memberships m JOIN users u ON u.id = m.user_id JOIN tenants t ON t.id = m.tenant_id WHERE u.email = $1 AND t.slug = 'acme'`,
    [email],
  );
  return Buffer.from(`Membership:${row.id}`).toString('base64url');
}

describe('custom roles', () => {
  it('are made from permissions by an admin, listed with the system roles, and names are unique ignoring case', async () => {
    const admin = await h.signIn('admin@acme.test');
    const created = (
      await admin.ok(CREATE, { input: { name: 'Release manager', description: 'Ships agents', permissions: ['VIOLATIONS_READ', 'AGENTS_WRITE'] } })
    ).customRoleCreate;
    expect(created.userErrors).toEqual([]);
    expect(created.customRole).toMatchObject({
      name: 'Release manager',
      permissions: ['AGENTS_WRITE', 'VIOLATIONS_READ'],
      memberCount: 0,
      apiKeyCount: 0,
      createdBy: { email: 'admin@acme.test' },
    });
    const again = (await admin.ok(CREATE, { input: { name: 'release MANAGER', permissions: [] } })).customRoleCreate;
    expect(again.userErrors).toEqual([{ field: ['input', 'name'], code: 'CONFLICT', message: expect.stringContaining('already exists') }]);

    const listed = await admin.ok(`{ customRoles { name } systemRoles { role permissions } permissions { name systemRoles } }`);
    expect(listed.customRoles.map((r: { name: string }) => r.name)).toEqual(expect.arrayContaining(['Agent operator', 'HR manager', 'Release manager']));
    expect(listed.systemRoles.find((r: { role: string }) => r.role === 'VIEWER').permissions).toEqual([]);
    expect(listed.permissions.find((p: { name: string }) => p.name === 'AUDIT_READ').systemRoles).toEqual(['ADMIN', 'AUDITOR']);
    const [audit] = await h.sql(
      `SELECT after FROM audit_entries WHERE action = 'customRole.create' AND outcome = 'success' AND entity_name = 'Release manager'`,
    );
    expect(audit.after).toEqual({ name: 'Release manager', description: 'Ships agents', permissions: ['agents.write', 'violations.read'] });
  });

  it('are refused to those without roles.manage', async () => {
    const dev = await h.signIn('dev@acme.test');
    const denied = await dev.gql(CREATE, { input: { name: 'Mine', permissions: [] } });
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('grant their holders exactly their permissions, recorded with who assigned them, and take effect at the next request', async () => {
    const admin = await h.signIn('admin@acme.test');
    const { customRoles } = await admin.ok(`{ customRoles { id name } }`);
    const operator = customRoles.find((r: { name: string }) => r.name === 'Agent operator');
    const assigned = (await admin.ok(ASSIGN, { input: { membershipId: await membershipId('analyst@acme.test'), customRoleId: operator.id } }))
      .membershipRoleChange;
    expect(assigned.userErrors).toEqual([]);
    expect(assigned.membership).toMatchObject({ role: null, customRole: { name: 'Agent operator' }, assignedBy: { email: 'admin@acme.test' } });
    expect(assigned.membership.assignedAt).not.toBeNull();

    const member = await h.signIn('analyst@acme.test');
    const { viewer } = await member.ok(`{ viewer { role customRoleName isMember permissions } }`);
    expect(viewer).toEqual({ role: null, customRoleName: 'Agent operator', isMember: true, permissions: ['AGENTS_WRITE', 'VIOLATIONS_READ', 'BUDGETS_READ'] });
    // Agents' configuration (agents.write) yes; money (costs.read_amounts, which the analyst role had) no.
    const agents = await member.gql(`{ agents(first: 1) { nodes { name configuration costPerRequest } } }`);
    expect(agents.data?.agents.nodes[0].configuration).not.toBeNull();
    expect(agents.data?.agents.nodes[0].costPerRequest).toBeNull();
    expect(agents.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect((await member.gql(`{ costSummary { __typename } }`)).errors?.[0].extensions?.code).toBe('FORBIDDEN');

    // Taking agents.write away holds at the member's next request, with the same token.
    await admin.ok(UPDATE, { input: { customRoleId: operator.id, permissions: ['VIOLATIONS_READ'] } });
    const after = await member.gql(`{ agents(first: 1) { nodes { configuration } } }`);
    expect(after.data?.agents.nodes[0].configuration).toBeNull();
    await admin.ok(UPDATE, { input: { customRoleId: operator.id, permissions: ['AGENTS_WRITE', 'VIOLATIONS_READ', 'BUDGETS_READ'] } });
  });

  it('cannot be deleted while held: the refusal counts the holders', async () => {
    const admin = await h.signIn('admin@acme.test');
    const role = (await admin.ok(CREATE, { input: { name: 'Short lived', permissions: ['AUDIT_READ'] } })).customRoleCreate.customRole;
    await admin.ok(ASSIGN, { input: { membershipId: await membershipId('viewer@acme.test'), customRoleId: role.id } });
    const key = (await admin.ok(KEY, { input: { name: 'Audit export', customRoleId: role.id } })).apiKeyCreate;
    expect(key.apiKey).toEqual({ role: null, customRole: { name: 'Short lived' } });
    expect((await h.apiKey(key.secret).ok(`{ viewer { permissions } }`)).viewer.permissions).toEqual(['AUDIT_READ']);
    expect((await h.apiKey(key.secret).gql(`{ auditEntries(first: 1) { nodes { action } } }`)).errors).toBeUndefined();

    const refused = (await admin.ok(DELETE, { input: { customRoleId: role.id } })).customRoleDelete;
    expect(refused).toEqual({
      deletedCustomRoleId: null,
      userErrors: [{ field: ['input', 'customRoleId'], code: 'CONFLICT', message: 'The role is held by 1 member and 1 API key: give them another role first' }],
    });
    await h.sql(`DELETE FROM api_keys WHERE name = 'Audit export'`);
    await admin.ok(ASSIGN, { input: { membershipId: await membershipId('viewer@acme.test'), role: 'VIEWER' } });
    expect((await admin.ok(DELETE, { input: { customRoleId: role.id } })).customRoleDelete).toEqual({ deletedCustomRoleId: role.id, userErrors: [] });
  });

  it('are given only within the giver: a member manager cannot hand out admin, nor make a role beyond their own', async () => {
    const admin = await h.signIn('admin@acme.test');
    const { customRoles } = await admin.ok(`{ customRoles { id name } }`);
    const hr = customRoles.find((r: { name: string }) => r.name === 'HR manager');
    await admin.ok(ASSIGN, { input: { membershipId: await membershipId('auditor@acme.test'), customRoleId: hr.id } });
    const manager = await h.signIn('auditor@acme.test');
    const escalate = (await manager.ok(ASSIGN, { input: { membershipId: await membershipId('auditor@acme.test'), role: 'ADMIN' } })).membershipRoleChange;
    expect(escalate.userErrors).toEqual([
      { field: ['input', 'role'], code: 'BAD_USER_INPUT', message: expect.stringContaining('permissions you do not hold') },
    ]);
    const viewer = (await manager.ok(ASSIGN, { input: { membershipId: await membershipId('compliance2@acme.test'), role: 'VIEWER' } })).membershipRoleChange;
    expect(viewer.userErrors).toEqual([]);
    expect((await manager.gql(CREATE, { input: { name: 'x', permissions: [] } })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const both = (await admin.ok(ASSIGN, { input: { membershipId: await membershipId('auditor@acme.test'), role: 'AUDITOR', customRoleId: hr.id } }))
      .membershipRoleChange;
    expect(both.userErrors[0].message).toBe('Give either a system role or a custom role, not both');
  });

  it('of another tenant cannot be assigned or read', async () => {
    const admin = await h.signIn('admin@acme.test');
    const [globex] = await h.sql(`SELECT r.id FROM roles r JOIN tenants t ON t.id = r.tenant_id WHERE t.slug = 'globex'`);
    const foreign = Buffer.from(`CustomRole:${globex.id}`).toString('base64url');
    const assigned = (await admin.ok(ASSIGN, { input: { membershipId: await membershipId('viewer@acme.test'), customRoleId: foreign } })).membershipRoleChange;
    expect(assigned.userErrors).toEqual([{ field: ['input', 'customRoleId'], code: 'BAD_USER_INPUT', message: 'No such custom role in this tenant' }]);
    const read = await admin.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: foreign });
    expect(read.data?.node).toBeNull();
    expect(read.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    expect((await admin.ok(`{ customRoles { name } }`)).customRoles.map((r: { name: string }) => r.name)).not.toContain('Cost reviewer');
  });
});
