import { stableUuid } from '../src/db/seed/deterministic';
import { demoApiKeySecret } from '../src/db/seed/demo-world';
import { toGlobalId } from '../src/graphql/global-id';
import { openScope, type ScopeTransaction } from '../src/scope';
import { Harness, startHarness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const acme = stableUuid('tenant:acme');
const globex = stableUuid('tenant:globex');
const acmeAdmin = stableUuid('user:admin@acme.test');

async function asAcmeAdmin<T>(work: (tx: ScopeTransaction) => Promise<T>): Promise<T> {
  const [session] = await h.sql(
    `INSERT INTO sessions (user_id, family_id, refresh_token_hash, tenant_id, expires_at)
     VALUES ($1, gen_random_uuid(), md5(random()::text), $2, now() + interval '1 hour') RETURNING family_id`,
    [acmeAdmin, acme],
  );
  const scope = await openScope(h.services, { actor: { kind: 'user', userId: acmeAdmin, tenantId: acme, sessionFamilyId: session.family_id } });
  expect(scope?.caller.role).toBe('admin');
  const tx = scope!.tx;
  try {
    return await work(tx);
  } finally {
    await tx.rollback();
  }
}

describe('row-level security', () => {
  it("holds for queries with no tenant filter at all: only the caller's tenant comes back", async () => {
    const totals = await h.sql(
      `SELECT (SELECT count(DISTINCT tenant_id) FROM api_keys) AS key_tenants, (SELECT count(DISTINCT tenant_id) FROM audit_entries) AS audit_tenants`,
    );
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
      await expect(
        tx.manager.query(`INSERT INTO api_keys (tenant_id, name, role, prefix, key_hash) VALUES ($1, 'planted', 'admin', 'stw_x', 'x')`, [globex]),
      ).rejects.toThrow(/row-level security/);
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

/** Tables isolated by something other than the tenant, and the setting their policy reads instead. */
const NOT_BY_TENANT: Record<string, { setting: string; why: string }> = {
  // A session belongs to a user across tenants; its tenant_id only records the tenant it is signed into.
  sessions: { setting: 'steward.current_user_id()', why: 'own sessions only' },
};

/** Tables whose rows belong to one member in one tenant: the caller reads only their own rows of their own tenant. */
const OWN_ROWS_IN_TENANT = new Set(['notifications', 'notification_preferences']);

/**
 * Every table of the app schema with a tenant_id column, read from the catalog so a new table is covered without a change here.
 * Partitions are not listed: their parent's policy applies to every row read or written through it, and the partitions
 * themselves are unreachable for steward_app (see the test of partitions below).
 */
async function tenantTables(): Promise<{ name: string; rls: boolean; forced: boolean; policies: string[] }[]> {
  return h.sql(
    `SELECT c.relname AS name, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
            coalesce(array_agg(pg_get_expr(p.polqual, p.polrelid)) FILTER (WHERE p.polpermissive AND p.polcmd IN ('*', 'r')), '{}') AS policies
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
     LEFT JOIN pg_policy p ON p.polrelid = c.oid
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
     GROUP BY c.oid ORDER BY c.relname`,
  );
}

/** Rows in acme and globex for the tables the demo world fills in one tenant or none, inserted as the owner. */
async function arrangeTwoTenants(): Promise<void> {
  await h.signIn('admin@acme.test');
  await h.signIn('admin@globex.test');
  const both = [acme, globex];
  await h.sql(
    `INSERT INTO invitations (tenant_id, email, role, token_hash, expires_at)
    SELECT t, 'isolation@' || t || '.test', 'viewer', md5(random()::text), now() + interval '1 day' FROM unnest($1::uuid[]) t`,
    [both],
  );
  await h.sql(
    `INSERT INTO mail_outbox (tenant_id, kind, to_address, subject, text_body, status)
    SELECT t, 'isolation', 'isolation@' || t || '.test', 'Isolation probe', 'probe', 'sent' FROM unnest($1::uuid[]) t`,
    [both],
  );
  // Every member of both tenants, so the own-rows policy has other members' rows to hold back.
  await h.sql(
    `INSERT INTO notification_preferences (tenant_id, user_id, kind, email)
    SELECT m.tenant_id, m.user_id, 'alert.raised', true FROM memberships m WHERE m.tenant_id = ANY($1) ON CONFLICT DO NOTHING`,
    [both],
  );
  // A removed member per tenant (someone who is a member of the other one).
  await h.sql(
    `INSERT INTO deleted_memberships (id, tenant_id, user_id, role, created_at)
    SELECT gen_random_uuid(), t, (SELECT m.user_id FROM memberships m WHERE m.tenant_id <> t ORDER BY m.id LIMIT 1), 'viewer', now()
    FROM unnest($1::uuid[]) t ON CONFLICT DO NOTHING`,
    [both],
  );
  await h.sql(
    `INSERT INTO policy_evaluation_runs (tenant_id, policy_id, policy_version, total)
    SELECT DISTINCT ON (tenant_id) tenant_id, id, version, 0 FROM policies WHERE tenant_id = ANY($1) ORDER BY tenant_id, created_at`,
    [both],
  );
  await h.sql(
    `INSERT INTO policy_agents (tenant_id, policy_id, agent_id)
    SELECT DISTINCT ON (p.tenant_id) p.tenant_id, p.id, a.id FROM policies p JOIN agents a ON a.tenant_id = p.tenant_id
    WHERE p.tenant_id = ANY($1) ORDER BY p.tenant_id, p.created_at, a.created_at ON CONFLICT DO NOTHING`,
    [both],
  );
  await h.sql(
    `INSERT INTO agent_channels (tenant_id, agent_id, type, name)
    SELECT DISTINCT ON (tenant_id) tenant_id, id, 'webhook', 'Isolation probe' FROM agents WHERE tenant_id = ANY($1) ORDER BY tenant_id, created_at`,
    [both],
  );
  await h.sql(
    `INSERT INTO channel_deliveries (tenant_id, channel_id, source, message_id, subject, text)
    SELECT tenant_id, id, 'test', 'msg_probe', 'Isolation probe', 'probe' FROM agent_channels WHERE name = 'Isolation probe' AND tenant_id = ANY($1)`,
    [both],
  );
  await h.sql(
    `INSERT INTO skill_installations (tenant_id, agent_id, skill_id)
    SELECT DISTINCT ON (a.tenant_id) a.tenant_id, a.id, s.id FROM agents a JOIN skills s ON s.tenant_id = a.tenant_id
    WHERE a.tenant_id = ANY($1) AND NOT EXISTS (SELECT 1 FROM skill_installations i WHERE i.agent_id = a.id AND i.skill_id = s.id)
    ORDER BY a.tenant_id, a.created_at, s.created_at`,
    [both],
  );
  await h.sql(
    `INSERT INTO observability_settings (tenant_id, raw_days, hour_days, day_days) SELECT t, 7, 30, 90 FROM unnest($1::uuid[]) t ON CONFLICT DO NOTHING`,
    [both],
  );
  await h.sql(`INSERT INTO metric_rollup_dirty (tenant_id, hour) SELECT t, date_trunc('hour', now()) FROM unnest($1::uuid[]) t ON CONFLICT DO NOTHING`, [both]);
  await h.sql(
    `WITH rules AS (INSERT INTO alert_rules (tenant_id, name, condition, window_minutes, for_minutes, severity)
       SELECT t, 'Isolation probe', 'window.errorRate > 0.5', 5, 0, 'warning' FROM unnest($1::uuid[]) t RETURNING id, tenant_id)
     INSERT INTO alert_rule_states (tenant_id, rule_id, agent_id, evaluated_at)
     SELECT DISTINCT ON (r.tenant_id) r.tenant_id, r.id, a.id, now() FROM rules r JOIN agents a ON a.tenant_id = r.tenant_id ORDER BY r.tenant_id, a.created_at`,
    [both],
  );
  // Compliance: one of everything per tenant (Acme's seed already holds some; these are probes).
  await h.sql(
    `WITH f AS (INSERT INTO compliance_frameworks (tenant_id, name) SELECT t, 'Isolation probe' FROM unnest($1::uuid[]) t RETURNING id, tenant_id),
     r AS (INSERT INTO compliance_requirements (tenant_id, framework_id, code, title) SELECT tenant_id, id, 'P1', 'Probe' FROM f RETURNING id, tenant_id, framework_id),
     c AS (INSERT INTO compliance_controls (tenant_id, name) SELECT t, 'Isolation probe' FROM unnest($1::uuid[]) t RETURNING id, tenant_id),
     m AS (INSERT INTO compliance_control_requirements (tenant_id, control_id, requirement_id) SELECT c.tenant_id, c.id, r.id FROM c JOIN r USING (tenant_id)),
     p AS (INSERT INTO compliance_control_policies (tenant_id, control_id, policy_id)
           SELECT DISTINCT ON (c.tenant_id) c.tenant_id, c.id, pol.id FROM c JOIN policies pol ON pol.tenant_id = c.tenant_id ORDER BY c.tenant_id, pol.created_at),
     e AS (INSERT INTO compliance_evidence (tenant_id, control_id, kind, title, note) SELECT tenant_id, id, 'note', 'Probe', 'probe' FROM c RETURNING id, tenant_id),
     ef AS (INSERT INTO compliance_evidence_files (evidence_id, tenant_id, content) SELECT id, tenant_id, decode('00', 'hex') FROM e),
     ev AS (INSERT INTO compliance_evidence_events (tenant_id, evidence_id, action) SELECT tenant_id, id, 'created' FROM e),
     x AS (INSERT INTO compliance_exceptions (tenant_id, control_id, reason, expires_at) SELECT tenant_id, id, 'probe', now() + interval '1 day' FROM c),
     s AS (INSERT INTO compliance_score_snapshots (tenant_id, framework_id, day, met_count, applicable_count) SELECT tenant_id, id, '2000-01-01', 0, 0 FROM f),
     rec AS (INSERT INTO compliance_records (tenant_id, kind, subject_kind, subject_name, risk_score) SELECT t, 'kyc', 'person', 'Probe', 1 FROM unnest($1::uuid[]) t)
     INSERT INTO compliance_exports (tenant_id, framework_id, framework_name, period_start, period_end) SELECT tenant_id, id, 'Isolation probe', '2000-01-01', '2000-01-02' FROM f`,
    [both],
  );
  await h.sql(
    `WITH r AS (INSERT INTO approval_requests (tenant_id, kind, title, current_level) SELECT t, 'manual', 'Isolation probe', 1 FROM unnest($1::uuid[]) t RETURNING id, tenant_id),
     s AS (INSERT INTO approval_steps (tenant_id, request_id, level, name, mode, deciders, status) SELECT tenant_id, id, 1, 'Probe', 'single', '[]', 'pending' FROM r
       RETURNING id, tenant_id, request_id),
     d AS (INSERT INTO approval_decisions (tenant_id, request_id, step_id, level, value) SELECT tenant_id, request_id, id, 1, 'approve' FROM s)
     INSERT INTO approval_comments (tenant_id, request_id, body) SELECT tenant_id, id, 'Isolation probe' FROM r`,
    [both],
  );
  await h.sql(
    `WITH r AS (INSERT INTO hr_records (tenant_id, kind, subject_name_sealed, subject_email_sealed, data_sealed)
       SELECT t, 'candidate', 'v2:probe:a:b:c', 'v2:probe:a:b:c', 'v2:probe:a:b:c' FROM unnest($1::uuid[]) t)
     , s AS (INSERT INTO hr_settings (tenant_id, admins_read_personal) SELECT t, false FROM unnest($1::uuid[]) t)
     INSERT INTO personal_data_exports (tenant_id, subject_user_id) SELECT m.tenant_id, min(m.user_id::text)::uuid FROM memberships m WHERE m.tenant_id = ANY($1::uuid[]) GROUP BY m.tenant_id`,
    [both],
  );
  await h.sql(
    `WITH e AS (INSERT INTO webhook_endpoints (tenant_id, url, secret_sealed) SELECT t, 'https://hooks.example.com/isolation', 'v2:probe:a:b:c' FROM unnest($1::uuid[]) t
       RETURNING id, tenant_id),
     d AS (INSERT INTO webhook_deliveries (tenant_id, endpoint_id, message_id, event_type) SELECT tenant_id, id, 'msg_probe', 'webhook.test' FROM e RETURNING id, tenant_id)
     INSERT INTO webhook_delivery_attempts (tenant_id, delivery_id, attempt, attempted_at, duration_ms) SELECT tenant_id, id, 1, now(), 1 FROM d`,
    [both],
  );
  await h.sql(
    `WITH w AS (INSERT INTO workflows (tenant_id, name, type, trigger_kind, graph) SELECT t, 'Isolation probe', 'automation', 'manual', '{"nodes":[],"edges":[]}'
       FROM unnest($1::uuid[]) t RETURNING id, tenant_id, graph)
     INSERT INTO workflow_versions (tenant_id, workflow_id, version, graph) SELECT tenant_id, id, 1, graph FROM w`,
    [both],
  );
  await h.sql(
    `INSERT INTO workflow_webhook_buckets (tenant_id, workflow_id, tokens) SELECT tenant_id, id, 1 FROM workflows WHERE name = 'Isolation probe' ON CONFLICT DO NOTHING`,
  );
  await h.sql(
    `WITH e AS (INSERT INTO workflow_executions (tenant_id, workflow_id, version) SELECT tenant_id, id, 1 FROM workflows WHERE name = 'Isolation probe' RETURNING id, tenant_id),
     r AS (INSERT INTO workflow_node_runs (tenant_id, execution_id, node_id, node_type, step) SELECT tenant_id, id, 'start', 'start', 1 FROM e RETURNING id, tenant_id, execution_id)
     INSERT INTO workflow_execution_events (tenant_id, execution_id, node_run_id, node_id, to_status, actor_label) SELECT tenant_id, execution_id, id, 'start', 'pending', 'probe' FROM r`,
  );
  await h.sql(
    `WITH c AS (INSERT INTO sso_connections (tenant_id, issuer, client_id, client_secret_sealed, allowed_domains)
       SELECT t, 'https://idp.example.com', 'isolation-probe', 'v2:probe:a:b:c', '{example.com}' FROM unnest($1::uuid[]) t RETURNING tenant_id)
     INSERT INTO sso_identities (tenant_id, user_id, issuer, subject, email)
     SELECT c.tenant_id, (SELECT m.user_id FROM memberships m WHERE m.tenant_id = c.tenant_id ORDER BY m.id LIMIT 1), 'https://idp.example.com', 'probe', 'probe@example.com' FROM c`,
    [both],
  );
  await h.sql(
    `INSERT INTO agent_tasks (tenant_id, agent_id, execution_id, prompt)
     SELECT e.tenant_id, (SELECT a.id FROM agents a WHERE a.tenant_id = e.tenant_id ORDER BY a.id LIMIT 1), e.id, 'Isolation probe'
     FROM workflow_executions e JOIN workflows w ON w.id = e.workflow_id WHERE w.name = 'Isolation probe'`,
  );
}

describe('every table with a tenant_id', () => {
  beforeAll(arrangeTwoTenants);

  it('has partitions that steward_app cannot reach by name, with row-level security forced on them too', async () => {
    const partitions: { name: string; forced: boolean; reachable: boolean }[] = await h.sql(
      `SELECT c.relname AS name, c.relforcerowsecurity AS forced, has_table_privilege('steward_app', c.oid, 'SELECT,INSERT,UPDATE,DELETE') AS reachable
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
       WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relispartition ORDER BY 1`,
    );
    expect(partitions.length).toBeGreaterThan(0);
    expect(partitions.filter((p) => p.reachable || !p.forced)).toEqual([]);
  });

  it('has row-level security enabled and forced, with a policy on the tenant setting', async () => {
    const tables = await tenantTables();
    expect(tables.length).toBeGreaterThan(15);
    const problems = tables.flatMap((t) => {
      const setting = NOT_BY_TENANT[t.name]?.setting ?? 'steward.current_tenant()';
      return [
        ...(t.rls ? [] : [`${t.name}: row-level security is not enabled`]),
        ...(t.forced ? [] : [`${t.name}: row-level security is not forced`]),
        ...(t.policies.some((p) => p.includes(setting)) ? [] : [`${t.name}: no SELECT policy reads ${setting}`]),
      ];
    });
    expect(problems).toEqual([]);
  });

  it("returns only the caller's rows to an unfiltered SELECT * as the application role", async () => {
    const tables = await tenantTables();
    const problems: string[] = [];
    for (const { name } of tables) {
      const [spread] = await h.sql(`SELECT count(DISTINCT tenant_id)::int AS tenants FROM ${name}`);
      if (spread.tenants < 2) problems.push(`${name}: the test database has rows in ${spread.tenants} tenant(s); arrange rows in two (arrangeTwoTenants)`);
    }
    await asAcmeAdmin(async (tx) => {
      for (const { name } of tables) {
        const byTenant = !NOT_BY_TENANT[name];
        const byUser = !byTenant || OWN_ROWS_IN_TENANT.has(name);
        const owner = [...(byTenant ? [['tenant_id', acme]] : []), ...(byUser ? [['user_id', acmeAdmin]] : [])];
        const [expected] = await h.sql(
          `SELECT count(*)::int AS n FROM ${name} WHERE ${owner.map(([column], i) => `${column} = $${i + 1}`).join(' AND ')}`,
          owner.map(([, id]) => id),
        );
        const rows: { tenant_id: string | null; user_id?: string }[] = await tx.manager.query(`SELECT * FROM ${name}`);
        const foreign = rows.filter((r) => (byTenant && r.tenant_id !== acme) || (byUser && r.user_id !== acmeAdmin));
        if (foreign.length) problems.push(`${name}: ${foreign.length} row(s) of others came back`);
        if (rows.length !== expected.n) problems.push(`${name}: ${rows.length} row(s) came back, the caller has ${expected.n}`);
      }
    });
    expect(problems).toEqual([]);
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
    const response = await admin.gql(`mutation($input: MembershipRoleChangeInput!) { membershipRoleChange(input: $input) { membership { role } } }`, {
      input: { membershipId: globexMember, role: 'ADMIN' },
    });
    expect(response.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const [row] = await h.sql(`SELECT role FROM memberships WHERE id = $1`, [stableUuid('membership:globex:viewer@globex.test')]);
    expect(row.role).toBe('viewer');
    const revoke = await admin.gql(`mutation($input: ApiKeyRevokeInput!) { apiKeyRevoke(input: $input) { apiKey { id } } }`, {
      input: { apiKeyId: toGlobalId('ApiKey', stableUuid('api-key:globex:Agent runtime')) },
    });
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
    const create = await key.gql(`mutation { invitationCreate(input: {email: "x@umbrella.test", role: VIEWER}) { token } }`);
    expect(create.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const platform = await h.signIn('platform@steward.test');
    const umbrella = toGlobalId('Tenant', stableUuid('tenant:umbrella'));
    const reactivated = await platform.ok(`mutation($input: TenantLifecycleInput!) { tenantReactivate(input: $input) { tenant { status } } }`, {
      input: { tenantId: umbrella, reason: 'invoice paid' },
    });
    expect(reactivated.tenantReactivate.tenant.status).toBe('ACTIVE');
    const after = await umbrellaAdmin.ok(`{ members { nodes { role } } }`);
    expect(after.members.nodes).toEqual([{ role: 'ADMIN' }]);
  });
});
