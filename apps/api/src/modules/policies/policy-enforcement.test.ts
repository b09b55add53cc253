import { Caller, Harness, startHarness } from '../../../test/harness';
import { demoApiKeySecret } from '../../db/seed/demo-world';
import { stableUuid } from '../../db/seed/deterministic';
import { parseGlobalId, toGlobalId } from '../../graphql/global-id';

const agentId = (name: string, tenant = 'acme') => toGlobalId('Agent', stableUuid(`agent:${tenant}:${name}`));

const FINDING = `policyName policyVersion ruleName severity enforcement message`;
const PAYLOAD = `agent { id name modelTier complianceStatus } policyWarnings { ${FINDING} } policyViolations { ${FINDING} } userErrors { field message code }`;
const CREATE = `mutation($input: AgentCreateInput!) { agentCreate(input: $input) { ${PAYLOAD} } }`;
const UPDATE = `mutation($input: AgentUpdateInput!) { agentUpdate(input: $input) { ${PAYLOAD} } }`;
const lifecycle = (verb: string) => `mutation($input: AgentLifecycleInput!) { agent${verb}(input: $input) { ${PAYLOAD} } }`;
const POLICY_CREATE = `mutation($input: PolicyCreateInput!) { policyCreate(input: $input) { policy { id } userErrors { message } } }`;
const VIOLATIONS = `query($filter: PolicyViolationFilter) { policyViolations(filter: $filter) { nodes {
  id status ruleName agentName enforcement message observed agent { name } policy { name } waiver { reason active expiresAt revokedAt waivedBy { fullName } } } } }`;
const WAIVE = `mutation($input: PolicyViolationWaiveInput!) { policyViolationWaive(input: $input) { violation { id status waiver { reason active waivedBy { fullName } } } userErrors { field message code } } }`;
const REVOKE = `mutation($input: PolicyViolationWaiverRevokeInput!) { policyViolationWaiverRevoke(input: $input) { violation { status waiver { active revokedAt } } userErrors { message code } } }`;

let h: Harness;
let admin: Caller;
let dev: Caller;

async function policy(name: string, enforcement: string, condition: string, scope: Record<string, unknown> = { kind: 'TAGS', tags: ['lab'] }): Promise<string> {
  const created = (
    await admin.ok(POLICY_CREATE, {
      input: { name, type: 'AGENT', severity: 'HIGH', enforcement, scope, rules: [{ name: `${name} rule`, condition, message: `${name} says no` }] },
    })
  ).policyCreate;
  expect(created.userErrors).toEqual([]);
  return created.policy.id;
}

const agentInput = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  role: 'CUSTOM',
  modelTier: 'HAIKU',
  costPerRequest: '0.01',
  tags: ['lab'],
  ...extra,
});
const row = async (sql: string, params: unknown[] = []) => (await h.sql(sql, params))[0];

beforeAll(async () => {
  h = await startHarness();
  admin = await h.signIn('admin@acme.test');
  dev = await h.signIn('dev@acme.test');
  await policy('Lab: nothing experimental', 'AUDIT', '"experimental" in agent.tags');
  await policy('Lab: mind the cost', 'WARN', 'agent.costPerRequest > 0.5');
  await policy('Lab: no opus', 'BLOCK', 'agent.modelTier == "opus"');
  await policy('Lab: owners named', 'BLOCK', 'agent.configuration.owner == "nobody"');
});
afterAll(() => h.close());

describe('the seeded demo policies', () => {
  it('left compliance statuses that follow from their open violations', async () => {
    const statuses = await h.sql(`SELECT name, compliance_status FROM agents WHERE tenant_id = $1 AND status <> 'archived' ORDER BY name`, [
      stableUuid('tenant:acme'),
    ]);
    const nonCompliant = statuses.filter((s) => s.compliance_status === 'non_compliant').map((s) => s.name);
    expect(nonCompliant).toEqual(['Incident Triage', 'Terraform Drafter']);
    const open = await h.sql(`SELECT DISTINCT agent_name FROM policy_violations WHERE tenant_id = $1 AND status = 'open' ORDER BY agent_name`, [
      stableUuid('tenant:acme'),
    ]);
    expect(open.map((v) => v.agent_name)).toEqual(nonCompliant);
  });
});

describe('enforcement modes', () => {
  it('audit applies the change silently, records the violation, and the agent turns non-compliant until it is fixed or leaves the scope', async () => {
    const created = (await dev.ok(CREATE, { input: agentInput('Lab Audit', { tags: ['lab', 'experimental'] }) })).agentCreate;
    expect(created).toMatchObject({
      userErrors: [],
      policyWarnings: [],
      policyViolations: [],
      agent: { name: 'Lab Audit', complianceStatus: 'NON_COMPLIANT' },
    });
    const id = created.agent.id;
    const decision =
      await row(`SELECT d.trigger, d.result, d.action_taken, d.agent_id IS NOT NULL AS has_agent, d.input_digest, d.request_id IS NOT NULL AS has_request
      FROM policy_decisions d JOIN policies p ON p.id = d.policy_id WHERE p.name = 'Lab: nothing experimental'`);
    expect(decision).toEqual({
      trigger: 'create',
      result: 'violation',
      action_taken: 'recorded',
      has_agent: true,
      input_digest: expect.stringMatching(/^[0-9a-f]{64}$/),
      has_request: true,
    });

    const compliance = await admin.ok(
      `query($id: ID!) { agent(id: $id) { complianceStatus violations(filter: { statuses: [OPEN] }) { nodes { ruleName status enforcement policy { name } } } } }`,
      { id },
    );
    expect(compliance.agent.violations.nodes).toEqual([
      { ruleName: 'Lab: nothing experimental rule', status: 'OPEN', enforcement: 'AUDIT', policy: { name: 'Lab: nothing experimental' } },
    ]);

    const fixed = (await dev.ok(UPDATE, { input: { agentId: id, tags: ['lab'] } })).agentUpdate;
    expect(fixed.agent.complianceStatus).toBe('COMPLIANT');
    const violation = await row(`SELECT status, resolved_at IS NOT NULL AS resolved FROM policy_violations WHERE agent_name = 'Lab Audit'`);
    expect(violation).toEqual({ status: 'resolved', resolved: true });
    const again = (await dev.ok(UPDATE, { input: { agentId: id, tags: ['lab', 'experimental'] } })).agentUpdate;
    expect(again.agent.complianceStatus).toBe('NON_COMPLIANT');
    const counts = await h.sql(`SELECT status, count(*)::int AS n FROM policy_violations WHERE agent_name = 'Lab Audit' GROUP BY status ORDER BY status`);
    expect(counts).toEqual([
      { status: 'open', n: 1 },
      { status: 'resolved', n: 1 },
    ]);
    const outOfScope = (await dev.ok(UPDATE, { input: { agentId: id, tags: ['experimental'] } })).agentUpdate;
    expect(outOfScope.agent.complianceStatus).toBe('COMPLIANT');
    expect(await h.sql(`SELECT status FROM policy_violations WHERE agent_name = 'Lab Audit' AND status = 'open'`)).toEqual([]);
  });

  it('warn applies the change and returns the warnings', async () => {
    const created = (await dev.ok(CREATE, { input: agentInput('Lab Warn', { costPerRequest: '0.9' }) })).agentCreate;
    expect(created.userErrors).toEqual([]);
    expect(created.agent.name).toBe('Lab Warn');
    expect(created.policyWarnings).toEqual([
      {
        policyName: 'Lab: mind the cost',
        policyVersion: 1,
        ruleName: 'Lab: mind the cost rule',
        severity: 'HIGH',
        enforcement: 'WARN',
        message: 'Lab: mind the cost says no',
      },
    ]);
    const found = await dev.ok(`mutation($input: AgentUpdateInput!) { agentUpdate(input: $input) { policyWarnings { policyName policy { id name } } } }`, {
      input: { agentId: created.agent.id, description: 'x' },
    });
    expect(found.agentUpdate.policyWarnings[0].policy.name).toBe(found.agentUpdate.policyWarnings[0].policyName);
    const policy = await dev.ok(`query($id: ID!) { policy(id: $id) { name } }`, { id: found.agentUpdate.policyWarnings[0].policy.id });
    expect(policy.policy.name).toBe('Lab: mind the cost');
    expect(await row(`SELECT action_taken FROM policy_decisions WHERE agent_name = 'Lab Warn' AND result = 'violation'`)).toEqual({ action_taken: 'warned' });
    expect(await row(`SELECT status, enforcement FROM policy_violations WHERE agent_name = 'Lab Warn'`)).toEqual({ status: 'open', enforcement: 'warn' });
  });

  it('block refuses a create, records the attempt and a denied audit entry, and changes nothing else', async () => {
    const before = await row(`SELECT (SELECT count(*) FROM agents)::int AS agents, (SELECT count(*) FROM agent_activities)::int AS activities`);
    const refused = (await dev.ok(CREATE, { input: agentInput('Lab Opus', { modelTier: 'OPUS' }) })).agentCreate;
    expect(refused.agent).toBeNull();
    expect(refused.userErrors).toEqual([{ field: null, message: 'Lab: no opus: Lab: no opus says no', code: 'POLICY_VIOLATION' }]);
    expect(refused.policyViolations).toEqual([expect.objectContaining({ policyName: 'Lab: no opus', ruleName: 'Lab: no opus rule', enforcement: 'BLOCK' })]);
    expect(await row(`SELECT (SELECT count(*) FROM agents)::int AS agents, (SELECT count(*) FROM agent_activities)::int AS activities`)).toEqual(before);
    expect(await row(`SELECT agent_id, trigger, result, action_taken FROM policy_decisions WHERE agent_name = 'Lab Opus' AND result = 'violation'`)).toEqual({
      agent_id: null,
      trigger: 'create',
      result: 'violation',
      action_taken: 'blocked',
    });
    expect(await row(`SELECT agent_id, status, refused_change FROM policy_violations WHERE agent_name = 'Lab Opus'`)).toEqual({
      agent_id: null,
      status: 'blocked',
      refused_change: true,
    });
    expect(await row(`SELECT outcome, error_code, entity_id FROM audit_entries WHERE action = 'agent.create' AND entity_name = 'Lab Opus'`)).toEqual({
      outcome: 'denied',
      error_code: 'POLICY_VIOLATION',
      entity_id: null,
    });
  });

  it('block refuses an update of an existing agent, which stays as it was and keeps its compliance', async () => {
    const created = (await dev.ok(CREATE, { input: agentInput('Lab Haiku') })).agentCreate;
    expect(created.agent.complianceStatus).toBe('COMPLIANT');
    const refused = (await dev.ok(UPDATE, { input: { agentId: created.agent.id, modelTier: 'OPUS' } })).agentUpdate;
    expect(refused.userErrors[0].code).toBe('POLICY_VIOLATION');
    expect(await row(`SELECT model_tier, compliance_status FROM agents WHERE name = 'Lab Haiku'`)).toEqual({
      model_tier: 'haiku',
      compliance_status: 'compliant',
    });
    expect(await row(`SELECT status, agent_id IS NOT NULL AS has_agent FROM policy_violations WHERE agent_name = 'Lab Haiku'`)).toEqual({
      status: 'blocked',
      has_agent: true,
    });
  });

  it('a rule that cannot be evaluated on an agent is recorded as an error and does not block', async () => {
    const created = (await dev.ok(CREATE, { input: agentInput('Lab Ownerless', { configuration: { team: 'lab' } }) })).agentCreate;
    expect(created.userErrors).toEqual([]);
    expect(
      await row(
        `SELECT result, action_taken, error FROM policy_decisions d JOIN policies p ON p.id = d.policy_id WHERE p.name = 'Lab: owners named' AND agent_name = 'Lab Ownerless'`,
      ),
    ).toEqual({ result: 'error', action_taken: 'none', error: 'Line 1, column 21: No such key: owner' });
    const owned = (await dev.ok(CREATE, { input: agentInput('Lab Nobody', { configuration: { owner: 'nobody' } }) })).agentCreate;
    expect(owned.userErrors[0].code).toBe('POLICY_VIOLATION');
  });

  it('refuses a partner app (API key with the developer role) the same way', async () => {
    const runtime = h.apiKey(demoApiKeySecret('acme', 'Agent runtime'));
    const refused = (await runtime.ok(CREATE, { input: agentInput('Runtime Opus', { modelTier: 'OPUS' }) })).agentCreate;
    expect(refused.agent).toBeNull();
    expect(refused.userErrors[0]).toMatchObject({ code: 'POLICY_VIOLATION' });
    expect(await row(`SELECT actor_type, actor_label, outcome FROM audit_entries WHERE action = 'agent.create' AND entity_name = 'Runtime Opus'`)).toEqual({
      actor_type: 'api_key',
      actor_label: 'Agent runtime',
      outcome: 'denied',
    });
    expect(await h.sql(`SELECT 1 FROM agents WHERE name = 'Runtime Opus'`)).toEqual([]);
  });

  it('block refuses a deploy: the agent stays a draft, with no activity, and the refusal is recorded', async () => {
    const models = (await dev.ok(`{ aiModels(first: 100) { nodes { id status tier } } }`)).aiModels.nodes;
    const model = models.find((m: { status: string; tier: string | null }) => m.status === 'DEPLOYED' && m.tier && m.tier !== 'OPUS');
    const created = (await dev.ok(CREATE, { input: agentInput('Lab Deploy Blocked', { modelId: model.id, modelTier: model.tier }) })).agentCreate;
    expect(created.userErrors).toEqual([]);
    await policy('Lab: not live yet', 'BLOCK', 'agent.status == "deployed"', { kind: 'AGENTS', agentIds: [created.agent.id] });
    const uuid = (await row(`SELECT id FROM agents WHERE name = 'Lab Deploy Blocked'`)).id;
    const state = () =>
      row(
        `SELECT a.status, a.deployed_at, a.updated_at, a.runtime_state, a.compliance_status,
      (SELECT count(*)::int FROM agent_activities WHERE agent_id = a.id) AS activities FROM agents a WHERE a.id = $1`,
        [uuid],
      );
    const before = await state();

    const refused = (await dev.ok(lifecycle('Deploy'), { input: { agentId: created.agent.id } })).agentDeploy;
    expect(refused.agent).toBeNull();
    expect(refused.userErrors).toEqual([{ field: null, message: 'Lab: not live yet: Lab: not live yet says no', code: 'POLICY_VIOLATION' }]);
    expect(refused.policyViolations).toEqual([expect.objectContaining({ policyName: 'Lab: not live yet', enforcement: 'BLOCK' })]);
    expect(await state()).toEqual(before);
    expect(before.status).toBe('draft');
    expect(await row(`SELECT trigger, action_taken FROM policy_decisions WHERE agent_id = $1 AND result = 'violation'`, [uuid])).toEqual({
      trigger: 'deploy',
      action_taken: 'blocked',
    });
    expect(await row(`SELECT outcome, error_code FROM audit_entries WHERE action = 'agent.deploy' AND entity_id = $1`, [uuid])).toEqual({
      outcome: 'denied',
      error_code: 'POLICY_VIOLATION',
    });
  });

  it('never blocks taking an agent out of service, but does block putting it back', async () => {
    await policy('Triage stays off opus', 'BLOCK', 'agent.modelTier == "opus"', { kind: 'AGENTS', agentIds: [agentId('Incident Triage')] });
    const suspended = (await dev.ok(lifecycle('Suspend'), { input: { agentId: agentId('Incident Triage'), reason: 'cost review' } })).agentSuspend;
    expect(suspended.userErrors).toEqual([]);
    expect(
      await row(
        `SELECT action_taken FROM policy_decisions d JOIN policies p ON p.id = d.policy_id WHERE p.name = 'Triage stays off opus' AND d.trigger = 'suspend'`,
      ),
    ).toEqual({ action_taken: 'recorded' });
    const resumed = (await dev.ok(lifecycle('Resume'), { input: { agentId: agentId('Incident Triage') } })).agentResume;
    expect(resumed.userErrors[0].code).toBe('POLICY_VIOLATION');
    expect(await row(`SELECT status FROM agents WHERE id = $1`, [stableUuid('agent:acme:Incident Triage')])).toEqual({ status: 'suspended' });
  });
});

describe('waivers', () => {
  const violationOf = async (agentName: string, status: string) =>
    (await admin.ok(VIOLATIONS, { filter: { statuses: [status] } })).policyViolations.nodes.find((v: { agentName: string }) => v.agentName === agentName);

  it('are granted by admins only, let the same change through, and end when revoked', async () => {
    const created = (await dev.ok(CREATE, { input: agentInput('Lab Waived') })).agentCreate;
    const toOpus = () => dev.ok(UPDATE, { input: { agentId: created.agent.id, modelTier: 'OPUS' } });
    expect((await toOpus()).agentUpdate.userErrors[0].code).toBe('POLICY_VIOLATION');
    const blocked = await violationOf('Lab Waived', 'BLOCKED');
    expect(blocked).toMatchObject({
      status: 'BLOCKED',
      enforcement: 'BLOCK',
      agent: { name: 'Lab Waived' },
      observed: expect.objectContaining({ modelTier: 'opus' }),
    });

    const byDeveloper = await dev.gql(WAIVE, { input: { violationId: blocked.id, reason: 'I say so' } });
    expect(byDeveloper.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const noReason = await admin.gql(WAIVE, { input: { violationId: blocked.id, reason: '' } });
    expect(noReason.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    const waived = (await admin.ok(WAIVE, { input: { violationId: blocked.id, reason: 'Benchmarking opus for a week' } })).policyViolationWaive;
    expect(waived).toEqual({
      userErrors: [],
      violation: { id: blocked.id, status: 'WAIVED', waiver: { reason: 'Benchmarking opus for a week', active: true, waivedBy: { fullName: 'Ada Admin' } } },
    });
    expect(await row(`SELECT outcome, after->>'reason' AS reason FROM audit_entries WHERE action = 'policyViolation.waive'`)).toEqual({
      outcome: 'success',
      reason: 'Benchmarking opus for a week',
    });

    const applied = (await toOpus()).agentUpdate;
    expect(applied).toMatchObject({ userErrors: [], agent: { modelTier: 'OPUS', complianceStatus: 'COMPLIANT' } });
    expect(
      await row(
        `SELECT action_taken FROM policy_decisions WHERE agent_name = 'Lab Waived' AND trigger = 'update' AND result = 'violation' ORDER BY decided_at DESC LIMIT 1`,
      ),
    ).toEqual({ action_taken: 'waived' });

    const revoked = (await admin.ok(REVOKE, { input: { violationId: blocked.id } })).policyViolationWaiverRevoke;
    expect(revoked.violation).toEqual({ status: 'BLOCKED', waiver: { active: false, revokedAt: expect.any(String) } });
    const again = (await dev.ok(UPDATE, { input: { agentId: created.agent.id, description: 'still opus' } })).agentUpdate;
    expect(again.userErrors[0].code).toBe('POLICY_VIOLATION');
    const twice = (await admin.ok(REVOKE, { input: { violationId: blocked.id } })).policyViolationWaiverRevoke;
    expect(twice.userErrors).toEqual([{ message: 'The violation has no active waiver', code: 'CONFLICT' }]);
  });

  it('lapse at their expiry', async () => {
    const created = (await dev.ok(CREATE, { input: agentInput('Lab Expiring') })).agentCreate;
    const toOpus = () => dev.ok(UPDATE, { input: { agentId: created.agent.id, modelTier: 'OPUS' } });
    await toOpus();
    const blocked = await violationOf('Lab Expiring', 'BLOCKED');
    const past = (await admin.ok(WAIVE, { input: { violationId: blocked.id, reason: 'r', expiresAt: '2020-01-01T00:00:00Z' } })).policyViolationWaive;
    expect(past.userErrors).toEqual([{ field: ['input', 'expiresAt'], message: 'expiresAt must be in the future', code: 'BAD_USER_INPUT' }]);
    await admin.ok(WAIVE, { input: { violationId: blocked.id, reason: 'One hour trial', expiresAt: new Date(Date.now() + 3600_000).toISOString() } });
    expect((await toOpus()).agentUpdate.userErrors).toEqual([]);
    await h.sql(`UPDATE policy_violations SET waiver_expires_at = now() - interval '1 second' WHERE id = $1`, [
      (await row(`SELECT id FROM policy_violations WHERE agent_name = 'Lab Expiring' AND status = 'waived'`)).id,
    ]);
    const lapsed = await violationOf('Lab Expiring', 'BLOCKED');
    expect(lapsed).toMatchObject({ status: 'BLOCKED', waiver: { reason: 'One hour trial', active: false } });
    expect((await dev.ok(UPDATE, { input: { agentId: created.agent.id, description: 'after expiry' } })).agentUpdate.userErrors[0].code).toBe(
      'POLICY_VIOLATION',
    );
  });

  it('granted on a refused create let the same create through, and follow the new agent', async () => {
    expect((await dev.ok(CREATE, { input: agentInput('Lab Opus Pilot', { modelTier: 'OPUS' }) })).agentCreate.userErrors[0].code).toBe('POLICY_VIOLATION');
    const blocked = await violationOf('Lab Opus Pilot', 'BLOCKED');
    expect(blocked.agent).toBeNull();
    await admin.ok(WAIVE, { input: { violationId: blocked.id, reason: 'Pilot approved by the CFO' } });
    const created = (await dev.ok(CREATE, { input: agentInput('Lab Opus Pilot', { modelTier: 'OPUS' }) })).agentCreate;
    expect(created).toMatchObject({ userErrors: [], agent: { name: 'Lab Opus Pilot', complianceStatus: 'COMPLIANT' } });
    expect((await violationOf('Lab Opus Pilot', 'WAIVED')).agent).toEqual({ name: 'Lab Opus Pilot' });
    expect((await dev.ok(UPDATE, { input: { agentId: created.agent.id, description: 'still exempt' } })).agentUpdate.userErrors).toEqual([]);
  });

  it('exempt an agent with an open violation, which makes it compliant until revoked', async () => {
    const created = (await dev.ok(CREATE, { input: agentInput('Lab Experimental', { tags: ['lab', 'experimental'] }) })).agentCreate;
    expect(created.agent.complianceStatus).toBe('NON_COMPLIANT');
    const open = await violationOf('Lab Experimental', 'OPEN');
    await admin.ok(WAIVE, { input: { violationId: open.id, reason: 'It is a lab' } });
    expect(await row(`SELECT compliance_status FROM agents WHERE name = 'Lab Experimental'`)).toEqual({ compliance_status: 'compliant' });
    await admin.ok(REVOKE, { input: { violationId: open.id } });
    expect(await row(`SELECT compliance_status FROM agents WHERE name = 'Lab Experimental'`)).toEqual({ compliance_status: 'non_compliant' });
  });

  describe('once lapsed', () => {
    const REEVALUATE = `mutation($input: PolicyReevaluateInput!) { policyReevaluate(input: $input) { run { id } userErrors { message } } }`;
    const RUN = `query($id: ID!) { policyEvaluationRun(id: $id) { status } }`;
    const COUNT = `query($id: ID!) { policy(id: $id) { openViolationCount } }`;
    const AGENT = `query($id: ID!) { agent(id: $id) { complianceStatus violations(filter: { statuses: [OPEN] }) { nodes { id status waiver { active } } } } }`;
    let policyId: string;
    let agent: string;
    let violationId: string;

    const lapse = () => h.sql(`UPDATE policy_violations SET waiver_expires_at = now() - interval '1 second' WHERE id = $1`, [parseGlobalId(violationId)!.id]);
    const stored = async () => h.sql(`SELECT status FROM policy_violations WHERE agent_name = 'Lab Lapse' ORDER BY detected_at`);
    const openCount = async () => (await admin.ok(COUNT, { id: policyId })).policy.openViolationCount;
    async function reevaluate(): Promise<void> {
      const started = (await admin.ok(REEVALUATE, { input: { policyId } })).policyReevaluate;
      expect(started.userErrors).toEqual([]);
      await h.runJobs();
      expect((await admin.ok(RUN, { id: started.run.id })).policyEvaluationRun.status).toBe('SUCCEEDED');
    }

    beforeAll(async () => {
      policyId = await policy('Lab: lapse watch', 'AUDIT', '"lapse" in agent.tags', { kind: 'TAGS', tags: ['lapse'] });
      await h.runJobs();
      agent = (await dev.ok(CREATE, { input: agentInput('Lab Lapse', { tags: ['lapse'] }) })).agentCreate.agent.id;
      violationId = (await violationOf('Lab Lapse', 'OPEN')).id;
      const waived = (await admin.ok(WAIVE, { input: { violationId, reason: 'Until the audit', expiresAt: new Date(Date.now() + 3600_000).toISOString() } }))
        .policyViolationWaive;
      expect(waived.userErrors).toEqual([]);
      expect(await openCount()).toBe(0);
      await lapse();
    });

    it("count as open again, in the policy's open-violation count and the agent's open violations, before anything re-evaluates", async () => {
      expect(await openCount()).toBe(1);
      expect((await admin.ok(AGENT, { id: agent })).agent.violations.nodes).toEqual([{ id: violationId, status: 'OPEN', waiver: { active: false } }]);
    });

    it('no longer exempt the agent in a re-evaluation, which re-opens the same violation', async () => {
      await reevaluate();
      expect(
        await h.sql(`SELECT d.action_taken FROM policy_decisions d JOIN policies p ON p.id = d.policy_id
        WHERE p.name = 'Lab: lapse watch' AND d.trigger = 'reevaluation' AND d.result = 'violation'`),
      ).toEqual([{ action_taken: 'recorded' }]);
      expect(await stored()).toEqual([{ status: 'open' }]);
      expect(await openCount()).toBe(1);
      expect((await admin.ok(AGENT, { id: agent })).agent).toEqual({
        complianceStatus: 'NON_COMPLIANT',
        violations: { nodes: [{ id: violationId, status: 'OPEN', waiver: { active: false } }] },
      });
    });

    it('can be followed by a new waiver on the re-opened violation', async () => {
      const again = (await admin.ok(WAIVE, { input: { violationId, reason: 'Extended by the CISO' } })).policyViolationWaive;
      expect(again).toMatchObject({
        userErrors: [],
        violation: { id: violationId, status: 'WAIVED', waiver: { reason: 'Extended by the CISO', active: true } },
      });
      expect(await openCount()).toBe(0);
      await reevaluate();
      expect(await stored()).toEqual([{ status: 'waived' }]);
      expect((await admin.ok(AGENT, { id: agent })).agent).toEqual({ complianceStatus: 'COMPLIANT', violations: { nodes: [] } });
    });
  });

  it('re-open at their expiry on the job queue: the agent turns non-compliant without waiting for an evaluation', async () => {
    const policyId = await policy('Lab: expiry watch', 'AUDIT', '"expiry" in agent.tags', { kind: 'TAGS', tags: ['expiry'] });
    await h.runJobs();
    const agent = (await dev.ok(CREATE, { input: agentInput('Lab Expiry Job', { tags: ['expiry'] }) })).agentCreate.agent.id;
    const violationId = (await violationOf('Lab Expiry Job', 'OPEN')).id;
    const uuid = parseGlobalId(violationId)!.id;
    const expiresAt = new Date(Date.now() + 3600_000);
    await admin.ok(WAIVE, { input: { violationId, reason: 'One hour', expiresAt: expiresAt.toISOString() } });
    const job = async () => (await h.sql(`SELECT run_at FROM graphile_worker.jobs WHERE key = $1`, [`policies:waiverLapse:${uuid}`]))[0];
    expect((await job()).run_at).toEqual(expiresAt);
    const compliance = async () => (await admin.ok(`query($id: ID!) { agent(id: $id) { complianceStatus } }`, { id: agent })).agent.complianceStatus;
    expect(await compliance()).toBe('COMPLIANT');

    // The hour passes: the waiver's expiry and its job's time move into the past.
    await h.sql(`UPDATE policy_violations SET waiver_expires_at = now() - interval '1 second' WHERE id = $1`, [uuid]);
    await h.sql(`UPDATE graphile_worker._private_jobs SET run_at = now() - interval '1 second' WHERE key = $1`, [`policies:waiverLapse:${uuid}`]);
    await h.runJobs();
    expect(await job()).toBeUndefined();
    expect(await row(`SELECT status FROM policy_violations WHERE id = $1`, [uuid])).toEqual({ status: 'open' });
    expect(await compliance()).toBe('NON_COMPLIANT');
    expect((await admin.ok(`query($id: ID!) { policy(id: $id) { openViolationCount } }`, { id: policyId })).policy.openViolationCount).toBe(1);
    expect(
      await row(
        `SELECT actor_type, actor_label, before, after->>'status' AS status FROM audit_entries WHERE action = 'policyViolation.waiverLapse' AND entity_id = $1`,
        [uuid],
      ),
    ).toEqual({ actor_type: 'system', actor_label: 'job policies:waiverLapse', before: { status: 'waived' }, status: 'open' });
  });

  it('of another tenant are not found', async () => {
    const [foreign] = await h.sql(`SELECT id FROM policy_violations WHERE tenant_id = $1 LIMIT 1`, [stableUuid('tenant:globex')]);
    const response = await admin.gql(WAIVE, { input: { violationId: toGlobalId('PolicyViolation', foreign.id), reason: 'mine now' } });
    expect(response.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(await row(`SELECT status FROM policy_violations WHERE id = $1`, [foreign.id])).toEqual({ status: 'open' });
  });
});

describe('reading violations', () => {
  it('is for governance roles; the values seen hide configuration from those who may not read it', async () => {
    const auditor = await h.signIn('auditor@acme.test');
    const seen = (await auditor.ok(VIOLATIONS, { filter: { statuses: ['OPEN'], severities: ['HIGH'] } })).policyViolations.nodes;
    expect(seen.length).toBeGreaterThan(0);
    for (const v of seen) {
      expect(v.observed).not.toHaveProperty('configuration');
      expect(v.observed).toHaveProperty('modelTier');
    }
    const developer = (await dev.ok(VIOLATIONS, { filter: { statuses: ['OPEN'] } })).policyViolations.nodes;
    expect(developer[0].observed).toHaveProperty('configuration');
    for (const email of ['analyst@acme.test', 'viewer@acme.test']) {
      const response = await (await h.signIn(email)).gql(VIOLATIONS, {});
      expect(response.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
  });
});
