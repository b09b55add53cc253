import { Harness, startHarness } from '../../../test/harness';
import { stableUuid } from '../../db/seed/deterministic';
import { demoApiKeySecret } from '../../db/seed/demo-world';
import { toGlobalId } from '../../graphql/global-id';

const agentId = (name: string, tenant = 'acme') => toGlobalId('Agent', stableUuid(`agent:${tenant}:${name}`));
const modelId = (key: string, tenant = 'acme') => toGlobalId('AiModel', stableUuid(`model:${tenant}:${key}`));

const PAYLOAD = `agent { id name status runtimeState deployedAt complianceStatus } userErrors { field message code } policyWarnings { policyName } policyViolations { policyName }`;
const CREATE = `mutation($input: AgentCreateInput!) { agentCreate(input: $input) { ${PAYLOAD} } }`;
const UPDATE = `mutation($input: AgentUpdateInput!) { agentUpdate(input: $input) { ${PAYLOAD} } }`;
const lifecycle = (verb: string) => `mutation($input: AgentLifecycleInput!) { agent${verb}(input: $input) { ${PAYLOAD} } }`;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('registering agents', () => {
  it('creates a draft with a deployed model, audited, and refuses a duplicate name', async () => {
    const dev = await h.signIn('dev@acme.test');
    const input = {
      name: 'Contract Reviewer',
      role: 'CUSTOM',
      modelId: modelId('sonnet'),
      modelTier: 'SONNET',
      costPerRequest: '0.012',
      tags: ['legal', ' legal ', 'contracts'],
    };
    const created = (await dev.ok(CREATE, { input })).agentCreate;
    expect(created.userErrors).toEqual([]);
    expect(created.agent).toMatchObject({ name: 'Contract Reviewer', status: 'DRAFT', runtimeState: 'PROVISIONING', deployedAt: null });
    const read = await dev.ok(`query($id: ID!) { agent(id: $id) { tags costPerRequest model { name status } createdBy { fullName } } }`, {
      id: created.agent.id,
    });
    expect(read.agent).toEqual({
      tags: ['legal', 'contracts'],
      costPerRequest: '0.012000',
      model: { name: 'Claude Sonnet', status: 'DEPLOYED' },
      createdBy: { fullName: 'Dev Dhillon' },
    });
    const [entry] = await h.sql(
      `SELECT outcome, after->>'name' AS name FROM audit_entries WHERE action = 'agent.create' AND entity_name = 'Contract Reviewer'`,
    );
    expect(entry).toEqual({ outcome: 'success', name: 'Contract Reviewer' });

    const again = (await dev.ok(CREATE, { input: { ...input, name: 'contract reviewer' } })).agentCreate;
    expect(again.userErrors).toEqual([
      { field: ['input', 'name'], message: 'An agent named "contract reviewer" already exists (names are compared ignoring case)', code: 'CONFLICT' },
    ]);
  });

  it('refuses a model that is not deployed, or belongs to another tenant', async () => {
    const dev = await h.signIn('dev@acme.test');
    const training = (await dev.ok(CREATE, { input: { name: 'Trainee', role: 'CUSTOM', modelId: modelId('llama'), modelTier: 'HAIKU' } })).agentCreate;
    expect(training.userErrors[0]).toMatchObject({
      field: ['input', 'modelId'],
      message: expect.stringMatching(/training; an agent may only use a deployed model/),
    });
    const foreign = (await dev.ok(CREATE, { input: { name: 'Foreigner', role: 'CUSTOM', modelId: modelId('sonnet', 'globex'), modelTier: 'HAIKU' } }))
      .agentCreate;
    expect(foreign.userErrors[0].message).toMatch(/No such model/);
  });

  it('refuses every problem of one input at once, each at its field', async () => {
    const dev = await h.signIn('dev@acme.test');
    const big = { text: 'x'.repeat(20_001) };
    const input = { name: 'Three problems', role: 'CUSTOM', modelId: modelId('llama'), modelTier: 'HAIKU', configuration: big, toolPolicy: big };
    const refused = (await dev.ok(CREATE, { input })).agentCreate;
    expect(refused.agent).toBeNull();
    expect(refused.userErrors).toEqual([
      { field: ['input', 'configuration'], message: 'configuration must be at most 20000 characters of JSON', code: 'BAD_USER_INPUT' },
      { field: ['input', 'toolPolicy'], message: 'toolPolicy must be at most 20000 characters of JSON', code: 'BAD_USER_INPUT' },
      { field: ['input', 'modelId'], message: expect.stringMatching(/training; an agent may only use a deployed model/), code: 'BAD_USER_INPUT' },
    ]);
    const existing = agentId('Code Reviewer');
    const update = (await dev.ok(UPDATE, { input: { agentId: existing, toolPolicy: big, modelId: modelId('sonnet', 'globex') } })).agentUpdate;
    expect(update.userErrors.map((e: { field: string[] }) => e.field.join('.'))).toEqual(['input.toolPolicy', 'input.modelId']);
  });

  it('lets a partner app with a developer key register and update agents, and refuses an analyst key', async () => {
    const runtime = h.apiKey(demoApiKeySecret('acme', 'Agent runtime'));
    const created = (await runtime.ok(CREATE, { input: { name: 'Runtime-registered', role: 'OPERATIONS', modelTier: 'HAIKU' } })).agentCreate;
    expect(created.agent.status).toBe('DRAFT');
    const updated = (await runtime.ok(UPDATE, { input: { agentId: created.agent.id, runtimeState: 'ACTIVE' } })).agentUpdate;
    expect(updated.agent.runtimeState).toBe('ACTIVE');
    const [entry] = await h.sql(`SELECT actor_type, actor_label FROM audit_entries WHERE action = 'agent.update' AND entity_name = 'Runtime-registered'`);
    expect(entry).toEqual({ actor_type: 'api_key', actor_label: 'Agent runtime' });
    const billing = h.apiKey(demoApiKeySecret('acme', 'Billing feed'));
    const refused = await billing.gql(CREATE, { input: { name: 'Nope', role: 'CUSTOM', modelTier: 'HAIKU' } });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('the lifecycle', () => {
  it('goes draft → deployed → suspended → deployed → archived, each step audited and in the feed', async () => {
    const dev = await h.signIn('dev@acme.test');
    const id = agentId('Terraform Drafter');
    const deployed = (await dev.ok(lifecycle('Deploy'), { input: { agentId: id } })).agentDeploy;
    expect(deployed.agent).toMatchObject({ status: 'DEPLOYED', deployedAt: expect.any(String) });
    expect((await dev.ok(lifecycle('Suspend'), { input: { agentId: id, reason: 'cost review' } })).agentSuspend.agent).toMatchObject({
      status: 'SUSPENDED',
      runtimeState: 'PAUSED',
    });
    expect((await dev.ok(lifecycle('Resume'), { input: { agentId: id } })).agentResume.agent.status).toBe('DEPLOYED');
    expect((await dev.ok(lifecycle('Archive'), { input: { agentId: id } })).agentArchive.agent.status).toBe('ARCHIVED');
    const feed = await dev.ok(`query($id: ID!) { agent(id: $id) { activity(filter: { types: [LIFECYCLE] }) { nodes { summary } } } }`, { id });
    expect(feed.agent.activity.nodes.map((n: { summary: string }) => n.summary)).toEqual([
      'deployed → archived',
      'suspended → deployed',
      'deployed → suspended: cost review',
      'draft → deployed',
    ]);
    const actions = await h.sql(`SELECT action FROM audit_entries WHERE entity_id = $1 ORDER BY seq`, [stableUuid('agent:acme:Terraform Drafter')]);
    // The seed registered it (agent.create); the rest is this test's doing.
    expect(actions.map((a) => a.action)).toEqual(['agent.create', 'agent.deploy', 'agent.suspend', 'agent.resume', 'agent.archive']);
  });

  it('refuses impossible transitions with a clear error and changes nothing', async () => {
    const dev = await h.signIn('dev@acme.test');
    const cases: [string, string, RegExp][] = [
      ['Suspend', 'Data Quality Checker', /A draft agent cannot suspend; only a deployed one can/],
      ['Resume', 'Release Notes Writer', /A deployed agent cannot resume; only a suspended one can/],
      ['Deploy', 'Roadmap Planner', /A suspended agent cannot deploy; only a draft one can/],
      ['Deploy', 'Legacy FAQ Bot', /archived and read-only/],
      ['Deploy', 'Data Quality Checker', /Choose a deployed model/],
    ];
    for (const [verb, name, message] of cases) {
      const payload = (await dev.ok(lifecycle(verb), { input: { agentId: agentId(name) } }))[`agent${verb}`];
      expect(payload.agent).toBeNull();
      expect(payload.userErrors[0].message).toMatch(message);
    }
    const statuses = await h.sql(
      `SELECT name, status FROM agents WHERE tenant_id = $1 AND name IN ('Data Quality Checker', 'Release Notes Writer', 'Roadmap Planner', 'Legacy FAQ Bot') ORDER BY name`,
      [stableUuid('tenant:acme')],
    );
    expect(statuses.map((s) => s.status)).toEqual(['draft', 'archived', 'deployed', 'suspended']);
  });

  it('keeps archived agents read-only', async () => {
    const dev = await h.signIn('dev@acme.test');
    const update = (await dev.ok(UPDATE, { input: { agentId: agentId('Legacy FAQ Bot'), description: 'revived' } })).agentUpdate;
    expect(update.userErrors[0]).toMatchObject({ code: 'CONFLICT', message: 'The agent is archived and read-only' });
    const activity = await dev.ok(
      `mutation($id: ID!) { agentActivityRecord(input: { agentId: $id, type: MESSAGE, summary: "hello" }) { userErrors { message } } }`,
      { id: agentId('Legacy FAQ Bot') },
    );
    expect(activity.agentActivityRecord.userErrors[0].message).toMatch(/archived/);
  });
});

describe('reading agents', () => {
  it('filters, searches by name and tag, orders and pages', async () => {
    const viewer = await h.signIn('viewer@acme.test');
    const byTag = await viewer.ok(`{ agents(filter: { tags: ["support"] }, orderBy: { field: NAME, direction: ASC }) { totalCount nodes { name } } }`);
    expect(byTag.agents.nodes.map((a: { name: string }) => a.name)).toEqual(['Legacy FAQ Bot', 'Support Summariser']);
    const deployed = await viewer.ok(`{ agents(filter: { statuses: [DEPLOYED], search: "re" }) { nodes { name } } }`);
    expect(deployed.agents.nodes.map((a: { name: string }) => a.name).sort()).toEqual(['Code Reviewer', 'Release Notes Writer']);
    const page = await viewer.ok(`{ agents(first: 3, orderBy: { field: NAME, direction: ASC }) { pageInfo { endCursor hasNextPage } nodes { name } } }`);
    const next = await viewer.ok(`query($after: String) { agents(first: 3, after: $after, orderBy: { field: NAME, direction: ASC }) { nodes { name } } }`, {
      after: page.agents.pageInfo.endCursor,
    });
    const names = [...page.agents.nodes, ...next.agents.nodes].map((a: { name: string }) => a.name);
    expect(names).toEqual([...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    expect(new Set(names).size).toBe(6);
  });

  it('hides configuration, tool policy and cost from those who may not see them', async () => {
    const query = `query($id: ID!) { agent(id: $id) { name configuration toolPolicy costPerRequest } }`;
    const id = agentId('Incident Triage');
    const expectations: [string, { configuration: boolean; cost: boolean }][] = [
      ['admin@acme.test', { configuration: true, cost: true }],
      ['dev@acme.test', { configuration: true, cost: true }],
      ['analyst@acme.test', { configuration: false, cost: true }],
      ['compliance@acme.test', { configuration: false, cost: false }],
      ['auditor@acme.test', { configuration: false, cost: false }],
      ['viewer@acme.test', { configuration: false, cost: false }],
    ];
    for (const [email, can] of expectations) {
      const response = await (await h.signIn(email)).gql(query, { id });
      expect(response.data.agent.name).toBe('Incident Triage');
      expect(response.data.agent.configuration !== null).toBe(can.configuration);
      expect(response.data.agent.toolPolicy !== null).toBe(can.configuration);
      expect(response.data.agent.costPerRequest !== null).toBe(can.cost);
      const denied = (response.errors ?? []).map((e) => e.path?.at(-1)).sort();
      expect(denied).toEqual([...(can.configuration ? [] : ['configuration', 'toolPolicy']), ...(can.cost ? [] : ['costPerRequest'])].sort());
    }
  });

  it("treats another tenant's agent as not found, for reads and writes", async () => {
    const dev = await h.signIn('dev@acme.test');
    const foreign = agentId('Release Notes Writer', 'globex');
    const read = await dev.gql(`query($id: ID!) { agent(id: $id) { name } }`, { id: foreign });
    expect(read.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const write = await dev.gql(lifecycle('Suspend'), { input: { agentId: foreign } });
    expect(write.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const [row] = await h.sql(`SELECT status FROM agents WHERE id = $1`, [stableUuid('agent:globex:Release Notes Writer')]);
    expect(row.status).toBe('deployed');
  });
});

describe('the activity feed', () => {
  it('takes events from an agent runtime with an API key and keeps them append-only', async () => {
    const runtime = h.apiKey(demoApiKeySecret('acme', 'Agent runtime'));
    const id = agentId('Support Summariser');
    for (const [type, summary] of [
      ['MESSAGE', 'Summarised ticket #4411'],
      ['TOOL_CALL', 'search("refund policy")'],
      ['ERROR', 'Rate limited by provider'],
    ]) {
      const recorded = await runtime.ok(
        `mutation($input: AgentActivityRecordInput!) { agentActivityRecord(input: $input) { activity { type summary } userErrors { message } } }`,
        { input: { agentId: id, type, summary, details: { ticket: 4411 } } },
      );
      expect(recorded.agentActivityRecord.activity).toEqual({ type, summary });
    }
    const viewer = await h.signIn('viewer@acme.test');
    const feed = await viewer.ok(`query($id: ID!) { agent(id: $id) { lastActiveAt activity(first: 3) { nodes { type summary } } } }`, { id });
    expect(feed.agent.activity.nodes.map((n: { type: string }) => n.type)).toEqual(['ERROR', 'TOOL_CALL', 'MESSAGE']);
    expect(new Date(feed.agent.lastActiveAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    await expect(h.sql(`BEGIN; SET LOCAL ROLE steward_app; UPDATE agent_activities SET summary = 'x'; COMMIT;`)).rejects.toThrow(/permission denied/);
    await h.sql('ROLLBACK').catch(() => undefined);
  });
});
