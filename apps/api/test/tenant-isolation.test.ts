import { RequestTransaction } from '../src/db/request-transaction';
import { stableUuid } from '../src/db/seed/deterministic';
import { demoApiKeySecret } from '../src/db/seed/demo-world';
import { toGlobalId } from '../src/graphql/global-id';
import { Harness, startHarness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const acme = stableUuid('tenant:acme');
const globex = stableUuid('tenant:globex');
const acmeAdmin = stableUuid('user:admin@acme.test');

async function asAcmeAdmin<T>(work: (tx: RequestTransaction) => Promise<T>): Promise<T> {
  const [session] = await h.sql(
    `INSERT INTO sessions (user_id, family_id, refresh_token_hash, tenant_id, expires_at)
     VALUES ($1, gen_random_uuid(), md5(random()::text), $2, now() + interval '1 hour') RETURNING family_id`, [acmeAdmin, acme]);
  const { tx, caller } = await RequestTransaction.open(h.dataSource, { kind: 'user', userId: acmeAdmin, tenantId: acme, sessionFamilyId: session.family_id });
  expect(caller?.role).toBe('admin');
  try {
    return await work(tx);
  } finally {
    await tx.rollback();
  }
}

describe('row-level security', () => {
  it('holds for queries with no tenant filter at all: only the caller\'s tenant comes back', async () => {
    const totals = await h.sql(`SELECT (SELECT count(DISTINCT tenant_id) FROM api_keys) AS key_tenants, (SELECT count(DISTINCT tenant_id) FROM audit_entries) AS audit_tenants`);
    expect(Number(totals[0].key_tenants)).toBeGreaterThan(1);
    await asAcmeAdmin(async (tx) => {
      const keys: { tenant_id: string }[] = await tx.manager.query(`SELECT tenant_id FROM api_keys`);
      expect(keys.length).toBeGreaterThan(0);
      expect(new Set(keys.map((k) => k.tenant_id))).toEqual(new Set([acme]));
      const audit: { tenant_id: string }[] = await tx.manager.query(`SELECT tenant_id FROM audit_entries`);
      expect(new Set(audit.map((a) => a.tenant_id))).toEqual(new Set([acme]));
      const invitations: { tenant_id: string }[] = await tx.manager.query(`SELECT tenant_id FROM invitations`);
      expect(invitations.every((i) => i.tenant_id === acme)).toBe(true);
      // Memberships: the tenant's, plus the caller's own elsewhere (for the tenant switcher).
      const memberships: { tenant_id: string; user_id: string }[] = await tx.manager.query(`SELECT tenant_id, user_id FROM memberships`);
      expect(memberships.every((m) => m.tenant_id === acme || m.user_id === acmeAdmin)).toBe(true);
      const tenants: { id: string }[] = await tx.manager.query(`SELECT id FROM tenants`);
      expect(tenants.map((t) => t.id)).toEqual([acme]);
    });
  });

  it('refuses writes into another tenant even when the statement names it', async () => {
    await asAcmeAdmin(async (tx) => {
      await expect(tx.manager.query(
        `INSERT INTO api_keys (tenant_id, name, role, prefix, key_hash) VALUES ($1, 'planted', 'admin', 'stw_x', 'x')`, [globex]))
        .rejects.toThrow(/row-level security/);
    });
    await asAcmeAdmin(async (tx) => {
      const updated = await tx.manager.query(`UPDATE memberships SET role = 'viewer' WHERE tenant_id = $1 RETURNING id`, [globex]);
      expect(updated[0]).toHaveLength(0);
    });
  });

  it('runs requests as a role that owns nothing and cannot bypass RLS', async () => {
    await asAcmeAdmin(async (tx) => {
      const [role] = await tx.manager.query(`SELECT current_user AS name, rolbypassrls, rolsuper FROM pg_roles WHERE rolname = current_user`);
      expect(role).toEqual({ name: 'steward_app', rolbypassrls: false, rolsuper: false });
    });
  });
});

describe('ids of another tenant', () => {
  it('read as NOT_FOUND through node(id:), never as forbidden', async () => {
    const admin = await h.signIn('admin@acme.test');
    const globexKey = toGlobalId('ApiKey', stableUuid('api-key:globex:Agent runtime'));
    const missing = toGlobalId('ApiKey', '00000000-0000-4000-a000-000000000000');
    for (const id of [globexKey, missing]) {
      const response = await admin.gql(`query($id: ID!) { node(id: $id) { id } }`, { id });
      expect(response.data.node).toBeNull();
      expect(response.errors?.[0]).toMatchObject({ message: 'Node not found', extensions: { code: 'NOT_FOUND' } });
    }
    const own = toGlobalId('ApiKey', stableUuid('api-key:acme:CI pipeline'));
    const found = await admin.ok(`query($id: ID!) { node(id: $id) { id ... on ApiKey { name } } }`, { id: own });
    expect(found.node).toEqual({ id: own, name: 'CI pipeline' });
  });

  it('read as NOT_FOUND in mutations, and change nothing', async () => {
    const admin = await h.signIn('admin@acme.test');
    const globexMember = toGlobalId('Membership', stableUuid('membership:globex:viewer@globex.test'));
    const response = await admin.gql(`mutation($input: MembershipRoleChangeInput!) { membershipRoleChange(input: $input) { membership { role } } }`,
      { input: { membershipId: globexMember, role: 'admin' } });
    expect(response.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const [row] = await h.sql(`SELECT role FROM memberships WHERE id = $1`, [stableUuid('membership:globex:viewer@globex.test')]);
    expect(row.role).toBe('viewer');
    const revoke = await admin.gql(`mutation($input: ApiKeyRevokeInput!) { apiKeyRevoke(input: $input) { apiKey { id } } }`,
      { input: { apiKeyId: toGlobalId('ApiKey', stableUuid('api-key:globex:Agent runtime')) } });
    expect(revoke.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const [key] = await h.sql(`SELECT revoked_at FROM api_keys WHERE id = $1`, [stableUuid('api-key:globex:Agent runtime')]);
    expect(key.revoked_at).toBeNull();
  });
});

describe('a suspended tenant', () => {
  it('lets its users and API keys read nothing and change nothing until reactivated', async () => {
    const umbrellaAdmin = await h.signIn('admin@umbrella.test');
    const members = await umbrellaAdmin.gql(`{ members { nodes { role } } viewer { role tenant { slug } } }`);
    expect(members.data.members).toBeNull();
    expect(members.errors?.[0]).toMatchObject({ path: ['members'], extensions: { code: 'FORBIDDEN' } });
    expect(members.errors?.[0].message).toMatch(/suspended/);
    expect(members.data.viewer).toEqual({ role: null, tenant: { slug: 'umbrella' } });

    const key = h.apiKey(demoApiKeySecret('umbrella', 'Agent runtime'));
    const create = await key.gql(`mutation { invitationCreate(input: {email: "x@umbrella.test", role: viewer}) { token } }`);
    expect(create.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const platform = await h.signIn('platform@steward.test');
    const umbrella = toGlobalId('Tenant', stableUuid('tenant:umbrella'));
    const reactivated = await platform.ok(`mutation($input: TenantStatusChangeInput!) { tenantStatusChange(input: $input) { tenant { status } } }`,
      { input: { tenantId: umbrella, status: 'active', reason: 'invoice paid' } });
    expect(reactivated.tenantStatusChange.tenant.status).toBe('active');
    const after = await umbrellaAdmin.ok(`{ members { nodes { role } } }`);
    expect(after.members.nodes).toEqual([{ role: 'admin' }]);
  });
});
