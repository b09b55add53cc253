import { Caller, Harness, startHarness } from '../../../test/harness';
import { stableUuid } from '../../db/seed/deterministic';
import { toGlobalId } from '../../graphql/global-id';

const policyId = (key: string, tenant = 'acme') => toGlobalId('Policy', stableUuid(`policy:${tenant}:${key}`));
const agentId = (name: string, tenant = 'acme') => toGlobalId('Agent', stableUuid(`agent:${tenant}:${name}`));
const acme = stableUuid('tenant:acme');

const RULE_TEST = `query($input: PolicyRuleTestInput!) { policyRuleTest(input: $input) { valid result outcome error { message position { offset line column } } } }`;
const DRY_RUN = `query($input: PolicyDryRunInput!) { policyDryRun(input: $input) {
  evaluatedCount flaggedCount erroredCount agents { agent { name } violatedRules { ruleName message } erroredRules { ruleName message } } } }`;
const REEVALUATE = `mutation($input: PolicyReevaluateInput!) { policyReevaluate(input: $input) { run { id status total } userErrors { field message code } } }`;
const RUN = `query($id: ID!) { policyEvaluationRun(id: $id) { status processed total violationsFound errors startedAt finishedAt policy { name } } }`;

let h: Harness;
let dev: Caller;

const sample = { name: 'Sample', costPerRequest: 0.07, modelTier: 'opus', tags: ['production'], totalRequests: 12, configuration: {}, model: null };

async function recordedCounts() {
  const [row] = await h.sql(`SELECT (SELECT count(*) FROM policy_decisions)::int AS decisions, (SELECT count(*) FROM policy_violations)::int AS violations,
    (SELECT count(*) FROM audit_entries)::int AS audit, (SELECT count(*) FROM agents WHERE compliance_status = 'non_compliant')::int AS non_compliant`);
  return row;
}

beforeAll(async () => {
  h = await startHarness();
  dev = await h.signIn('dev@acme.test');
});
afterAll(() => h.close());

describe('testing a rule before saving it', () => {
  it('evaluates a condition against sample JSON or an existing agent', async () => {
    const condition = 'agent.costPerRequest > 0.05 && agent.modelTier == "opus"';
    expect((await dev.ok(RULE_TEST, { input: { condition, sample } })).policyRuleTest).toEqual({ valid: true, result: true, outcome: 'violation', error: null });
    expect((await dev.ok(RULE_TEST, { input: { condition, agentId: agentId('Incident Triage') } })).policyRuleTest).toMatchObject({ result: true, outcome: 'violation' });
    expect((await dev.ok(RULE_TEST, { input: { condition, agentId: agentId('Release Notes Writer') } })).policyRuleTest).toMatchObject({ result: false, outcome: 'pass' });
    expect((await dev.ok(RULE_TEST, { input: { condition: 'change.old == null', sample, action: 'create' } })).policyRuleTest.result).toBe(true);
    expect((await dev.ok(RULE_TEST, { input: { condition } })).policyRuleTest).toEqual({ valid: true, result: null, outcome: null, error: null });
  });

  it('reports where an invalid condition fails, and a runtime failure as an error outcome', async () => {
    expect((await dev.ok(RULE_TEST, { input: { condition: 'agent.tags.exists(t,\n  t == )', sample } })).policyRuleTest).toEqual({
      valid: false, result: null, outcome: null, error: { message: 'Line 2, column 8: Unexpected token: RPAREN', position: { offset: 28, line: 2, column: 8 } },
    });
    expect((await dev.ok(RULE_TEST, { input: { condition: 'agent.configuration.owner == "x"', agentId: agentId('Code Reviewer') } })).policyRuleTest).toEqual({
      valid: true, result: null, outcome: 'error', error: { message: 'Line 1, column 21: No such key: owner', position: { offset: 20, line: 1, column: 21 } },
    });
  });

  it('is for authors only, and another tenant\'s agent is not found', async () => {
    const compliance = await h.signIn('compliance@acme.test');
    expect((await compliance.gql(RULE_TEST, { input: { condition: 'true', sample } })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const foreign = await dev.gql(RULE_TEST, { input: { condition: 'true', agentId: agentId('Incident Triage', 'globex') } });
    expect(foreign.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});

describe('a dry run', () => {
  it('shows what a saved policy would flag, and records nothing', async () => {
    const before = await recordedCounts();
    const result = (await dev.ok(DRY_RUN, { input: { policyId: policyId('opus-thinking') } })).policyDryRun;
    expect(result).toMatchObject({ evaluatedCount: 7, flaggedCount: 2, erroredCount: 0 });
    expect(result.agents.map((a: { agent: { name: string } }) => a.agent.name).sort()).toEqual(['Incident Triage', 'Terraform Drafter']);
    expect(result.agents[0].violatedRules).toEqual([{ ruleName: 'Opus with high thinking', message: 'Opus with high thinking is expensive: review whether the agent needs it' }]);
    expect(await recordedCounts()).toEqual(before);
  });

  it('judges a draft, counting every flagged agent but listing only up to the limit', async () => {
    const before = await recordedCounts();
    const draft = { rules: [{ name: 'Cheap', condition: 'agent.costPerRequest > 0.01', message: 'Too dear' }, { name: 'Owned', condition: 'agent.configuration.owner != ""', message: 'x' }] };
    const result = (await dev.ok(DRY_RUN, { input: { draft, limit: 1 } })).policyDryRun;
    expect(result).toMatchObject({ evaluatedCount: 7, flaggedCount: 5, erroredCount: 7 });
    expect(result.agents).toHaveLength(1);
    expect(result.agents[0].erroredRules).toEqual([{ ruleName: 'Owned', message: 'Line 1, column 21: No such key: owner' }]);
    const scoped = (await dev.ok(DRY_RUN, { input: { draft: { ...draft, scope: { kind: 'tags', tags: ['support'] } } } })).policyDryRun;
    expect(scoped).toMatchObject({ evaluatedCount: 1, flaggedCount: 0 });
    expect(await recordedCounts()).toEqual(before);
  });

  it('previews a rule that fires only on a given action, such as deploy', async () => {
    const draft = { rules: [{ name: 'Review deploys', condition: 'change.action == "deploy" && agent.modelTier == "opus"', message: 'Needs review' }] };
    const standing = (await dev.ok(DRY_RUN, { input: { draft } })).policyDryRun;
    expect(standing.flaggedCount).toBe(0);
    const onDeploy = (await dev.ok(DRY_RUN, { input: { draft, action: 'deploy' } })).policyDryRun;
    expect(onDeploy.flaggedCount).toBeGreaterThan(0);
    expect(onDeploy.flaggedCount).toBe(onDeploy.agents.length);
  });

  it('refuses an invalid draft, naming the condition', async () => {
    const response = await dev.gql(DRY_RUN, { input: { draft: { rules: [{ name: 'Bad', condition: 'agent.nope', message: 'x' }] } } });
    expect(response.errors?.[0]).toMatchObject({ message: 'Line 1, column 7: No such key: nope', extensions: { code: 'BAD_USER_INPUT', field: 'input.draft.rules.0.condition' } });
  });
});

describe('re-evaluating a policy', () => {
  const FLEET = 450;

  beforeAll(async () => {
    // A fleet big enough for three batches; every third agent costs more than the policy allows.
    await h.sql(`INSERT INTO agents (tenant_id, name, role, model_tier, cost_per_request, tags)
      SELECT $1, 'Fleet agent ' || i, 'operations', 'haiku', CASE WHEN i % 3 = 0 THEN 0.2 ELSE 0.01 END, ARRAY['fleet'] FROM generate_series(1, ${FLEET}) i`, [acme]);
  });

  async function finished(runId: string, caller: Caller = dev) {
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const run = (await caller.ok(RUN, { id: runId })).policyEvaluationRun;
      if (run.status !== 'running') return run;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the run did not finish');
  }

  it('judges every agent in scope in batches, recording decisions and violations, with progress reaching the total', async () => {
    const created = (await dev.ok(`mutation($input: PolicyCreateInput!) { policyCreate(input: $input) { policy { id } } }`, {
      input: { name: 'Fleet stays cheap', type: 'agent', severity: 'medium', enforcement: 'audit', scope: { kind: 'tags', tags: ['fleet'] }, rules: [{ name: 'Cheap', condition: 'agent.costPerRequest > 0.1', message: 'Too dear' }] },
    })).policyCreate.policy;
    const started = (await dev.ok(REEVALUATE, { input: { policyId: created.id } })).policyReevaluate;
    expect(started.userErrors).toEqual([]);
    expect(started.run).toMatchObject({ status: 'running', total: FLEET });
    const twice = (await dev.ok(REEVALUATE, { input: { policyId: created.id } })).policyReevaluate;
    expect(twice).toEqual({ run: null, userErrors: [{ field: ['input', 'policyId'], message: 'A re-evaluation of this policy is already running', code: 'CONFLICT' }] });

    const compliance = await h.signIn('compliance@acme.test');
    const run = await finished(started.run.id, compliance);
    expect(run).toMatchObject({ status: 'succeeded', processed: FLEET, total: FLEET, violationsFound: FLEET / 3, errors: 0, finishedAt: expect.any(String), policy: { name: 'Fleet stays cheap' } });

    const runUuid = (await h.sql(`SELECT id FROM policy_evaluation_runs WHERE policy_id = (SELECT id FROM policies WHERE name = 'Fleet stays cheap')`))[0].id;
    const [decisions] = await h.sql(`SELECT count(*)::int AS n, count(DISTINCT decided_at)::int AS transactions, count(*) FILTER (WHERE trigger = 'reevaluation' AND policy_version = 1)::int AS tagged
      FROM policy_decisions WHERE evaluation_run_id = $1`, [runUuid]);
    expect(decisions).toEqual({ n: FLEET, transactions: 3, tagged: FLEET });
    const [fleet] = await h.sql(`SELECT count(*) FILTER (WHERE compliance_status = 'non_compliant')::int AS non_compliant FROM agents WHERE 'fleet' = ANY(tags)`);
    expect(fleet.non_compliant).toBe(FLEET / 3);

    await h.sql(`UPDATE agents SET cost_per_request = 0.01 WHERE 'fleet' = ANY(tags)`);
    const again = (await dev.ok(REEVALUATE, { input: { policyId: created.id } })).policyReevaluate;
    expect(await finished(again.run.id)).toMatchObject({ status: 'succeeded', violationsFound: 0 });
    const [after] = await h.sql(`SELECT count(*) FILTER (WHERE compliance_status = 'non_compliant')::int AS non_compliant FROM agents WHERE 'fleet' = ANY(tags)`);
    expect(after.non_compliant).toBe(0);
    expect(await h.sql(`SELECT status, count(*)::int AS n FROM policy_violations WHERE rule_name = 'Cheap' GROUP BY status`)).toEqual([{ status: 'resolved', n: FLEET / 3 }]);
    const [audit] = await h.sql(`SELECT count(*)::int AS n FROM audit_entries WHERE action = 'policy.reevaluate' AND outcome = 'success'`);
    expect(audit.n).toBe(2);
  });

  it('refuses an inactive policy, and is started by authors only', async () => {
    const created = (await dev.ok(`mutation($input: PolicyCreateInput!) { policyCreate(input: $input) { policy { id } } }`, {
      input: { name: 'Dormant', type: 'agent', severity: 'low', enforcement: 'audit', active: false, rules: [{ name: 'Any', condition: 'true', message: 'x' }] },
    })).policyCreate.policy;
    expect((await dev.ok(REEVALUATE, { input: { policyId: created.id } })).policyReevaluate.userErrors)
      .toEqual([{ field: ['input', 'policyId'], message: 'Only an active policy is re-evaluated; activate it first', code: 'CONFLICT' }]);
    const compliance = await h.signIn('compliance@acme.test');
    expect((await compliance.gql(REEVALUATE, { input: { policyId: policyId('opus-cost') } })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await h.sql(`SELECT 1 FROM policy_evaluation_runs WHERE policy_id IN ($1, $2)`, [stableUuid('policy:acme:opus-cost'), (await h.sql(`SELECT id FROM policies WHERE name = 'Dormant'`))[0].id])).toEqual([]);
  });

  it('runs of another tenant are not found', async () => {
    const globex = await h.signIn('admin@globex.test');
    const started = (await globex.ok(REEVALUATE, { input: { policyId: policyId('opus-cost', 'globex') } })).policyReevaluate;
    await finished(started.run.id, globex);
    expect((await dev.gql(RUN, { id: started.run.id })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});

describe('the decision trail', () => {
  it('is readable by auditors with filters, and not by viewers', async () => {
    const auditor = await h.signIn('auditor@acme.test');
    const query = `query($filter: PolicyDecisionFilter) { policyDecisions(first: 5, filter: $filter) { totalCount nodes {
      policy { name } policyVersion ruleName agent { name } agentName trigger result actionTaken inputDigest requestId decidedAt } } }`;
    const decisions = (await auditor.ok(query, { filter: { policyId: policyId('opus-thinking'), results: ['violation'] } })).policyDecisions;
    expect(decisions.totalCount).toBe(2);
    expect(decisions.nodes[0]).toMatchObject({ policy: { name: 'Opus with high thinking is reviewed' }, policyVersion: 1, trigger: 'reevaluation', result: 'violation', actionTaken: 'recorded', inputDigest: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const byAgent = (await auditor.ok(query, { filter: { agentId: agentId('Incident Triage') } })).policyDecisions;
    expect(byAgent.nodes.every((d: { agentName: string }) => d.agentName === 'Incident Triage')).toBe(true);
    const viewer = await h.signIn('viewer@acme.test');
    expect((await viewer.gql(query, {})).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('is append-only for the application role', async () => {
    for (const statement of [`UPDATE policy_decisions SET result = 'pass'`, `DELETE FROM policy_decisions`, `UPDATE policy_versions SET name = 'x'`]) {
      await expect(h.dataSource.transaction(async (manager) => {
        await manager.query(`SET LOCAL ROLE steward_app`);
        await manager.query(`SELECT set_config('app.tenant_id', $1, true)`, [acme]);
        await manager.query(statement);
      })).rejects.toThrow(/permission denied/);
    }
  });
});
