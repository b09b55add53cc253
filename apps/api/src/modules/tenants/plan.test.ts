import { Caller, Harness, startHarness } from '../../../test/harness';

const CREATE_TENANT = `mutation($input: TenantCreateInput!) { tenantCreate(input: $input) { tenant { id plan } adminInvitationToken userErrors { field message code } } }`;
const PLAN_CHANGE = `mutation($input: TenantPlanChangeInput!) { tenantPlanChange(input: $input) {
  tenant { plan planDetails { name } subscription { status billingCycle price plan { tier } } subscriptions { plan { tier } endedAt } } userErrors { field message code } } }`;
const AGENT = `mutation($input: AgentCreateInput!) { agentCreate(input: $input) { agent { id } userErrors { field message code } } }`;
const API_KEY = `mutation($input: ApiKeyCreateInput!) { apiKeyCreate(input: $input) { apiKey { id } userErrors { field message code } } }`;
const INVITE = `mutation($input: InvitationCreateInput!) { invitationCreate(input: $input) { invitation { id } userErrors { field message code } } }`;
const POLICY = `mutation($input: PolicyCreateInput!) { policyCreate(input: $input) { policy { id } userErrors { field message code } } }`;
const USAGE = `{ tenant { plan features usage { limit used max liftedBy { tier } } } }`;

const agent = (name: string) => ({ name, role: 'CUSTOM', description: 'limit test', modelTier: 'HAIKU' });
const policy = (name: string) => ({ name, type: 'AGENT', severity: 'LOW', enforcement: 'AUDIT', rules: [{ name: 'r', condition: 'true', message: 'm' }] });

let h: Harness;
let platform: Caller;
beforeAll(async () => {
  h = await startHarness();
  platform = await h.signIn('platform@steward.test');
});
afterAll(() => h.close());

/** A fresh tenant on `plan` and its signed-in admin. */
async function tenantOn(slug: string, plan?: string): Promise<{ id: string; admin: Caller }> {
  const created = (await platform.ok(CREATE_TENANT, { input: { name: `Tenant ${slug}`, slug, plan, adminEmail: `admin@${slug}.test` } })).tenantCreate;
  expect(created.userErrors).toEqual([]);
  await h.anonymous.ok(
    `mutation($t: String!) { invitationAccept(input: { token: $t, fullName: "Admin ${slug}", password: "a-long-enough-password" }) { accepted } }`,
    {
      t: created.adminInvitationToken,
    },
  );
  const signIn = await h.anonymous.ok(`mutation($e: String!) { sessionCreate(input: { email: $e, password: "a-long-enough-password" }) { accessToken } }`, {
    e: `admin@${slug}.test`,
  });
  return { id: created.tenant.id, admin: new Caller(h.url, { token: signIn.sessionCreate.accessToken }) };
}

describe('plans', () => {
  it('are data: prices, limits and features, cheapest first', async () => {
    const viewer = await h.signIn('viewer@acme.test');
    const { plans } = await viewer.ok(
      `{ plans { tier name monthlyPrice annualPrice features limits { maxAgents maxMembers maxApiKeys maxPolicies metricRetentionDays } } }`,
    );
    expect(plans.map((p: any) => p.tier)).toEqual(['TRIAL', 'STARTER', 'PROFESSIONAL', 'ENTERPRISE']);
    expect(plans[1]).toEqual({
      tier: 'STARTER',
      name: 'Starter',
      monthlyPrice: '49.00',
      annualPrice: '490.00',
      features: ['EXPORTS'],
      limits: { maxAgents: 4, maxMembers: 10, maxApiKeys: 5, maxPolicies: 10, metricRetentionDays: 30 },
    });
    expect(plans[3].limits.maxAgents).toBeNull();
  });

  it('enforce the agent limit race-free: of two concurrent creates at the limit exactly one succeeds', async () => {
    const { admin } = await tenantOn('racing');
    for (const name of ['One', 'Two']) expect((await admin.ok(AGENT, { input: agent(name) })).agentCreate.userErrors).toEqual([]);
    const results = await Promise.all(['Three', 'Four'].map((name) => admin.ok(AGENT, { input: agent(name) })));
    const outcomes = results.map((r) => r.agentCreate);
    expect(outcomes.filter((o) => o.agent).length).toBe(1);
    const refused = outcomes.find((o) => !o.agent);
    expect(refused.userErrors).toEqual([
      { field: null, code: 'PLAN_LIMIT', message: 'The Trial plan allows 3 agents, and all are in use. The Starter plan allows 4.' },
    ]);
    const [{ count }] = await h.sql(`SELECT count(*)::int AS count FROM agents a JOIN tenants t ON t.id = a.tenant_id WHERE t.slug = 'racing'`);
    expect(count).toBe(3);
  });

  it('enforce API key, member and policy limits, and negotiated limits replace the plan', async () => {
    const { id, admin } = await tenantOn('limited');
    for (const name of ['k1', 'k2']) expect((await admin.ok(API_KEY, { input: { name, role: 'VIEWER' } })).apiKeyCreate.userErrors).toEqual([]);
    expect((await admin.ok(API_KEY, { input: { name: 'k3', role: 'VIEWER' } })).apiKeyCreate.userErrors).toEqual([
      { field: null, code: 'PLAN_LIMIT', message: 'The Trial plan allows 2 active API keys, and all are in use. The Starter plan allows 5.' },
    ]);
    // The admin holds one of five seats; pending invitations hold the rest.
    for (const n of [1, 2, 3, 4]) {
      expect((await admin.ok(INVITE, { input: { email: `p${n}@limited.test`, role: 'VIEWER' } })).invitationCreate.userErrors).toEqual([]);
    }
    // Inviting someone again replaces their pending invitation rather than taking a seat.
    expect((await admin.ok(INVITE, { input: { email: 'p4@limited.test', role: 'ANALYST' } })).invitationCreate.userErrors).toEqual([]);
    expect((await admin.ok(INVITE, { input: { email: 'p5@limited.test', role: 'VIEWER' } })).invitationCreate.userErrors).toEqual([
      { field: null, code: 'PLAN_LIMIT', message: 'The Trial plan allows 5 members, and all are in use. The Starter plan allows 10.' },
    ]);
    await platform.ok(`mutation($id: ID!) { tenantUpdate(input: { tenantId: $id, resourceLimits: { maxPolicies: 1 } }) { tenant { id } } }`, { id });
    expect((await admin.ok(POLICY, { input: policy('First') })).policyCreate.userErrors).toEqual([]);
    expect((await admin.ok(POLICY, { input: policy('Second') })).policyCreate.userErrors).toEqual([
      { field: null, code: 'PLAN_LIMIT', message: "This tenant's negotiated limit allows 1 policies, and all are in use. The Starter plan allows 10." },
    ]);
    const usage = (await admin.ok(USAGE)).tenant;
    expect(usage.plan).toBe('TRIAL');
    expect(usage.usage).toEqual([
      { limit: 'AGENTS', used: 0, max: 3, liftedBy: { tier: 'STARTER' } },
      { limit: 'MEMBERS', used: 5, max: 5, liftedBy: { tier: 'STARTER' } },
      { limit: 'API_KEYS', used: 2, max: 2, liftedBy: { tier: 'STARTER' } },
      { limit: 'POLICIES', used: 1, max: 1, liftedBy: { tier: 'STARTER' } },
      { limit: 'EVENTS_PER_MONTH', used: 0, max: 10000, liftedBy: { tier: 'STARTER' } },
    ]);
  });

  it('refuse features the plan lacks, naming the plan that has them', async () => {
    const { admin } = await tenantOn('featureless');
    expect((await admin.ok(USAGE)).tenant.features).toEqual([]);
    const created = await admin.ok(
      `mutation { approvalRequestCreate(input: { title: "Ship it", steps: [{ name: "Review", deciders: [{ kind: ROLE, role: ADMIN }] }] }) { approvalRequest { id } userErrors { field message code } } }`,
    );
    expect(created.approvalRequestCreate.userErrors).toEqual([
      { field: null, code: 'PLAN_LIMIT', message: 'Approvals: not included in the Trial plan; the Professional plan includes it.' },
    ]);
  });

  it('change by platform admins only, keep the history and are audited in both trails; limits follow at once', async () => {
    const globexAdmin = await h.signIn('admin@globex.test');
    const globex = (await globexAdmin.ok(`{ tenant { id plan usage { limit used max } } }`)).tenant;
    expect(globex.plan).toBe('PROFESSIONAL');
    const agents = globex.usage.find((u: any) => u.limit === 'AGENTS');
    expect(agents).toEqual({ limit: 'AGENTS', used: 4, max: 25 });
    const denied = await globexAdmin.gql(PLAN_CHANGE, { input: { tenantId: globex.id, plan: 'STARTER' } });
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const moved = (await platform.ok(PLAN_CHANGE, { input: { tenantId: globex.id, plan: 'STARTER', billingCycle: 'ANNUAL', reason: 'downgrade' } }))
      .tenantPlanChange;
    expect(moved.userErrors).toEqual([]);
    expect(moved.tenant.plan).toBe('STARTER');
    expect(moved.tenant.subscription).toEqual({ status: 'ACTIVE', billingCycle: 'ANNUAL', price: '490.00', plan: { tier: 'STARTER' } });
    expect(moved.tenant.subscriptions.map((s: any) => [s.plan.tier, s.endedAt === null])).toEqual([
      ['STARTER', true],
      ['PROFESSIONAL', false],
    ]);
    const refused = (await globexAdmin.ok(AGENT, { input: agent('One too many') })).agentCreate;
    expect(refused.userErrors[0]).toEqual({
      field: null,
      code: 'PLAN_LIMIT',
      message: 'The Starter plan allows 4 agents, and all are in use. The Professional plan allows 25.',
    });
    const trails = await h.sql(
      `SELECT tenant_id IS NULL AS platform, after->>'plan' AS plan, after->>'reason' AS reason FROM audit_entries WHERE action = 'tenant.plan.change' AND entity_id = $1 ORDER BY tenant_id NULLS FIRST`,
      [(await h.sql(`SELECT id FROM tenants WHERE slug = 'globex'`))[0].id],
    );
    expect(trails).toEqual([
      { platform: true, plan: 'starter', reason: 'downgrade' },
      { platform: false, plan: 'starter', reason: 'downgrade' },
    ]);
    const back = (await platform.ok(PLAN_CHANGE, { input: { tenantId: globex.id, plan: 'PROFESSIONAL', billingCycle: 'MONTHLY' } })).tenantPlanChange;
    expect(back.tenant.subscription.price).toBe('299.00');
    expect((await globexAdmin.ok(AGENT, { input: agent('Room again') })).agentCreate.userErrors).toEqual([]);
  });

  it("usage is for the tenant's admins and platform admins; subscriptions stay in their tenant", async () => {
    const viewer = await h.signIn('viewer@globex.test');
    const read = await viewer.gql(`{ tenant { plan usage { used } } }`);
    expect(read.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const acmeAdmin = await h.signIn('admin@acme.test');
    const all = (await acmeAdmin.ok(`{ tenant { subscriptions { plan { tier } } } }`)).tenant.subscriptions;
    expect(all.map((s: any) => s.plan.tier)).toEqual(['ENTERPRISE']);
    const tenants = (await platform.ok(`{ tenants(first: 100) { nodes { slug plan usage { limit used } subscription { plan { tier } } } } }`)).tenants.nodes;
    const initech = tenants.find((t: any) => t.slug === 'initech');
    expect(initech.subscription.plan.tier).toBe('STARTER');
    expect(initech.usage.find((u: any) => u.limit === 'AGENTS').used).toBe(4);
  });
});
