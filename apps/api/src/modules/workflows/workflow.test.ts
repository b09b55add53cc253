import { createHash } from 'node:crypto';
import { Caller, Harness, startHarness } from '../../../test/harness';

const FIELDS = `id name type version active trigger { kind cron event hasWebhookSecret } graph versions { version }`;
const CREATE = `mutation($input: WorkflowCreateInput!) { workflowCreate(input: $input) { workflow { ${FIELDS} } webhookSecret userErrors { field message code } } }`;
const UPDATE = `mutation($input: WorkflowUpdateInput!) { workflowUpdate(input: $input) { workflow { ${FIELDS} } webhookSecret userErrors { field message code } } }`;

export const SIMPLE_GRAPH = {
  nodes: [
    { id: 'start', type: 'start' },
    { id: 'notify', type: 'task', config: { action: 'channel.send', message: 'Hello' } },
    { id: 'end', type: 'end' },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'notify' },
    { id: 'e2', source: 'notify', target: 'end' },
  ],
};

let h: Harness;
let dev: Caller;
beforeAll(async () => {
  h = await startHarness();
  dev = await h.signIn('dev@acme.test');
});
afterAll(() => h.close());

describe('workflow definitions', () => {
  it('are created at version 1, and each change adds a version', async () => {
    const created = (
      await dev.ok(CREATE, { input: { name: 'Weekly digest', type: 'NOTIFICATION', trigger: { kind: 'SCHEDULE', cron: '0 6 * * 1' }, graph: SIMPLE_GRAPH } })
    ).workflowCreate;
    expect(created.userErrors).toEqual([]);
    expect(created.workflow).toMatchObject({ version: 1, trigger: { kind: 'SCHEDULE', cron: '0 6 * * 1', event: null }, versions: [{ version: 1 }] });
    const graph = {
      ...SIMPLE_GRAPH,
      nodes: SIMPLE_GRAPH.nodes.map((n) => (n.id === 'notify' ? { ...n, config: { action: 'channel.send', message: 'Hi' } } : n)),
    };
    const updated = (await dev.ok(UPDATE, { input: { workflowId: created.workflow.id, graph } })).workflowUpdate;
    expect(updated.workflow).toMatchObject({ version: 2, versions: [{ version: 2 }, { version: 1 }] });
    const [v1] = await h.sql(`SELECT graph FROM workflow_versions WHERE version = 1 AND workflow_id = (SELECT id FROM workflows WHERE name = 'Weekly digest')`);
    expect(v1.graph.nodes[1].config.message).toBe('Hello');
  });

  it('refuse an invalid graph with every problem at the node it names, and a bad trigger', async () => {
    const graph = {
      nodes: [...SIMPLE_GRAPH.nodes, { id: 'lost', type: 'task', config: { action: 'channel.send', message: 'x' } }, { id: 'odd', type: 'magic' }],
      edges: [...SIMPLE_GRAPH.edges, { id: 'e3', source: 'lost', target: 'end' }, { id: 'e4', source: 'notify', target: 'nowhere' }],
    };
    const { workflowCreate } = await dev.ok(CREATE, { input: { name: 'Broken', type: 'AUTOMATION', trigger: { kind: 'SCHEDULE', cron: 'every day' }, graph } });
    expect(workflowCreate.workflow).toBeNull();
    expect(workflowCreate.userErrors).toEqual(
      expect.arrayContaining([
        { field: ['input', 'trigger', 'cron'], message: expect.stringMatching(/5-field cron/), code: 'BAD_USER_INPUT' },
        { field: ['input', 'graph', 'nodes', 'odd'], message: expect.stringMatching(/^Node "odd": unknown type "magic"/), code: 'BAD_USER_INPUT' },
        { field: ['input', 'graph', 'nodes', 'lost'], message: 'Node "lost" cannot be reached from the start', code: 'BAD_USER_INPUT' },
        { field: ['input', 'graph', 'edges', 'e4'], message: 'Edge e4 points to "nowhere", which is not a node', code: 'BAD_USER_INPUT' },
      ]),
    );
    expect((await h.sql(`SELECT count(*)::int AS n FROM workflows WHERE name = 'Broken'`))[0].n).toBe(0);
    const live = await dev.ok(`query($g: JSONObject!) { workflowGraphValidate(graph: $g) { nodeId: nodeKey message } }`, { g: graph });
    expect(live.workflowGraphValidate.map((p: { nodeId: string }) => p.nodeId)).toEqual(expect.arrayContaining(['odd', 'lost']));
  });

  it('show a webhook secret once and keep only its hash', async () => {
    const { workflowCreate } = await dev.ok(CREATE, { input: { name: 'CI hook', type: 'AUTOMATION', trigger: { kind: 'WEBHOOK' }, graph: SIMPLE_GRAPH } });
    expect(workflowCreate.webhookSecret).toMatch(/^whs_/);
    expect(workflowCreate.workflow.trigger.hasWebhookSecret).toBe(true);
    const [row] = await h.sql(`SELECT webhook_secret_hash FROM workflows WHERE name = 'CI hook'`);
    expect(row.webhook_secret_hash).toBe(createHash('sha256').update(workflowCreate.webhookSecret).digest('hex'));
    const again = (await dev.ok(UPDATE, { input: { workflowId: workflowCreate.workflow.id, description: 'Runs on merge' } })).workflowUpdate;
    expect(again.webhookSecret).toBeNull();
    const rotated = await dev.ok(`mutation($input: WorkflowRefInput!) { workflowWebhookSecretRotate(input: $input) { webhookSecret } }`, {
      input: { workflowId: workflowCreate.workflow.id },
    });
    expect(rotated.workflowWebhookSecretRotate.webhookSecret).not.toBe(workflowCreate.webhookSecret);
  });

  it('are for builders and reviewers of the tenant only', async () => {
    const { workflowCreate } = await dev.ok(CREATE, {
      input: { name: 'Private', type: 'COMPLIANCE', trigger: { kind: 'EVENT', event: 'VIOLATION_OPENED' }, graph: SIMPLE_GRAPH },
    });
    expect(workflowCreate.workflow.trigger.event).toBe('VIOLATION_OPENED');
    const globex = await h.signIn('admin@globex.test');
    expect((await globex.ok(`query($id: ID!) { workflow(id: $id) { id } }`, { id: workflowCreate.workflow.id })).workflow).toBeNull();
    expect((await globex.gql(UPDATE, { input: { workflowId: workflowCreate.workflow.id, name: 'Mine' } })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const viewer = await h.signIn('viewer@acme.test');
    expect((await viewer.gql(`{ workflows { nodes { id } } }`)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const auditor = await h.signIn('auditor@acme.test');
    expect((await auditor.ok(`{ workflows { nodes { name } } }`)).workflows.nodes.map((n: { name: string }) => n.name)).toContain('Private');
    expect(
      (await auditor.gql(CREATE, { input: { name: 'No', type: 'COMPLIANCE', trigger: { kind: 'MANUAL' }, graph: SIMPLE_GRAPH } })).errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');
  });
});
