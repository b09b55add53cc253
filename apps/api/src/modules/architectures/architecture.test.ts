import { Harness, startHarness } from '../../../test/harness';
import { stableUuid } from '../../db/seed/deterministic';
import { toGlobalId } from '../../graphql/global-id';

const archId = (name: string, tenant = 'acme') => toGlobalId('Architecture', stableUuid(`architecture:${tenant}:${name}`));

const FIELDS = `id name description cloudProvider region environment status version tags terraformGenerated lastTerraformGen estimatedCost
  components { vpc kubernetes relational_db object_storage monitoring load_balancer cache message_queue }
  services { key type name position { x y } properties connections }`;
const PAYLOAD = `architecture { ${FIELDS} } userErrors { field message code } policyWarnings { policyName ruleName } policyViolations { policyName ruleName message }`;
const CREATE = `mutation($input: ArchitectureCreateInput!) { architectureCreate(input: $input) { ${PAYLOAD} } }`;
const UPDATE = `mutation($input: ArchitectureUpdateInput!) { architectureUpdate(input: $input) { ${PAYLOAD} } }`;
const verb = (v: string) => `mutation($input: ArchitectureLifecycleInput!) { architecture${v}(input: $input) { ${PAYLOAD} } }`;

const svc = (key: string, type: string, extra: Record<string, unknown> = {}) => ({ key, type, name: key, x: 10, y: 20, ...extra });

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('architectures', () => {
  it('are created with every seed field, components following the services, and an estimate per service', async () => {
    const dev = await h.signIn('dev@acme.test');
    const input = {
      name: 'Payments platform',
      description: 'Card payments',
      cloudProvider: 'AWS',
      region: 'eu-west-1',
      environment: 'STAGING',
      tags: ['payments', ' payments '],
      services: [svc('db', 'aws.relational_db', { properties: { size: 'medium' } }), svc('app', 'aws.kubernetes', { connections: ['db'] })],
      components: { object_storage: true },
    };
    const created = (await dev.ok(CREATE, { input })).architectureCreate;
    expect(created.userErrors).toEqual([]);
    const a = created.architecture;
    expect(a).toMatchObject({ name: 'Payments platform', status: 'DRAFT', version: 1, tags: ['payments'], terraformGenerated: false, lastTerraformGen: null });
    expect(a.components).toEqual({
      vpc: false,
      kubernetes: true,
      relational_db: true,
      object_storage: true,
      monitoring: false,
      load_balancer: false,
      cache: false,
      message_queue: false,
    });
    expect(a.services.map((s: { key: string; type: string }) => [s.key, s.type])).toEqual([
      ['db', 'aws.relational_db'],
      ['app', 'aws.kubernetes'],
      ['object_storage-3', 'aws.object_storage'],
    ]);
    // eu-west-1 is 1.06 × us-east-1: RDS medium 135.60, EKS small 133.74, S3 small 2.30.
    const read = await dev.ok(
      `query($id: ID!) { architecture(id: $id) { estimatedCost estimate { serviceKey size region monthly } createdBy { fullName } } }`,
      {
        id: a.id,
      },
    );
    expect(read.architecture.estimate).toEqual([
      { serviceKey: 'db', size: 'medium', region: 'eu-west-1', monthly: '143.74' },
      { serviceKey: 'app', size: 'small', region: 'eu-west-1', monthly: '141.76' },
      { serviceKey: 'object_storage-3', size: 'small', region: 'eu-west-1', monthly: '2.44' },
    ]);
    expect(read.architecture.estimatedCost).toBe('287.94');
    expect(read.architecture.createdBy.fullName).toBe('Dev Dhillon');

    const again = (await dev.ok(CREATE, { input: { ...input, name: 'payments PLATFORM' } })).architectureCreate;
    expect(again.userErrors[0]).toMatchObject({ code: 'CONFLICT', field: ['input', 'name'] });
  });

  it('refuses every problem of a design at once, each at its field', async () => {
    const dev = await h.signIn('dev@acme.test');
    const input = {
      name: 'Broken',
      cloudProvider: 'GCP',
      region: 'us-east-1',
      environment: 'DEV',
      services: [svc('a', 'aws.vpc'), svc('a', 'gcp.nosuch'), svc('c', 'gcp.cache', { connections: ['zzz', 'c'], properties: { size: 'huge' } })],
    };
    const refused = (await dev.ok(CREATE, { input })).architectureCreate;
    expect(refused.architecture).toBeNull();
    expect(refused.userErrors.map((e: { field: string[]; message: string }) => [e.field.join('.'), e.message])).toEqual([
      ['input.region', expect.stringMatching(/^region must be one of us-central1/)],
      ['input.services.0.type', 'A gcp design cannot place aws services'],
      ['input.services.1.key', 'Two services have the key a'],
      ['input.services.1.type', 'Unknown service type gcp.nosuch'],
      ['input.services.2.properties', 'size must be one of small, medium, large'],
      ['input.services.2.connections', 'No service has the key zzz'],
      ['input.services.2.connections', 'A service cannot connect to itself'],
    ]);
  });

  it('version every save of an active design, with a diff between versions, and stay read-only once archived', async () => {
    const dev = await h.signIn('dev@acme.test');
    const base = {
      name: 'Versioned',
      cloudProvider: 'AZURE',
      region: 'eastus',
      environment: 'DEV',
      services: [svc('net', 'azure.vpc', { connections: ['aks'] }), svc('aks', 'azure.kubernetes')],
    };
    const a = (await dev.ok(CREATE, { input: base })).architectureCreate.architecture;
    // Saves of a draft change it in place.
    const draftSave = (await dev.ok(UPDATE, { input: { architectureId: a.id, description: 'still a draft' } })).architectureUpdate;
    expect(draftSave.architecture.version).toBe(1);
    const active = (await dev.ok(verb('Activate'), { input: { architectureId: a.id } })).architectureActivate;
    expect(active.architecture).toMatchObject({ status: 'ACTIVE', version: 2 });
    const saved = (
      await dev.ok(UPDATE, {
        input: {
          architectureId: a.id,
          region: 'westeurope',
          services: [
            svc('net', 'azure.vpc'),
            svc('aks', 'azure.kubernetes', { name: 'cluster', properties: { size: 'large' } }),
            svc('q', 'azure.message_queue'),
          ],
        },
      })
    ).architectureUpdate;
    expect(saved.architecture.version).toBe(3);
    const versions = await dev.ok(`query($id: ID!) { architecture(id: $id) { versions { version reason } } }`, { id: a.id });
    expect(versions.architecture.versions).toEqual([
      { version: 3, reason: 'save' },
      { version: 2, reason: 'activate' },
      { version: 1, reason: 'create' },
    ]);
    const DIFF = `query($id: ID!, $from: Int!, $to: Int) { architectureDiff(id: $id, fromVersion: $from, toVersion: $to) {
      fromVersion toVersion fields { field before after } servicesAdded { key } servicesRemoved { key }
      servicesChanged { key name changes { field before after } } connectionsAdded connectionsRemoved } }`;
    const diff = (await dev.ok(DIFF, { id: a.id, from: 2, to: 3 })).architectureDiff;
    expect(diff).toEqual({
      fromVersion: 2,
      toVersion: 3,
      fields: [
        { field: 'region', before: 'eastus', after: 'westeurope' },
        { field: 'components', before: expect.stringContaining('"message_queue":false'), after: expect.stringContaining('"message_queue":true') },
      ],
      servicesAdded: [{ key: 'q' }],
      servicesRemoved: [],
      servicesChanged: [
        {
          key: 'aks',
          name: 'cluster',
          changes: [
            { field: 'name', before: 'aks', after: 'cluster' },
            { field: 'properties', before: '{}', after: '{"size":"large"}' },
          ],
        },
      ],
      connectionsAdded: [],
      connectionsRemoved: ['net → aks'],
    });
    expect((await dev.ok(DIFF, { id: a.id, from: 1, to: null })).architectureDiff.fields.map((f: { field: string }) => f.field)).toEqual([
      'description',
      'region',
      'components',
    ]);
    expect((await dev.gql(DIFF, { id: a.id, from: 9, to: null })).errors?.[0].message).toMatch(/no version 9/);

    const archived = (await dev.ok(verb('Archive'), { input: { architectureId: a.id } })).architectureArchive;
    expect(archived.architecture.status).toBe('ARCHIVED');
    const late = (await dev.ok(UPDATE, { input: { architectureId: a.id, description: 'x' } })).architectureUpdate;
    expect(late.userErrors).toEqual([{ field: ['input', 'architectureId'], message: 'The architecture is archived and read-only', code: 'CONFLICT' }]);
    const again = (await dev.ok(verb('Activate'), { input: { architectureId: a.id } })).architectureActivate;
    expect(again.userErrors[0].message).toBe('The architecture is archived and read-only');
    const audit = await h.sql(`SELECT action FROM audit_entries WHERE entity_id = $1 ORDER BY created_at, action`, [await idOf('Versioned')]);
    expect(audit.map((r) => r.action)).toEqual(
      expect.arrayContaining(['architecture.create', 'architecture.update', 'architecture.activate', 'architecture.archive']),
    );
  });
});

async function idOf(name: string): Promise<string> {
  const [row] = await h.sql(`SELECT id FROM architectures WHERE name = $1`, [name]);
  return row.id;
}

describe('architecture policies', () => {
  const prodWithout = (name: string) => ({
    name,
    cloudProvider: 'AWS',
    region: 'us-east-1',
    environment: 'PRODUCTION',
    services: [svc('net', 'aws.vpc'), svc('app', 'aws.kubernetes', { connections: ['net'] })],
  });

  it('block activating a production design without monitoring (seeded policy), recording the decision; monitoring lets it through', async () => {
    const dev = await h.signIn('dev@acme.test');
    // A draft may lack monitoring: the seeded rule judges what goes live.
    const draft = (await dev.ok(CREATE, { input: prodWithout('Checkout') })).architectureCreate;
    expect(draft.userErrors).toEqual([]);
    const id = draft.architecture.id;
    const refused = (await dev.ok(verb('Activate'), { input: { architectureId: id } })).architectureActivate;
    expect(refused.architecture).toBeNull();
    expect(refused.policyViolations).toEqual([
      {
        policyName: 'Production needs monitoring',
        ruleName: 'Monitoring in production',
        message: 'A production architecture must include monitoring before it goes live',
      },
    ]);
    expect(refused.userErrors).toEqual([
      { field: null, message: 'Production needs monitoring: A production architecture must include monitoring before it goes live', code: 'POLICY_VIOLATION' },
    ]);
    const uuid = await idOf('Checkout');
    expect(await h.sql(`SELECT status, refused_change FROM policy_violations WHERE architecture_id = $1`, [uuid])).toEqual([
      { status: 'blocked', refused_change: true },
    ]);
    expect((await h.sql(`SELECT status FROM architectures WHERE id = $1`, [uuid]))[0].status).toBe('draft');

    const withMonitoring = (await dev.ok(UPDATE, { input: { architectureId: id, components: { monitoring: true } } })).architectureUpdate;
    expect(withMonitoring.userErrors).toEqual([]);
    const active = (await dev.ok(verb('Activate'), { input: { architectureId: id } })).architectureActivate;
    expect(active.architecture).toMatchObject({ status: 'ACTIVE', components: { monitoring: true } });
    // Once active, a save that drops monitoring is refused in the same transaction: the design stays as it was.
    const drop = (await dev.ok(UPDATE, { input: { architectureId: id, components: { monitoring: false } } })).architectureUpdate;
    expect(drop.policyViolations.map((v: { policyName: string }) => v.policyName)).toEqual(['Production needs monitoring']);
    expect((await h.sql(`SELECT components->>'monitoring' AS m, version FROM architectures WHERE id = $1`, [uuid]))[0]).toEqual({ m: 'true', version: 2 });
    const decisions = await h.sql(
      `SELECT trigger, result, action_taken FROM policy_decisions d JOIN policies p ON p.id = d.policy_id
       WHERE d.architecture_id = $1 AND p.name = 'Production needs monitoring' ORDER BY decided_at, d.id`,
      [uuid],
    );
    expect(decisions).toEqual([
      { trigger: 'create', result: 'pass', action_taken: 'none' },
      { trigger: 'deploy', result: 'violation', action_taken: 'blocked' },
      { trigger: 'update', result: 'pass', action_taken: 'none' },
      { trigger: 'deploy', result: 'pass', action_taken: 'none' },
      { trigger: 'update', result: 'violation', action_taken: 'blocked' },
    ]);
    const [denied] = await h.sql(
      `SELECT outcome, error_code FROM audit_entries WHERE action = 'architecture.activate' AND entity_id = $1 AND outcome = 'denied'`,
      [uuid],
    );
    expect(denied).toEqual({ outcome: 'denied', error_code: 'POLICY_VIOLATION' });
  });

  it('warn and audit: the change goes through, warnings come back, violations stay open until fixed; a waiver exempts', async () => {
    const dev = await h.signIn('dev@acme.test');
    const input = {
      name: 'Public site',
      cloudProvider: 'AWS',
      region: 'us-east-1',
      environment: 'DEV',
      services: [svc('site', 'aws.object_storage', { properties: { publicAccess: true } }), svc('k8s', 'aws.kubernetes', { properties: { size: 'large' } })],
    };
    const created = (await dev.ok(CREATE, { input })).architectureCreate;
    expect(created.policyWarnings).toEqual([{ policyName: 'No public object storage', ruleName: 'Private buckets' }]);
    const id = await idOf('Public site');
    const open = await h.sql(`SELECT rule_name, status, enforcement FROM policy_violations WHERE architecture_id = $1 ORDER BY rule_name`, [id]);
    expect(open).toEqual([{ rule_name: 'Private buckets', status: 'open', enforcement: 'warn' }]);

    // Audit mode: recorded, never reported. Six large EKS clusters are well above $5,000.
    const big = (
      await dev.ok(UPDATE, {
        input: {
          architectureId: created.architecture.id,
          services: [...input.services, ...[1, 2, 3, 4, 5].map((n) => svc(`k${n}`, 'aws.kubernetes', { properties: { size: 'large' } }))],
        },
      })
    ).architectureUpdate;
    expect(big.policyWarnings.map((w: { policyName: string }) => w.policyName)).toEqual(['No public object storage']);
    expect(await h.sql(`SELECT rule_name, status FROM policy_violations WHERE architecture_id = $1 AND status = 'open' ORDER BY rule_name`, [id])).toEqual([
      { rule_name: 'Estimate under limit', status: 'open' },
      { rule_name: 'Private buckets', status: 'open' },
    ]);

    const VIOLATIONS = `query($id: ID!) { architecture(id: $id) { violations { id ruleName status architecture { name } } } }`;
    const found = (await dev.ok(VIOLATIONS, { id: created.architecture.id })).architecture.violations;
    expect(found.map((v: { ruleName: string; architecture: { name: string } }) => [v.ruleName, v.architecture.name]).sort()).toEqual([
      ['Estimate under limit', 'Public site'],
      ['Private buckets', 'Public site'],
    ]);
    const admin = await h.signIn('admin@acme.test');
    const privateBuckets = found.find((v: { ruleName: string }) => v.ruleName === 'Private buckets');
    const waived = await admin.ok(
      `mutation($input: PolicyViolationWaiveInput!) { policyViolationWaive(input: $input) { violation { status } userErrors { message } } }`,
      {
        input: { violationId: privateBuckets.id, reason: 'Static marketing site' },
      },
    );
    expect(waived.policyViolationWaive.violation.status).toBe('WAIVED');
    const quiet = (await dev.ok(UPDATE, { input: { architectureId: created.architecture.id, description: 'still public' } })).architectureUpdate;
    expect(quiet.policyWarnings).toEqual([]);

    // Fixing the design resolves what it broke.
    const fixed = (await dev.ok(UPDATE, { input: { architectureId: created.architecture.id, services: [svc('site', 'aws.object_storage')] } }))
      .architectureUpdate;
    expect(fixed.userErrors).toEqual([]);
    expect(await h.sql(`SELECT rule_name FROM policy_violations WHERE architecture_id = $1 AND status = 'open'`, [id])).toEqual([]);
  });

  it('never judge agents, and agent policies never judge architectures', async () => {
    const [row] = await h.sql(
      `SELECT count(*)::int AS n FROM policy_decisions d JOIN policies p ON p.id = d.policy_id WHERE (p.type = 'architecture') <> (d.architecture_id IS NOT NULL OR d.agent_id IS NULL)`,
    );
    expect(row.n).toBe(0);
  });
});

describe('spend and agents on an architecture', () => {
  it('counts cost entries of the architecture and of its agents once, in SQL, beside the estimate', async () => {
    const analyst = await h.signIn('analyst@acme.test');
    const id = archId('ci-review-pipeline');
    const today = new Date().toISOString().slice(0, 10);
    const got = await analyst.ok(
      `query($id: ID!, $m: LocalDate) { architecture(id: $id) { estimatedCost spend(month: $m) { month amount entries estimated } } }`,
      {
        id,
        m: today,
      },
    );
    const [expected] = await h.sql(
      `SELECT coalesce(sum(amount), 0)::numeric(18,2)::text AS amount, count(*)::int AS entries FROM cost_entries e
       WHERE e.tenant_id = $1 AND e.currency = 'USD' AND date_trunc('month', e.incurred_on) = date_trunc('month', $3::date)
         AND (e.architecture_id = $2 OR (e.architecture_id IS NULL AND e.agent_id IN (SELECT id FROM agents WHERE architecture_id = $2)))`,
      [stableUuid('tenant:acme'), stableUuid('architecture:acme:ci-review-pipeline'), today],
    );
    expect(got.architecture.spend).toEqual({
      month: `${today.slice(0, 7)}-01`,
      amount: expected.amount,
      entries: expected.entries,
      estimated: got.architecture.estimatedCost,
    });
    expect(expected.entries).toBeGreaterThan(0);
    const [linked] = await h.sql(
      `SELECT count(*)::int AS n FROM cost_entries WHERE architecture = 'ci-review-pipeline' AND architecture_id IS NULL AND tenant_id = $1`,
      [stableUuid('tenant:acme')],
    );
    expect(linked.n).toBe(0);
  });

  it('links recorded cost entries to the architecture their name matches, and agents to an architecture', async () => {
    const admin = await h.signIn('admin@acme.test');
    const recorded = await admin.ok(`mutation($input: CostEntriesRecordInput!) { costEntriesRecord(input: $input) { userErrors { message } } }`, {
      input: {
        entries: [
          {
            idempotencyKey: 'arch-link-1',
            architecture: 'OPS-assistants',
            date: '2026-01-02',
            amount: '3.50',
            provider: 'GCP',
            service: 'GKE',
            category: 'COMPUTE',
          },
          {
            idempotencyKey: 'arch-link-2',
            architecture: 'no such design',
            date: '2026-01-02',
            amount: '1',
            provider: 'GCP',
            service: 'GKE',
            category: 'COMPUTE',
          },
        ],
      },
    });
    expect(recorded.costEntriesRecord.userErrors).toEqual([]);
    const rows = await h.sql(`SELECT idempotency_key, architecture_id FROM cost_entries WHERE idempotency_key LIKE 'arch-link-%' ORDER BY 1`);
    expect(rows).toEqual([
      { idempotency_key: 'arch-link-1', architecture_id: stableUuid('architecture:acme:ops-assistants') },
      { idempotency_key: 'arch-link-2', architecture_id: null },
    ]);
    const dev = await h.signIn('dev@acme.test');
    const agent = toGlobalId('Agent', stableUuid('agent:acme:Code Reviewer'));
    const set = await dev.ok(
      `mutation($input: AgentUpdateInput!) { agentUpdate(input: $input) { agent { architecture { name } } userErrors { field message } } }`,
      {
        input: { agentId: agent, architectureId: archId('product-copilots') },
      },
    );
    expect(set.agentUpdate.agent.architecture).toEqual({ name: 'product-copilots' });
    const foreign = await dev.ok(`mutation($input: AgentUpdateInput!) { agentUpdate(input: $input) { userErrors { field message } } }`, {
      input: { agentId: agent, architectureId: archId('ci-review-pipeline', 'globex') },
    });
    expect(foreign.agentUpdate.userErrors).toEqual([{ field: ['input', 'architectureId'], message: 'No such architecture in this tenant' }]);
  });
});

describe('cost entries by architecture id', () => {
  const RECORD = `mutation($input: CostEntriesRecordInput!) { costEntriesRecord(input: $input) { recordedCount duplicateCount userErrors { field message code } } }`;
  const line = (key: string, extra: Record<string, unknown>) => ({
    idempotencyKey: key,
    date: '2025-06-03',
    amount: '10.00',
    provider: 'AWS',
    service: 'EKS by id',
    category: 'COMPUTE',
    ...extra,
  });

  it("takes architectureId, refuses another tenant's (and a malformed id) at the entry, and rolls spend up by the architecture, not the name reported", async () => {
    const runtime = await h.signIn('admin@acme.test');
    const foreign = (
      await runtime.ok(RECORD, {
        input: {
          entries: [
            line('by-id-x1', { architectureId: archId('ops-assistants') }),
            line('by-id-x2', { architectureId: archId('ci-review-pipeline', 'globex') }),
            line('by-id-x3', { architectureId: toGlobalId('Agent', stableUuid('agent:acme:Code Reviewer')) }),
          ],
        },
      })
    ).costEntriesRecord;
    expect(foreign.userErrors).toEqual([
      { field: ['input', 'entries', '2', 'architectureId'], message: 'architectureId is not a valid Architecture id', code: 'BAD_USER_INPUT' },
    ]);
    const crossTenant = (
      await runtime.ok(RECORD, {
        input: {
          entries: [
            line('by-id-x1', { architectureId: archId('ops-assistants') }),
            line('by-id-x2', { architectureId: archId('ci-review-pipeline', 'globex') }),
          ],
        },
      })
    ).costEntriesRecord;
    expect(crossTenant.userErrors).toEqual([
      { field: ['input', 'entries', '1', 'architectureId'], message: 'No such architecture in this tenant', code: 'BAD_USER_INPUT' },
    ]);
    expect(await h.sql(`SELECT count(*)::int AS n FROM cost_entries WHERE idempotency_key LIKE 'by-id-x%'`)).toEqual([{ n: 0 }]);

    // The id decides, whatever name the reporter gives; a name alone links by name; an unknown name is unallocated.
    const recorded = (
      await runtime.ok(RECORD, {
        input: {
          entries: [
            line('by-id-1', { architectureId: archId('ops-assistants'), architecture: 'what billing calls it' }),
            line('by-id-2', { architectureId: archId('ops-assistants'), amount: '5.00' }),
            line('by-id-3', { architecture: 'Ops-Assistants', amount: '1.00' }),
            line('by-id-4', { architecture: 'ops-assistants-legacy', amount: '2.00' }),
            line('by-id-5', { architectureId: archId('product-copilots'), architecture: 'ops-assistants', amount: '7.00' }),
          ],
        },
      })
    ).costEntriesRecord;
    expect(recorded).toMatchObject({ recordedCount: 5, userErrors: [] });
    // A retry with the same content is a duplicate; the same key pointing at another architecture is a conflict.
    const retry = (await runtime.ok(RECORD, { input: { entries: [line('by-id-2', { architectureId: archId('ops-assistants'), amount: '5.00' })] } }))
      .costEntriesRecord;
    expect(retry).toMatchObject({ recordedCount: 0, duplicateCount: 1, userErrors: [] });
    const moved = (await runtime.ok(RECORD, { input: { entries: [line('by-id-2', { architectureId: archId('product-copilots'), amount: '5.00' })] } }))
      .costEntriesRecord;
    expect(moved.userErrors[0]).toMatchObject({ field: ['input', 'entries', '0', 'idempotencyKey'], code: 'CONFLICT' });

    const analyst = await h.signIn('analyst@acme.test');
    const rollup = await analyst.ok(
      `query($filter: CostFilter!) { costRollup(from: "2025-06-03", to: "2025-06-03", filter: $filter, groupBy: ARCHITECTURE) { key label amount entries } }`,
      { filter: { services: ['EKS by id'] } },
    );
    expect(rollup.costRollup).toEqual([
      { key: archId('ops-assistants'), label: 'ops-assistants', amount: '16.000000', entries: 3 },
      { key: archId('product-copilots'), label: 'product-copilots', amount: '7.000000', entries: 1 },
      { key: null, label: 'Unallocated', amount: '2.000000', entries: 1 },
    ]);
    const byId = await analyst.ok(`query($filter: CostFilter!) { costRollup(from: "2025-06-03", to: "2025-06-03", filter: $filter) { amount entries } }`, {
      filter: { services: ['EKS by id'], architectureIds: [archId('product-copilots')] },
    });
    expect(byId.costRollup).toEqual([{ amount: '7.000000', entries: 1 }]);
  });
});

describe('architecture access', () => {
  it('lets every member read designs, only builders change them, and only money readers see estimates and spend', async () => {
    const viewer = await h.signIn('viewer@acme.test');
    const read = await viewer.gql(`query($id: ID!) { architecture(id: $id) { name status estimatedCost spend { amount } } }`, { id: archId('ops-assistants') });
    expect(read.data?.architecture).toEqual({ name: 'ops-assistants', status: 'ACTIVE', estimatedCost: null, spend: null });
    expect(read.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    const change = await viewer.gql(UPDATE, { input: { architectureId: archId('ops-assistants'), description: 'viewer was here' } });
    expect(change.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const auditor = await h.signIn('auditor@acme.test');
    expect((await auditor.gql(verb('Archive'), { input: { architectureId: archId('ops-assistants') } })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const analyst = await h.signIn('analyst@acme.test');
    expect(
      (await analyst.ok(`query($id: ID!) { architecture(id: $id) { estimatedCost } }`, { id: archId('ops-assistants') })).architecture.estimatedCost,
    ).toMatch(/^\d+\.\d\d$/);
  });

  it('refuses drawing, activating, archiving and generating Terraform to every role but admins and developers', async () => {
    const draft = archId('Evaluation lakehouse');
    const TERRAFORM = `mutation($input: ArchitectureLifecycleInput!) { architectureTerraformGenerate(input: $input) { userErrors { code } } }`;
    const create = { input: { name: 'Not mine to draw', cloudProvider: 'AWS', region: 'us-east-1', environment: 'DEV', services: [svc('net', 'aws.vpc')] } };
    for (const email of ['analyst@acme.test', 'compliance@acme.test', 'auditor@acme.test', 'viewer@acme.test']) {
      const member = await h.signIn(email);
      const refused = [
        await member.gql(CREATE, create),
        await member.gql(UPDATE, { input: { architectureId: draft, description: 'redrawn' } }),
        await member.gql(verb('Activate'), { input: { architectureId: draft } }),
        await member.gql(verb('Archive'), { input: { architectureId: draft } }),
        await member.gql(TERRAFORM, { input: { architectureId: draft } }),
      ];
      expect([email, refused.map((r) => r.errors?.[0].extensions?.code)]).toEqual([email, ['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']]);
    }
    expect(await h.sql(`SELECT count(*)::int AS n FROM architectures WHERE name = 'Not mine to draw'`)).toEqual([{ n: 0 }]);
    const [row] = await h.sql(`SELECT description, status, terraform_generated FROM architectures WHERE id = $1`, [
      stableUuid('architecture:acme:Evaluation lakehouse'),
    ]);
    expect(row).toEqual({ description: expect.not.stringContaining('redrawn'), status: 'draft', terraform_generated: false });
    // Admins draw and generate as developers do.
    const admin = await h.signIn('admin@acme.test');
    const drawn = (await admin.ok(CREATE, { input: { ...create.input, name: 'Drawn by an admin' } })).architectureCreate;
    expect(drawn.userErrors).toEqual([]);
    expect((await admin.ok(TERRAFORM, { input: { architectureId: drawn.architecture.id } })).architectureTerraformGenerate.userErrors).toEqual([]);
  });

  it('refuses the architectures of another tenant as NOT_FOUND and changes nothing', async () => {
    const dev = await h.signIn('dev@acme.test');
    const globex = archId('ci-review-pipeline', 'globex');
    expect((await dev.gql(`query($id: ID!) { architecture(id: $id) { name } }`, { id: globex })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await dev.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: globex })).data?.node).toBeNull();
    for (const [mutation, name] of [
      [UPDATE, 'architectureUpdate'],
      [verb('Activate'), 'architectureActivate'],
      [verb('Archive'), 'architectureArchive'],
    ]) {
      const input = mutation === UPDATE ? { architectureId: globex, description: 'acme was here' } : { architectureId: globex };
      const result = await dev.gql(mutation, { input });
      expect(result.errors?.[0].extensions?.code ?? result.data?.[name].userErrors[0].code).toBe('NOT_FOUND');
    }
    const terraform = await dev.gql(`mutation($input: ArchitectureLifecycleInput!) { architectureTerraformGenerate(input: $input) { userErrors { code } } }`, {
      input: { architectureId: globex },
    });
    expect(terraform.errors?.[0].extensions?.code ?? terraform.data?.architectureTerraformGenerate.userErrors[0].code).toBe('NOT_FOUND');
    const listed = await dev.ok(`{ architectures(first: 100) { nodes { name } } }`);
    expect(listed.architectures.nodes.map((n: { name: string }) => n.name)).not.toContain('globex');
    const [row] = await h.sql(`SELECT description, status, terraform_generated FROM architectures WHERE id = $1`, [
      stableUuid('architecture:globex:ci-review-pipeline'),
    ]);
    expect(row).toEqual({ description: expect.not.stringContaining('acme'), status: 'active', terraform_generated: false });
  });
});

describe('terraform generation', () => {
  it('returns the files and a zip, and records that and when it was generated', async () => {
    const dev = await h.signIn('dev@acme.test');
    const before = Date.now();
    const result = await dev.ok(
      `mutation($input: ArchitectureLifecycleInput!) { architectureTerraformGenerate(input: $input) {
        architecture { terraformGenerated lastTerraformGen } terraform { fileName zipBase64 files { path content } } userErrors { message } } }`,
      { input: { architectureId: archId('ci-review-pipeline') } },
    );
    const out = result.architectureTerraformGenerate;
    expect(out.userErrors).toEqual([]);
    expect(out.architecture.terraformGenerated).toBe(true);
    expect(new Date(out.architecture.lastTerraformGen).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(out.terraform.files.map((f: { path: string }) => f.path)).toEqual(['versions.tf', 'providers.tf', 'variables.tf', 'main.tf', 'outputs.tf']);
    const zip = Buffer.from(out.terraform.zipBase64, 'base64');
    expect(zip.readUInt32LE(0)).toBe(0x04034b50);
    expect(out.terraform.fileName).toMatch(/^ci-review-pipeline-v\d+-terraform\.zip$/);
  });
});
