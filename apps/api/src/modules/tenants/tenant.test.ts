import { Caller, Harness, startHarness } from '../../../test/harness';

const CREATE = `mutation($input: TenantCreateInput!) { tenantCreate(input: $input) {
  tenant { id name slug plan status resourceLimits { maxAgents } } adminInvitationToken userErrors { field message code } } }`;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('tenants', () => {
  it('are created by platform admins, with their first admin invited', async () => {
    const platform = await h.signIn('platform@steward.test');
    const created = (
      await platform.ok(CREATE, {
        input: { name: 'Hooli', slug: 'hooli', plan: 'PROFESSIONAL', resourceLimits: { maxAgents: 10 }, adminEmail: 'gavin@hooli.test' },
      })
    ).tenantCreate;
    expect(created.tenant).toMatchObject({ name: 'Hooli', slug: 'hooli', plan: 'PROFESSIONAL', status: 'ACTIVE', resourceLimits: { maxAgents: 10 } });
    const accepted = await h.anonymous.ok(
      `mutation($t: String!) { invitationAccept(input: { token: $t, fullName: "Gavin", password: "a-long-enough-password" }) { accepted } }`,
      { t: created.adminInvitationToken },
    );
    expect(accepted.invitationAccept.accepted).toBe(true);
    const signIn = await h.anonymous.ok(`mutation { sessionCreate(input: { email: "gavin@hooli.test", password: "a-long-enough-password" }) { accessToken } }`);
    const gavin = new Caller(h.url, { token: signIn.sessionCreate.accessToken });
    expect((await gavin.ok(`{ viewer { role tenant { slug } } }`)).viewer).toEqual({ role: 'ADMIN', tenant: { slug: 'hooli' } });
    const [entry] = await h.sql(
      `SELECT action, actor_user_id IS NOT NULL AS by_user FROM audit_entries a JOIN tenants t ON t.id = a.tenant_id WHERE t.slug = 'hooli' ORDER BY seq LIMIT 1`,
    );
    expect(entry).toEqual({ action: 'tenant.create', by_user: true });
  });

  it('refuse a taken or malformed slug', async () => {
    const platform = await h.signIn('platform@steward.test');
    const taken = (await platform.ok(CREATE, { input: { name: 'Acme again', slug: 'acme' } })).tenantCreate;
    expect(taken.userErrors).toEqual([{ field: ['input', 'slug'], message: 'A tenant with slug "acme" already exists', code: 'CONFLICT' }]);
    const malformed = await platform.gql(CREATE, { input: { name: 'Bad', slug: 'Not A Slug' } });
    expect(malformed.errors?.[0].extensions?.fields[0].field).toBe('input.slug');
    const both = await platform.gql(CREATE, { input: { name: '', slug: '-bad-' } });
    expect(both.errors?.[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [
        { field: 'input.name', message: 'name must be longer than or equal to 1 characters' },
        { field: 'input.slug', message: 'slug must be 1-40 lowercase letters, digits or dashes, not starting or ending with a dash' },
      ],
    });
  });

  it('are not created, listed or suspended by a tenant admin', async () => {
    const admin = await h.signIn('admin@acme.test');
    const create = await admin.gql(CREATE, { input: { name: 'Mine', slug: 'mine' } });
    expect(create.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const list = await admin.gql(`{ tenants { nodes { slug } } }`);
    expect(list.data.tenants).toBeNull();
    const platform = await h.signIn('platform@steward.test');
    const all = await platform.ok(`{ tenants { totalCount nodes { slug status } } }`);
    expect(all.tenants.nodes.map((t: any) => t.slug)).toEqual(expect.arrayContaining(['acme', 'globex', 'initech', 'umbrella']));
  });

  it('suspended by a platform admin lock their members out at once', async () => {
    const platform = await h.signIn('platform@steward.test');
    const globexAdmin = await h.signIn('admin@globex.test');
    const globex = (await globexAdmin.ok(`{ viewer { tenant { id } } }`)).viewer.tenant.id;
    const suspended = await platform.ok(`mutation($id: ID!) { tenantSuspend(input: { tenantId: $id, reason: "unpaid" }) { tenant { status } } }`, {
      id: globex,
    });
    expect(suspended.tenantSuspend.tenant.status).toBe('SUSPENDED');
    const locked = await globexAdmin.gql(`{ apiKeys { nodes { name } } }`);
    expect(locked.errors?.[0].message).toMatch(/suspended/);
    const [audit] = await h.sql(
      `SELECT action, after->>'reason' AS reason FROM audit_entries WHERE entity_type = 'Tenant' AND action LIKE 'tenant.%' ORDER BY seq DESC LIMIT 1`,
    );
    expect(audit).toEqual({ action: 'tenant.suspend', reason: 'unpaid' });
    const denied = await globexAdmin.gql(`mutation($id: ID!) { tenantReactivate(input: { tenantId: $id }) { tenant { status } } }`, { id: globex });
    expect(denied.errors?.[0].extensions?.code).toMatch(/FORBIDDEN|TENANT_SUSPENDED/);
    const reactivated = await platform.ok(`mutation($id: ID!) { tenantReactivate(input: { tenantId: $id }) { tenant { status } } }`, { id: globex });
    expect(reactivated.tenantReactivate.tenant.status).toBe('ACTIVE');
    expect((await globexAdmin.gql(`{ apiKeys { nodes { name } } }`)).errors).toBeUndefined();
  });
});
