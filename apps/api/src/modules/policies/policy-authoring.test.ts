import { Caller, Harness, startHarness } from '../../../test/harness';
import { stableUuid } from '../../db/seed/deterministic';
import { toGlobalId } from '../../graphql/global-id';
import { REEVALUATION_BATCH, runReevaluation } from './policy-reevaluation';

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
    expect((await dev.ok(RULE_TEST, { input: { condition, sample } })).policyRuleTest).toEqual({
      valid: true,
      result: true,
      outcome: 'VIOLATION',
      error: null,
    });
    expect((await dev.ok(RULE_TEST, { input: { condition, agentId: agentId('Incident Triage') } })).policyRuleTest).toMatchObject({
      result: true,
      outcome: 'VIOLATION',
    });
    expect((await dev.ok(RULE_TEST, { input: { condition, agentId: agentId('Release Notes Writer') } })).policyRuleTest).toMatchObject({
      result: false,
      outcome: 'PASS',
    });
    expect((await dev.ok(RULE_TEST, { input: { condition: 'change.old == null', sample, action: 'CREATE' } })).policyRuleTest.result).toBe(true);
    expect((await dev.ok(RULE_TEST, { input: { condition } })).policyRuleTest).toEqual({ valid: true, result: null, outcome: null, error: null });
  });

  it('reports where an invalid condition fails, and a runtime failure as an error outcome', async () => {
    expect((await dev.ok(RULE_TEST, { input: { condition: 'agent.tags.exists(t,\n  t == )', sample } })).policyRuleTest).toEqual({
      valid: false,
      result: null,
      outcome: null,
      error: { message: 'Line 2, column 8: Unexpected token: RPAREN', position: { offset: 28, line: 2, column: 8 } },
    });
    expect((await dev.ok(RULE_TEST, { input: { condition: 'agent.configuration.owner == "x"', agentId: agentId('Code Reviewer') } })).policyRuleTest).toEqual({
      valid: true,
      result: null,
      outcome: 'ERROR',
      error: { message: 'Line 1, column 21: No such key: owner', position: { offset: 20, line: 1, column: 21 } },
    });
  });

  it("is for authors only, and another tenant's agent is not found", async () => {
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
    expect(result).toMatchObject({ evaluatedCount: 8, flaggedCount: 2, erroredCount: 0 });
    expect(result.agents.map((a: { agent: { name: string } }) => a.agent.name).sort()).toEqual(['Incident Triage', 'Terraform Drafter']);
    expect(result.agents[0].violatedRules).toEqual([
      { ruleName: 'Opus with high thinking', message: 'Opus with high thinking is expensive: review whether the agent needs it' },
    ]);
    expect(await recordedCounts()).toEqual(before);
  });

  it('judges a draft, counting every flagged agent but listing only up to the limit', async () => {
    const before = await recordedCounts();
    const draft = {
      rules: [
        { name: 'Cheap', condition: 'agent.costPerRequest > 0.01', message: 'Too dear' },
        { name: 'Owned', condition: 'agent.configuration.owner != ""', message: 'x' },
      ],
    };
    const result = (await dev.ok(DRY_RUN, { input: { draft, limit: 1 } })).policyDryRun;
    expect(result).toMatchObject({ evaluatedCount: 8, flaggedCount: 6, erroredCount: 8 });
    expect(result.agents).toHaveLength(1);
    expect(result.agents[0].erroredRules).toEqual([{ ruleName: 'Owned', message: 'Line 1, column 21: No such key: owner' }]);
    const scoped = (await dev.ok(DRY_RUN, { input: { draft: { ...draft, scope: { kind: 'TAGS', tags: ['support'] } } } })).policyDryRun;
    expect(scoped).toMatchObject({ evaluatedCount: 1, flaggedCount: 0 });
    expect(await recordedCounts()).toEqual(before);
  });

  it('previews a rule that fires only on a given action, such as deploy', async () => {
    const draft = { rules: [{ name: 'Review deploys', condition: 'change.action == "deploy" && agent.modelTier == "opus"', message: 'Needs review' }] };
    const standing = (await dev.ok(DRY_RUN, { input: { draft } })).policyDryRun;
    expect(standing.flaggedCount).toBe(0);
    const onDeploy = (await dev.ok(DRY_RUN, { input: { draft, action: 'DEPLOY' } })).policyDryRun;
    expect(onDeploy.flaggedCount).toBeGreaterThan(0);
    expect(onDeploy.flaggedCount).toBe(onDeploy.agents.length);
  });

  it('refuses an invalid draft, naming the condition', async () => {
    const response = await dev.gql(DRY_RUN, { input: { draft: { rules: [{ name: 'Bad', condition: 'agent.nope', message: 'x' }] } } });
    expect(response.errors?.[0]).toMatchObject({
      message: 'Line 1, column 7: No such key: nope',
      extensions: { code: 'BAD_USER_INPUT', field: 'input.draft.rules.0.condition' },
    });
  });
});

describe('re-evaluating a policy', () => {
  const FLEET = 450;
  // Each run judges the whole fleet in three batches: slow on a busy machine.
  jest.setTimeout(120_000);
  const CREATE = `mutation($input: PolicyCreateInput!) { policyCreate(input: $input) { policy { id latestEvaluationRun { id status total processed } } userErrors { message } } }`;
  const UPDATE = `mutation($input: PolicyUpdateInput!) { policyUpdate(input: $input) { policy { version latestEvaluationRun { id status policyVersion } } userErrors { message } } }`;
  const ACTIVATION = (verb: string) =>
    `mutation($input: PolicyActivationInput!) { ${verb}(input: $input) { policy { active latestEvaluationRun { id status failure } } userErrors { message } } }`;
  const fleetRule = { name: 'Cheap', condition: 'agent.costPerRequest > 0.1', message: 'Too dear' };

  beforeAll(async () => {
    // A fleet big enough for three batches; every third agent costs more than the policy allows.
    await h.sql(
      `INSERT INTO agents (tenant_id, name, role, model_tier, cost_per_request, tags)
      SELECT $1, 'Fleet agent ' || i, 'operations', 'haiku', CASE WHEN i % 3 = 0 THEN 0.2 ELSE 0.01 END, ARRAY['fleet'] FROM generate_series(1, ${FLEET}) i`,
      [acme],
    );
  });

  const nonCompliantFleet = async () =>
    (await h.sql(`SELECT count(*) FILTER (WHERE compliance_status = 'non_compliant')::int AS n FROM agents WHERE 'fleet' = ANY(tags)`))[0].n;
  const run = async (id: string, caller: Caller = dev) => (await caller.ok(RUN, { id })).policyEvaluationRun;

  it('is queued by creating an active policy, and judges every agent in scope in batches on the job queue', async () => {
    const created = (
      await dev.ok(CREATE, {
        input: {
          name: 'Fleet stays cheap',
          type: 'AGENT',
          severity: 'MEDIUM',
          enforcement: 'AUDIT',
          scope: { kind: 'TAGS', tags: ['fleet'] },
          rules: [fleetRule],
        },
      })
    ).policyCreate.policy;
    expect(created.latestEvaluationRun).toMatchObject({ status: 'QUEUED', total: FLEET, processed: 0 });
    expect(await nonCompliantFleet()).toBe(0);
    const twice = (await dev.ok(REEVALUATE, { input: { policyId: created.id } })).policyReevaluate;
    expect(twice).toEqual({
      run: null,
      userErrors: [{ field: ['input', 'policyId'], message: 'A re-evaluation of this policy is already queued or running', code: 'CONFLICT' }],
    });

    await h.runJobs();
    const compliance = await h.signIn('compliance@acme.test');
    expect(await run(created.latestEvaluationRun.id, compliance)).toMatchObject({
      status: 'SUCCEEDED',
      processed: FLEET,
      total: FLEET,
      violationsFound: FLEET / 3,
      errors: 0,
      finishedAt: expect.any(String),
      policy: { name: 'Fleet stays cheap' },
    });
    const runUuid = (await h.sql(`SELECT id FROM policy_evaluation_runs WHERE policy_id = (SELECT id FROM policies WHERE name = 'Fleet stays cheap')`))[0].id;
    const [decisions] = await h.sql(
      `SELECT count(*)::int AS n, count(DISTINCT decided_at)::int AS transactions, count(*) FILTER (WHERE trigger = 'reevaluation' AND policy_version = 1)::int AS tagged
      FROM policy_decisions WHERE evaluation_run_id = $1`,
      [runUuid],
    );
    expect(decisions).toEqual({ n: FLEET, transactions: 3, tagged: FLEET });
    expect(await nonCompliantFleet()).toBe(FLEET / 3);

    await h.sql(`UPDATE agents SET cost_per_request = 0.01 WHERE 'fleet' = ANY(tags)`);
    const again = (await dev.ok(REEVALUATE, { input: { policyId: created.id } })).policyReevaluate;
    expect(again.run).toMatchObject({ status: 'QUEUED', total: FLEET });
    await h.runJobs();
    expect(await run(again.run.id)).toMatchObject({ status: 'SUCCEEDED', violationsFound: 0 });
    expect(await nonCompliantFleet()).toBe(0);
    expect(await h.sql(`SELECT status, count(*)::int AS n FROM policy_violations WHERE rule_name = 'Cheap' GROUP BY status`)).toEqual([
      { status: 'resolved', n: FLEET / 3 },
    ]);
    const [audit] = await h.sql(`SELECT count(*)::int AS n FROM audit_entries WHERE action = 'policy.reevaluate' AND outcome = 'success'`);
    expect(audit.n).toBe(1);
  });

  it('follows a change of rules, scope or mode, superseding a run of the previous version; a rename queues nothing', async () => {
    await h.sql(`UPDATE agents SET cost_per_request = CASE WHEN substring(name from '[0-9]+$')::int % 3 = 0 THEN 0.2 ELSE 0.01 END WHERE 'fleet' = ANY(tags)`);
    const created = (
      await dev.ok(CREATE, {
        input: {
          name: 'Fleet watch',
          type: 'AGENT',
          severity: 'LOW',
          enforcement: 'AUDIT',
          scope: { kind: 'TAGS', tags: ['fleet'] },
          rules: [{ ...fleetRule, condition: 'agent.costPerRequest > 5' }],
        },
      })
    ).policyCreate.policy;
    const first = created.latestEvaluationRun;
    const stricter = (await dev.ok(UPDATE, { input: { policyId: created.id, rules: [fleetRule] } })).policyUpdate.policy;
    expect(stricter).toMatchObject({ version: 2, latestEvaluationRun: { status: 'QUEUED', policyVersion: 2 } });
    expect(await run(first.id)).toMatchObject({ status: 'CANCELLED' });
    expect((await h.sql(`SELECT failure FROM policy_evaluation_runs WHERE status = 'cancelled'`))[0].failure).toBe('Superseded by version 2');

    const renamed = (await dev.ok(UPDATE, { input: { policyId: created.id, name: 'Fleet watch (renamed)' } })).policyUpdate.policy;
    expect(renamed.latestEvaluationRun.id).toBe(stricter.latestEvaluationRun.id);

    await h.runJobs();
    expect(await run(stricter.latestEvaluationRun.id)).toMatchObject({ status: 'SUCCEEDED', violationsFound: FLEET / 3 });
    expect(await nonCompliantFleet()).toBe(FLEET / 3);
    const [{ n: cancelledDecisions }] = await h.sql(
      `SELECT count(*)::int AS n FROM policy_decisions WHERE evaluation_run_id = (SELECT id FROM policy_evaluation_runs WHERE status = 'cancelled')`,
    );
    expect(cancelledDecisions).toBe(0);

    const narrowed = (await dev.ok(UPDATE, { input: { policyId: created.id, scope: { kind: 'TAGS', tags: ['nobody-has-this'] } } })).policyUpdate.policy;
    expect(narrowed.latestEvaluationRun).toMatchObject({ status: 'QUEUED', policyVersion: 4 });
    // The agents it no longer covers are compliant at once, in the change's own transaction.
    expect(await nonCompliantFleet()).toBe(0);
    await h.runJobs();
    expect(await nonCompliantFleet()).toBe(0);
  });

  it('is cancelled by deactivation and queued again by activation, which judges the agents that changed meanwhile', async () => {
    const created = (
      await dev.ok(CREATE, {
        input: { name: 'Fleet on and off', type: 'AGENT', severity: 'HIGH', enforcement: 'WARN', scope: { kind: 'TAGS', tags: ['fleet'] }, rules: [fleetRule] },
      })
    ).policyCreate.policy;
    const off = (await dev.ok(ACTIVATION('policyDeactivate'), { input: { policyId: created.id } })).policyDeactivate.policy;
    expect(off).toMatchObject({ active: false, latestEvaluationRun: { status: 'CANCELLED', failure: 'The policy was deactivated' } });
    await h.runJobs();
    expect(await nonCompliantFleet()).toBe(0);
    const on = (await dev.ok(ACTIVATION('policyActivate'), { input: { policyId: created.id } })).policyActivate.policy;
    expect(on.latestEvaluationRun.status).toBe('QUEUED');
    await h.runJobs();
    expect(await nonCompliantFleet()).toBe(FLEET / 3);
  });

  it('resumes after the last committed batch when its worker stopped mid-run, judging no agent twice', async () => {
    await h.sql(`UPDATE policies SET active = false WHERE tenant_id = $1 AND name LIKE 'Fleet%'`, [acme]);
    await h.sql(`UPDATE policy_violations SET status = 'resolved', resolved_at = now() WHERE tenant_id = $1 AND rule_name = 'Cheap' AND status = 'open'`, [
      acme,
    ]);
    await dev.ok(CREATE, {
      input: { name: 'Fleet resumed', type: 'AGENT', severity: 'LOW', enforcement: 'AUDIT', scope: { kind: 'TAGS', tags: ['fleet'] }, rules: [fleetRule] },
    });
    const runUuid = (await h.sql(`SELECT id FROM policy_evaluation_runs WHERE policy_id = (SELECT id FROM policies WHERE name = 'Fleet resumed')`))[0].id;
    // As a worker that committed one batch and was killed: decisions for the first 200 agents and the cursor saved with them.
    // Each scope the job opens builds one entity manager (ScopeQueryRunner.create): the claim, the first batch, then the kill.
    let scopes = 0;
    const failing = {
      ...h.services,
      dataSource: new Proxy(h.services.dataSource, {
        get(target, key, receiver) {
          if (key !== 'createEntityManager') return Reflect.get(target, key, receiver);
          return (...args: Parameters<typeof target.createEntityManager>) => {
            scopes += 1;
            if (scopes === 3) throw new Error('worker killed');
            return target.createEntityManager(...args);
          };
        },
      }),
    };
    await expect(runReevaluation(failing, { tenantId: acme, runId: runUuid }, false)).rejects.toThrow('worker killed');
    const [midway] = await h.sql(`SELECT status, processed FROM policy_evaluation_runs WHERE id = $1`, [runUuid]);
    expect(midway).toEqual({ status: 'running', processed: REEVALUATION_BATCH });

    await h.runJobs();
    const [finished] = await h.sql(`SELECT status, processed, total FROM policy_evaluation_runs WHERE id = $1`, [runUuid]);
    expect(finished).toEqual({ status: 'succeeded', processed: FLEET, total: FLEET });
    const [twice] = await h.sql(
      `SELECT count(*)::int AS n FROM (SELECT agent_id FROM policy_decisions WHERE evaluation_run_id = $1 GROUP BY agent_id HAVING count(*) > 1) d`,
      [runUuid],
    );
    expect(twice.n).toBe(0);
    const [judged] = await h.sql(`SELECT count(DISTINCT agent_id)::int AS n FROM policy_decisions WHERE evaluation_run_id = $1`, [runUuid]);
    expect(judged.n).toBe(FLEET);
  });

  it('refuses an inactive policy, and is started by authors only', async () => {
    const created = (
      await dev.ok(`mutation($input: PolicyCreateInput!) { policyCreate(input: $input) { policy { id latestEvaluationRun { id } } } }`, {
        input: {
          name: 'Dormant',
          type: 'AGENT',
          severity: 'LOW',
          enforcement: 'AUDIT',
          active: false,
          rules: [{ name: 'Any', condition: 'true', message: 'x' }],
        },
      })
    ).policyCreate.policy;
    expect(created.latestEvaluationRun).toBeNull();
    expect((await dev.ok(REEVALUATE, { input: { policyId: created.id } })).policyReevaluate.userErrors).toEqual([
      { field: ['input', 'policyId'], message: 'Only an active policy is re-evaluated; activate it first', code: 'CONFLICT' },
    ]);
    const compliance = await h.signIn('compliance@acme.test');
    expect((await compliance.gql(REEVALUATE, { input: { policyId: policyId('opus-cost') } })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(
      await h.sql(`SELECT 1 FROM policy_evaluation_runs WHERE policy_id IN ($1, $2)`, [
        stableUuid('policy:acme:opus-cost'),
        (await h.sql(`SELECT id FROM policies WHERE name = 'Dormant'`))[0].id,
      ]),
    ).toEqual([]);
  });

  it('runs of another tenant are not found', async () => {
    const globex = await h.signIn('admin@globex.test');
    const started = (await globex.ok(REEVALUATE, { input: { policyId: policyId('opus-cost', 'globex') } })).policyReevaluate;
    await h.runJobs();
    expect((await run(started.run.id, globex)).status).toBe('SUCCEEDED');
    expect((await dev.gql(RUN, { id: started.run.id })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});

describe('the decision trail', () => {
  it('is readable by auditors with filters, and not by viewers', async () => {
    const auditor = await h.signIn('auditor@acme.test');
    const query = `query($filter: PolicyDecisionFilter) { policyDecisions(first: 5, filter: $filter) { totalCount nodes {
      policy { name } policyVersion ruleName agent { name } agentName trigger result actionTaken inputDigest requestId decidedAt } } }`;
    const decisions = (await auditor.ok(query, { filter: { policyId: policyId('opus-thinking'), results: ['VIOLATION'] } })).policyDecisions;
    expect(decisions.totalCount).toBe(2);
    expect(decisions.nodes[0]).toMatchObject({
      policy: { name: 'Opus with high thinking is reviewed' },
      policyVersion: 1,
      trigger: 'REEVALUATION',
      result: 'VIOLATION',
      actionTaken: 'RECORDED',
      inputDigest: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const byAgent = (await auditor.ok(query, { filter: { agentId: agentId('Incident Triage') } })).policyDecisions;
    expect(byAgent.nodes.every((d: { agentName: string }) => d.agentName === 'Incident Triage')).toBe(true);
    const viewer = await h.signIn('viewer@acme.test');
    expect((await viewer.gql(query, {})).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('is append-only for the application role', async () => {
    for (const statement of [`UPDATE policy_decisions SET result = 'pass'`, `DELETE FROM policy_decisions`, `UPDATE policy_versions SET name = 'x'`]) {
      await expect(
        h.dataSource.transaction(async (manager) => {
          await manager.query(`SET LOCAL ROLE steward_app`);
          await manager.query(`SELECT set_config('app.tenant_id', $1, true)`, [acme]);
          await manager.query(statement);
        }),
      ).rejects.toThrow(/permission denied/);
    }
  });
});
