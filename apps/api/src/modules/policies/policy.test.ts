import { Harness, startHarness } from '../../../test/harness';
import { stableUuid } from '../../db/seed/deterministic';
import { toGlobalId } from '../../graphql/global-id';

const policyId = (key: string, tenant = 'acme') => toGlobalId('Policy', stableUuid(`policy:${tenant}:${key}`));
const agentId = (name: string, tenant = 'acme') => toGlobalId('Agent', stableUuid(`agent:${tenant}:${name}`));

const POLICY = `id name version active enforcement severity type category rules { name condition message } scope { kind tags agents { name } }`;
const CREATE = `mutation($input: PolicyCreateInput!) { policyCreate(input: $input) { policy { ${POLICY} } userErrors { field message code } } }`;
const UPDATE = `mutation($input: PolicyUpdateInput!) { policyUpdate(input: $input) { policy { ${POLICY} } userErrors { field message code } } }`;
const AGENT_UPDATE = `mutation($input: AgentUpdateInput!) { agentUpdate(input: $input) { agent { id } userErrors { message } } }`;

const rule = (condition: string, name = 'Rule') => ({ name, condition, message: `${name} broken` });
const draft = (name: string, condition: string, extra: Record<string, unknown> = {}) => ({
  name,
  type: 'AGENT',
  severity: 'MEDIUM',
  enforcement: 'AUDIT',
  rules: [rule(condition)],
  ...extra,
});

let h: Harness;
const policyUuid = async (name: string): Promise<string> => (await h.sql(`SELECT id FROM policies WHERE name = $1`, [name]))[0].id;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('policies', () => {
  it('are saved as version 1 with their rules and scope, and audited', async () => {
    const dev = await h.signIn('dev@acme.test');
    const input = draft('Support agents stay cheap', 'agent.costPerRequest > 0.01', {
      description: 'Support volume is high',
      category: 'cost',
      severity: 'LOW',
      scope: { kind: 'AGENTS', agentIds: [agentId('Support Summariser')] },
    });
    const created = (await dev.ok(CREATE, { input })).policyCreate;
    expect(created.userErrors).toEqual([]);
    expect(created.policy).toMatchObject({
      name: 'Support agents stay cheap',
      version: 1,
      active: true,
      enforcement: 'AUDIT',
      category: 'cost',
      rules: [{ name: 'Rule', condition: 'agent.costPerRequest > 0.01', message: 'Rule broken' }],
      scope: { kind: 'AGENTS', tags: [], agents: [{ name: 'Support Summariser' }] },
    });
    const [entry] = await h.sql(
      `SELECT outcome, after->>'version' AS version FROM audit_entries WHERE action = 'policy.create' AND entity_name = 'Support agents stay cheap'`,
    );
    expect(entry).toEqual({ outcome: 'success', version: '1' });
    const [stored] = await h.sql(`SELECT count(*)::int AS n FROM policy_versions WHERE policy_id = $1`, [await policyUuid('Support agents stay cheap')]);
    expect(stored.n).toBe(1);
  });

  it('refuse every invalid condition at once, with where it fails, and write nothing', async () => {
    const dev = await h.signIn('dev@acme.test');
    const [{ n: before }] = await h.sql(`SELECT count(*)::int AS n FROM policies`);
    const input = {
      name: 'Broken',
      type: 'SECURITY',
      severity: 'HIGH',
      enforcement: 'BLOCK',
      rules: [
        rule('agent.costPerRequest >', 'syntax'),
        rule('agent.costPerRequest > "cheap"', 'types'),
        rule('agent.constructor == null', 'prototype'),
        rule('agent.configuration["__proto__"] == null', 'prototype by index'),
        rule(`agent.name == "${'x'.repeat(2000)}"`, 'too long'),
        rule('agent.name.matches("(a+)+$")', 'regex'),
        rule('agent.costPerRequest > 0.5', 'fine'),
        rule('agent.costPerRequest > 0.6', 'Fine'),
      ],
    };
    const refused = (await dev.ok(CREATE, { input })).policyCreate;
    expect(refused.policy).toBeNull();
    expect(refused.userErrors).toEqual([
      { field: ['input', 'rules', '0', 'condition'], message: 'Line 1, column 23: Unexpected token: EOF', code: 'BAD_USER_INPUT' },
      { field: ['input', 'rules', '1', 'condition'], message: 'Line 1, column 1: no such overload: double > string', code: 'BAD_USER_INPUT' },
      { field: ['input', 'rules', '2', 'condition'], message: 'Line 1, column 7: constructor may not be accessed', code: 'BAD_USER_INPUT' },
      { field: ['input', 'rules', '3', 'condition'], message: 'Line 1, column 21: __proto__ may not be accessed', code: 'BAD_USER_INPUT' },
      {
        field: ['input', 'rules', '4', 'condition'],
        message: 'Line 1, column 2001: The condition is 2016 characters long; at most 2000 are allowed',
        code: 'BAD_USER_INPUT',
      },
      { field: ['input', 'rules', '5', 'condition'], message: 'Line 1, column 1: .matches() is not available in policy rules', code: 'BAD_USER_INPUT' },
      { field: ['input', 'rules', '7', 'name'], message: 'Two rules are named "Fine"', code: 'BAD_USER_INPUT' },
    ]);
    const [{ n: after }] = await h.sql(`SELECT count(*)::int AS n FROM policies`);
    expect(after).toBe(before);
    const [failure] = await h.sql(`SELECT outcome, error_code FROM audit_entries WHERE action = 'policy.create' AND outcome = 'failure'`);
    expect(failure).toEqual({ outcome: 'failure', error_code: 'BAD_USER_INPUT' });
  });

  it("refuse a duplicate name and a scope naming another tenant's agent", async () => {
    const admin = await h.signIn('admin@acme.test');
    const duplicate = (await admin.ok(CREATE, { input: draft('opus COST ceiling', 'true') })).policyCreate;
    expect(duplicate.userErrors).toEqual([
      { field: ['input', 'name'], message: 'A policy named "opus COST ceiling" already exists (names are compared ignoring case)', code: 'CONFLICT' },
    ]);
    const foreign = (
      await admin.ok(CREATE, { input: draft('Foreign scope', 'true', { scope: { kind: 'AGENTS', agentIds: [agentId('Release Notes Writer', 'globex')] } }) })
    ).policyCreate;
    expect(foreign.userErrors).toEqual([{ field: ['input', 'scope', 'agentIds', '0'], message: 'No such agent in this tenant', code: 'BAD_USER_INPUT' }]);
  });

  it('add a version on every edit, and decisions name the version that judged', async () => {
    const dev = await h.signIn('dev@acme.test');
    const created = (await dev.ok(CREATE, { input: draft('Descriptions are written', 'size(agent.description) < 5') })).policyCreate.policy;
    const same = (await dev.ok(UPDATE, { input: { policyId: created.id, name: 'Descriptions are written' } })).policyUpdate.policy;
    expect(same.version).toBe(1);
    const edited = (
      await dev.ok(UPDATE, { input: { policyId: created.id, rules: [rule('size(agent.description) < 10', 'Long enough')], enforcement: 'WARN' } })
    ).policyUpdate;
    expect(edited.userErrors).toEqual([]);
    expect(edited.policy).toMatchObject({ version: 2, enforcement: 'WARN', rules: [{ name: 'Long enough' }] });
    const history = await dev.ok(
      `query($id: ID!) { policy(id: $id) { version versions { nodes { version enforcement rules { name } createdBy { fullName } } } } }`,
      { id: created.id },
    );
    expect(history.policy.versions.nodes).toEqual([
      { version: 2, enforcement: 'WARN', rules: [{ name: 'Long enough' }], createdBy: { fullName: 'Dev Dhillon' } },
      { version: 1, enforcement: 'AUDIT', rules: [{ name: 'Rule' }], createdBy: { fullName: 'Dev Dhillon' } },
    ]);
    const changed = (await dev.ok(AGENT_UPDATE, { input: { agentId: agentId('Code Reviewer'), description: 'short' } })).agentUpdate;
    expect(changed.userErrors).toEqual([]);
    const decisions = await h.sql(`SELECT policy_version, rule_name, result, action_taken FROM policy_decisions WHERE policy_id = $1`, [
      await policyUuid('Descriptions are written'),
    ]);
    expect(decisions).toEqual([{ policy_version: 2, rule_name: 'Long enough', result: 'violation', action_taken: 'warned' }]);
    const [entry] = await h.sql(`SELECT before->>'version' AS before, after->>'version' AS after FROM audit_entries WHERE action = 'policy.update'`);
    expect(entry).toEqual({ before: '1', after: '2' });
  });

  it('stop being enforced when deactivated', async () => {
    const dev = await h.signIn('dev@acme.test');
    const created = (
      await dev.ok(CREATE, {
        input: draft('Never rename', 'change.old != null && change.old.name != change.new.name', { enforcement: 'BLOCK', active: false }),
      })
    ).policyCreate.policy;
    const rename = async (name: string) => (await dev.ok(AGENT_UPDATE, { input: { agentId: agentId('Roadmap Planner'), name } })).agentUpdate;
    expect((await rename('Roadmap Planner II')).userErrors).toEqual([]);
    const activated = await dev.ok(`mutation($input: PolicyActivationInput!) { policyActivate(input: $input) { policy { active } userErrors { message } } }`, {
      input: { policyId: created.id },
    });
    expect(activated.policyActivate.policy.active).toBe(true);
    expect((await rename('Roadmap Planner III')).userErrors).toEqual([{ message: 'Never rename: Rule broken' }]);
    // Switching a block policy off waits for a second person.
    const held = await dev.ok(`mutation($input: PolicyActivationInput!) { policyDeactivate(input: $input) { policy { active } heldForApproval { id } } }`, {
      input: { policyId: created.id },
    });
    expect(held.policyDeactivate.policy.active).toBe(true);
    expect((await rename('Roadmap Planner IV')).userErrors).toEqual([{ message: 'Never rename: Rule broken' }]);
    const compliance = await h.signIn('compliance@acme.test');
    await compliance.ok(`mutation($input: ApprovalRequestApproveInput!) { approvalRequestApprove(input: $input) { userErrors { message } } }`, {
      input: { requestId: held.policyDeactivate.heldForApproval.id },
    });
    expect((await rename('Roadmap Planner')).userErrors).toEqual([]);
    const again = await dev.ok(`mutation($input: PolicyActivationInput!) { policyDeactivate(input: $input) { userErrors { field message code } } }`, {
      input: { policyId: created.id },
    });
    expect(again.policyDeactivate.userErrors).toEqual([{ field: ['input', 'policyId'], message: 'The policy is already inactive', code: 'CONFLICT' }]);
  });
});

describe('who may see and change policies', () => {
  const READ = `{ policies(first: 100) { nodes { name enforcement openViolationCount rules { name } } } }`;

  it('shows names to every member, and rules only to admins, developers, compliance officers and auditors', async () => {
    for (const [email, rules] of [
      ['admin', true],
      ['dev', true],
      ['compliance', true],
      ['auditor', true],
      ['analyst', false],
      ['viewer', false],
    ] as const) {
      const response = await (await h.signIn(`${email}@acme.test`)).gql(READ);
      const opus = response.data.policies.nodes.find((p: { name: string }) => p.name === 'Opus cost ceiling');
      expect(opus).toMatchObject({ enforcement: 'BLOCK', openViolationCount: 0 });
      expect(opus.rules !== null).toBe(rules);
      expect((response.errors ?? []).every((e) => e.path?.at(-1) === 'rules' && e.extensions?.code === 'FORBIDDEN')).toBe(true);
    }
  });

  it('lets only admins and developers change them', async () => {
    for (const email of ['compliance', 'auditor', 'analyst', 'viewer']) {
      const caller = await h.signIn(`${email}@acme.test`);
      const create = await caller.gql(CREATE, { input: draft(`By ${email}`, 'true') });
      expect(create.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const update = await caller.gql(UPDATE, { input: { policyId: policyId('opus-cost'), enforcement: 'AUDIT' } });
      expect(update.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    const [opus] = await h.sql(`SELECT version, enforcement FROM policies WHERE id = $1`, [stableUuid('policy:acme:opus-cost')]);
    expect(opus).toEqual({ version: 1, enforcement: 'block' });
  });

  it("treats another tenant's policy as not found", async () => {
    const dev = await h.signIn('dev@acme.test');
    const foreign = policyId('opus-cost', 'globex');
    expect((await dev.gql(`query($id: ID!) { policy(id: $id) { name } }`, { id: foreign })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await dev.gql(UPDATE, { input: { policyId: foreign, enforcement: 'AUDIT' } })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await dev.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: foreign })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const [row] = await h.sql(`SELECT enforcement FROM policies WHERE id = $1`, [stableUuid('policy:globex:opus-cost')]);
    expect(row.enforcement).toBe('block');
  });
});

describe('row-level security on the governance tables', () => {
  it('holds with no tenant filter at all', async () => {
    const tables = ['policies', 'policy_versions', 'policy_agents', 'policy_decisions', 'policy_violations', 'policy_evaluation_runs'];
    const seen = await h.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL ROLE steward_app`);
      await manager.query(`SELECT set_config('app.tenant_id', $1, true)`, [stableUuid('tenant:acme')]);
      const tenants: string[][] = [];
      for (const t of tables) tenants.push((await manager.query(`SELECT DISTINCT tenant_id FROM ${t}`)).map((r: { tenant_id: string }) => r.tenant_id));
      return tenants;
    });
    for (const tenants of seen.slice(0, 5)) expect(tenants).toEqual([stableUuid('tenant:acme')]);
    const [all] = await h.sql(`SELECT count(DISTINCT tenant_id)::int AS n FROM policy_decisions`);
    expect(all.n).toBe(2);
  });
});

describe('the policies in scope of an agent', () => {
  const PAGE = `query($first: Int!) { agents(first: $first, orderBy: { field: NAME, direction: ASC }) { nodes { name policiesInScope { name } } } }`;

  it('follow the scope (every agent, tags, listed agents) and cost one statement for a whole page', async () => {
    const viewer = await h.signIn('viewer@acme.test');
    const small = await viewer.gql(PAGE, { first: 2 });
    const large = await viewer.gql(PAGE, { first: 8 });
    expect(large.extensions?.sql.statements).toBe(small.extensions?.sql.statements);
    const byName = Object.fromEntries(
      large.data.agents.nodes.map((a: { name: string; policiesInScope: { name: string }[] }) => [a.name, a.policiesInScope.map((p) => p.name)]),
    );
    expect(byName['Incident Triage']).toEqual(expect.arrayContaining(['Opus cost ceiling', 'Production needs a deployed model']));
    expect(byName['Support Summariser']).toEqual(expect.arrayContaining(['PII agents keep high thinking off']));
    expect(byName['Code Reviewer']).toEqual(expect.arrayContaining(['Code Reviewer declares its limits']));
    expect(byName['Release Notes Writer']).not.toContain('Code Reviewer declares its limits');
    expect(byName['Release Notes Writer']).not.toContain('PII agents keep high thinking off');
  });
});

describe('a policy version', () => {
  it('is a Node: node(id:) gives it to those who may read versions, and to no one else', async () => {
    const admin = await h.signIn('admin@acme.test');
    const listed = await admin.ok(`query($id: ID!) { policy(id: $id) { versions(first: 1) { nodes { id version name } } } }`, { id: policyId('pii-thinking') });
    const [version] = listed.policy.versions.nodes;
    expect(version.id).toBeTruthy();
    const read = await admin.ok(`query($id: ID!) { node(id: $id) { __typename ... on PolicyVersion { id version name } } }`, { id: version.id });
    expect(read.node).toEqual({ __typename: 'PolicyVersion', ...version });
    const viewer = await h.signIn('viewer@acme.test');
    const refused = await viewer.gql(`query($id: ID!) { node(id: $id) { ... on PolicyVersion { version } } }`, { id: version.id });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const globex = await h.signIn('admin@globex.test');
    const elsewhere = await globex.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: version.id });
    expect(elsewhere.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});
