import { buildClientSchema, getIntrospectionQuery, getNamedType, GraphQLObjectType, isNonNullType, type IntrospectionQuery } from 'graphql';
import { Caller, Harness, startHarness } from '../../../test/harness';
import { stableUuid } from '../../db/seed/deterministic';
import { toGlobalId } from '../../graphql/global-id';
import { purgeDeletedEverywhere } from '../../jobs/retention-tasks';

const acme = stableUuid('tenant:acme');

const DELETED = `deleted { id kind name deletedAt restorableUntil deletedBy { email } } userErrors { field message code }`;
const DELETE = (kind: string) =>
  kind === 'budget'
    ? `mutation($input: BudgetDeleteInput!) { budgetDelete(input: $input) { ${DELETED} } }`
    : `mutation($input: DeletedItemInput!) { ${kind}Delete(input: $input) { ${DELETED} } }`;
const deleteInput = (kind: string, id: string) => (kind === 'budget' ? { budgetId: id } : { id });
// One mutation restores every kind: the global id says which.
const RESTORE = `mutation($input: DeletedItemInput!) { restore(input: $input) { restored { id kind name } userErrors { field message code } } }`;
const RECENT = `{ recentlyDeleted(first: 100) { totalCount nodes { id kind name restorableUntil deletedBy { fullName } } } }`;
const AGENT_CREATE = `mutation($input: AgentCreateInput!) { agentCreate(input: $input) { agent { id name } userErrors { field message code } } }`;

let h: Harness;
let admin: Caller;
beforeAll(async () => {
  h = await startHarness();
  admin = await h.signIn('admin@acme.test');
});
afterAll(() => h.close());

interface Victim {
  kind: 'agent' | 'policy' | 'skill' | 'budget' | 'workflow';
  type: string;
  id: string;
  name: string;
}

/** One of each deletable kind from Acme's demo world (an agent that is not deployed). */
async function victims(): Promise<Victim[]> {
  const pick = async (kind: Victim['kind'], type: string, table: string, extra = '') => {
    const [row] = await h.sql(`SELECT id, name FROM ${table} WHERE tenant_id = $1 AND deleted_at IS NULL ${extra} ORDER BY created_at LIMIT 1`, [acme]);
    expect(row).toBeDefined();
    return { kind, type, id: toGlobalId(type, row.id), name: row.name };
  };
  return [
    await pick('agent', 'Agent', 'agents', `AND status <> 'deployed'`),
    await pick('policy', 'Policy', 'policies'),
    await pick('skill', 'Skill', 'skills'),
    await pick('budget', 'Budget', 'budgets'),
    await pick('workflow', 'Workflow', 'workflows'),
  ];
}

/**
 * Every list the API answers at the top level (each Query field returning a connection or a list of objects
 * with ids, needing no arguments), walked page by page up to 500 items: the global ids it holds.
 */
async function idsInEveryList(caller: Caller): Promise<{ lists: string[]; ids: Set<string>; where: Map<string, string[]> }> {
  const schema = buildClientSchema((await caller.ok<IntrospectionQuery>(getIntrospectionQuery())) as IntrospectionQuery);
  const fields = schema.getQueryType()!.getFields();
  const ids = new Set<string>();
  const where = new Map<string, string[]>();
  const lists: string[] = [];
  for (const field of Object.values(fields)) {
    // The one list meant to show them.
    if (field.name === 'recentlyDeleted' || field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
    const type = getNamedType(field.type);
    if (!(type instanceof GraphQLObjectType)) continue;
    const nodes = type.getFields().nodes;
    const nodeType = nodes && getNamedType(nodes.type);
    if (!(nodeType instanceof GraphQLObjectType) || !nodeType.getFields().id || !field.args.some((a) => a.name === 'first')) continue;
    let after: string | null = null;
    for (let pages = 0; pages < 5; pages++) {
      const response: { errors?: unknown[]; data?: any } = await caller.gql(
        `query($after: String) { list: ${field.name}(first: 100, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }`,
        {
          after,
        },
      );
      if (response.errors?.length || !response.data?.list) break;
      if (pages === 0) lists.push(field.name);
      for (const node of response.data.list.nodes) {
        ids.add(node.id);
        where.set(node.id, [...(where.get(node.id) ?? []), field.name]);
      }
      if (!response.data.list.pageInfo.hasNextPage) break;
      after = response.data.list.pageInfo.endCursor;
    }
  }
  return { lists, ids, where };
}

describe('soft delete', () => {
  it('keeps deleted things restorable for a period each plan sets', async () => {
    const { plans } = await admin.ok(`{ plans { tier limits { deletedRetentionDays } } }`);
    expect(plans.map((p: { tier: string; limits: { deletedRetentionDays: number } }) => [p.tier, p.limits.deletedRetentionDays])).toEqual([
      ['TRIAL', 7],
      ['STARTER', 14],
      ['PROFESSIONAL', 30],
      ['ENTERPRISE', 90],
    ]);
  });

  it('hides deleted agents, policies, skills, budgets and workflows from every list, count and node, and restores them', async () => {
    const all = await victims();
    const [{ days: retention }] = await h.sql(`SELECT p.deleted_retention_days AS days FROM tenants t JOIN plans p ON p.code = t.plan WHERE t.id = $1`, [acme]);
    const before = await idsInEveryList(admin);
    for (const v of all) expect(before.ids.has(v.id)).toBe(true);
    expect(before.lists).toEqual(expect.arrayContaining(['agents', 'policies', 'skills', 'budgets', 'workflows']));
    const counts = async () =>
      (await admin.ok(`{ agents { totalCount } policies { totalCount } skills { totalCount } budgets { totalCount } workflows { totalCount } }`)) as Record<
        string,
        { totalCount: number }
      >;
    const countsBefore = await counts();

    for (const v of all) {
      const { [`${v.kind}Delete`]: payload } = await admin.ok(DELETE(v.kind), { input: deleteInput(v.kind, v.id) });
      expect(payload.userErrors).toEqual([]);
      expect(payload.deleted).toMatchObject({ id: v.id, kind: v.kind.toUpperCase(), name: v.name, deletedBy: { email: 'admin@acme.test' } });
      const days = (Date.parse(payload.deleted.restorableUntil) - Date.parse(payload.deleted.deletedAt)) / 86_400_000;
      expect(days).toBe(retention);
    }

    const after = await idsInEveryList(admin);
    expect(after.lists).toEqual(before.lists);
    for (const v of all) expect({ v: v.id, listed: after.where.get(v.id) ?? [] }).toEqual({ v: v.id, listed: [] });
    const countsAfter = await counts();
    for (const key of Object.keys(countsBefore)) expect(countsAfter[key].totalCount).toBe(countsBefore[key].totalCount - 1);
    for (const v of all) {
      const read = await admin.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: v.id });
      expect(read.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    // Statements of steward_app that name no deletion at all leave them out too (row-level security).
    const [usage] = (await admin.ok(`{ tenant { usage { limit used } } }`)).tenant.usage.filter((u: { limit: string }) => u.limit === 'POLICIES');
    const [live] = await h.sql(`SELECT count(*)::int AS n FROM policies WHERE tenant_id = $1 AND deleted_at IS NULL`, [acme]);
    expect(usage.used).toBe(live.n);

    const recent = (await admin.ok(RECENT)).recentlyDeleted;
    expect(recent.totalCount).toBe(5);
    expect(recent.nodes.map((n: { id: string }) => n.id).sort()).toEqual(all.map((v) => v.id).sort());

    for (const v of all) {
      const { restore: payload } = await admin.ok(RESTORE, { input: { id: v.id } });
      expect(payload).toEqual({ restored: { id: v.id, kind: v.kind.toUpperCase(), name: v.name }, userErrors: [] });
    }
    const restored = await idsInEveryList(admin);
    for (const v of all) expect(restored.ids.has(v.id)).toBe(true);
    expect((await admin.ok(RECENT)).recentlyDeleted.totalCount).toBe(0);

    const audit = await h.sql(
      `SELECT action, entity_id FROM audit_entries WHERE tenant_id = $1 AND (action LIKE '%.delete' OR action LIKE '%.restore') AND outcome = 'success' ORDER BY created_at`,
      [acme],
    );
    expect(audit.map((a) => a.action)).toEqual([...all.map((v) => `${v.kind}.delete`), ...all.map((v) => `${v.kind}.restore`)]);
  });

  it('stops a deleted policy applying at once, and a restored one applies again', async () => {
    const dev = await h.signIn('dev@acme.test');
    const created = (
      await dev.ok(`mutation($input: PolicyCreateInput!) { policyCreate(input: $input) { policy { id } userErrors { message } } }`, {
        input: {
          name: 'No agents named Forbidden',
          type: 'AGENT',
          severity: 'HIGH',
          enforcement: 'BLOCK',
          rules: [{ name: 'Name', condition: 'agent.name == "Forbidden Bot"', message: 'Not that name' }],
        },
      })
    ).policyCreate;
    expect(created.userErrors).toEqual([]);
    const attempt = async () =>
      (await dev.ok(AGENT_CREATE, { input: { name: 'Forbidden Bot', role: 'CUSTOM', modelTier: 'HAIKU', costPerRequest: '0.001' } })).agentCreate;
    expect((await attempt()).userErrors[0]?.code).toBe('POLICY_VIOLATION');
    expect((await dev.ok(DELETE('policy'), { input: { id: created.policy.id } })).policyDelete.userErrors).toEqual([]);
    const allowed = await attempt();
    expect(allowed.userErrors).toEqual([]);
    await h.sql(`UPDATE agents SET name = 'Allowed Bot' WHERE id = (SELECT id FROM agents WHERE name = 'Forbidden Bot')`);
    expect((await dev.ok(RESTORE, { input: { id: created.policy.id } })).restore.userErrors).toEqual([]);
    expect((await attempt()).userErrors[0]?.code).toBe('POLICY_VIOLATION');
  });

  it('keeps names unique among live rows only, and refuses a restore whose name was taken meanwhile', async () => {
    const dev = await h.signIn('dev@acme.test');
    const create = async (name: string) =>
      (await dev.ok(AGENT_CREATE, { input: { name, role: 'CUSTOM', modelTier: 'HAIKU', costPerRequest: '0.001' } })).agentCreate;
    const first = await create('Twice Named');
    expect(first.userErrors).toEqual([]);
    expect((await dev.ok(DELETE('agent'), { input: { id: first.agent.id } })).agentDelete.userErrors).toEqual([]);
    const second = await create('Twice Named');
    expect(second.userErrors).toEqual([]);
    const refused = (await dev.ok(RESTORE, { input: { id: first.agent.id } })).restore;
    expect(refused).toEqual({
      restored: null,
      userErrors: [{ field: ['input', 'id'], message: 'Another agent is named "Twice Named" now: rename it before restoring this one', code: 'CONFLICT' }],
    });
  });

  it('counts live rows only against limits, and a restore claims its place again', async () => {
    const initech = await h.signIn('admin@initech.test');
    const used = async () => (await initech.ok(`{ tenant { usage { limit used max } } }`)).tenant.usage.find((u: { limit: string }) => u.limit === 'AGENTS');
    const now = await used();
    // A negotiated limit of exactly what is in use: the next agent is refused.
    await h.sql(`UPDATE tenants SET resource_limits = jsonb_build_object('maxAgents', $1::int) WHERE slug = 'initech'`, [now.used + 1]);
    const create = async (name: string) =>
      (await initech.ok(AGENT_CREATE, { input: { name, role: 'CUSTOM', modelTier: 'HAIKU', costPerRequest: '0.001' } })).agentCreate;
    const last = await create('Last Seat');
    expect(last.userErrors).toEqual([]);
    expect((await create('One Too Many')).userErrors[0].code).toBe('PLAN_LIMIT');
    expect((await initech.ok(DELETE('agent'), { input: { id: last.agent.id } })).agentDelete.userErrors).toEqual([]);
    expect((await used()).used).toBe(now.used);
    const replacement = await create('Replacement');
    expect(replacement.userErrors).toEqual([]);
    const refused = (await initech.ok(RESTORE, { input: { id: last.agent.id } })).restore;
    expect(refused.restored).toBeNull();
    expect(refused.userErrors[0].code).toBe('PLAN_LIMIT');
    expect((await initech.ok(DELETE('agent'), { input: { id: replacement.agent.id } })).agentDelete.userErrors).toEqual([]);
    expect((await initech.ok(RESTORE, { input: { id: last.agent.id } })).restore.userErrors).toEqual([]);
  });

  it('refuses deleting a deployed agent, and lets only those who create a kind delete, restore or see it deleted', async () => {
    const [deployed] = await h.sql(`SELECT id FROM agents WHERE tenant_id = $1 AND status = 'deployed' AND deleted_at IS NULL LIMIT 1`, [acme]);
    const refused = (await admin.ok(DELETE('agent'), { input: { id: toGlobalId('Agent', deployed.id) } })).agentDelete;
    expect(refused.userErrors).toEqual([
      { field: ['input', 'id'], message: 'The agent is deployed: suspend or archive it before deleting it', code: 'CONFLICT' },
    ]);
    const [budget] = await h.sql(`SELECT id FROM budgets WHERE tenant_id = $1 AND deleted_at IS NULL LIMIT 1`, [acme]);
    const budgetId = toGlobalId('Budget', budget.id);
    const viewer = await h.signIn('viewer@acme.test');
    const dev = await h.signIn('dev@acme.test');
    expect(
      (await dev.gql(`mutation($input: BudgetDeleteInput!) { budgetDelete(input: $input) { deletedBudgetId } }`, { input: { budgetId } })).errors?.[0]
        ?.extensions?.code,
    ).toBe('FORBIDDEN');
    const deleted = (
      await admin.ok(
        `mutation($input: BudgetDeleteInput!) { budgetDelete(input: $input) { deletedBudgetId deleted { restorableUntil } userErrors { message } } }`,
        {
          input: { budgetId },
        },
      )
    ).budgetDelete;
    expect(deleted).toMatchObject({ deletedBudgetId: budgetId, userErrors: [] });
    expect(deleted.deleted.restorableUntil).toEqual(expect.any(String));
    // The developer builds agents but does not run budgets: the deleted budget is not in their list, nor theirs to restore.
    expect((await dev.ok(RECENT)).recentlyDeleted.nodes.map((n: { id: string }) => n.id)).not.toContain(budgetId);
    expect((await admin.ok(RECENT)).recentlyDeleted.nodes.map((n: { id: string }) => n.id)).toContain(budgetId);
    expect((await dev.gql(RESTORE, { input: { id: budgetId } })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await viewer.gql(RESTORE, { input: { id: budgetId } })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await admin.ok(RESTORE, { input: { id: budgetId } })).restore.userErrors).toEqual([]);
  });

  it('purges what outlived its plan’s retention period with a job on a controlled clock, audited; until then it stays restorable', async () => {
    const dev = await h.signIn('dev@acme.test');
    const created = (await dev.ok(AGENT_CREATE, { input: { name: 'Short Lived', role: 'CUSTOM', modelTier: 'HAIKU', costPerRequest: '0.001' } })).agentCreate;
    const id = created.agent.id;
    const [{ id: uuid }] = await h.sql(`SELECT id FROM agents WHERE tenant_id = $1 AND name = 'Short Lived'`, [acme]);
    await h.sql(
      `INSERT INTO cost_entries (tenant_id, agent_id, idempotency_key, incurred_on, amount, provider, service, category) VALUES ($1, $2, 'purge-probe', current_date, 1.5, 'aws', 'EC2', 'compute')`,
      [acme, uuid],
    );
    const deleted = (await dev.ok(DELETE('agent'), { input: { id } })).agentDelete.deleted;
    const until = new Date(deleted.restorableUntil);

    // A day before the end it stays (what other tenants on shorter plans deleted earlier in this file may go).
    await purgeDeletedEverywhere(h.services, new Date(until.getTime() - 86_400_000));
    expect(await h.sql(`SELECT 1 FROM agents WHERE id = $1`, [uuid])).toHaveLength(1);

    // Past the end (the row aged by the clock in the database too), it is no longer restorable, then purged.
    const days = (until.getTime() - Date.parse(deleted.deletedAt)) / 86_400_000;
    await h.sql(`UPDATE agents SET deleted_at = deleted_at - make_interval(days => $2) WHERE id = $1`, [uuid, days + 1]);
    expect((await dev.gql(RESTORE, { input: { id } })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await dev.ok(RECENT)).recentlyDeleted.nodes.map((n: { id: string }) => n.id)).not.toContain(id);
    expect(await purgeDeletedEverywhere(h.services, new Date(until.getTime() + 60_000))).toBeGreaterThanOrEqual(1);
    expect(await h.sql(`SELECT 1 FROM agents WHERE id = $1`, [uuid])).toHaveLength(0);
    const [cost] = await h.sql(`SELECT agent_id, amount FROM cost_entries WHERE idempotency_key = 'purge-probe'`);
    expect(cost).toEqual({ agent_id: null, amount: '1.500000' });
    const [purge] = await h.sql(
      `SELECT action, entity_name, actor_type FROM audit_entries WHERE tenant_id = $1 AND entity_id = $2 AND action = 'agent.purge'`,
      [acme, uuid],
    );
    expect(purge).toEqual({ action: 'agent.purge', entity_name: 'Short Lived', actor_type: 'system' });
    // Run again, nothing is left to purge.
    expect(await purgeDeletedEverywhere(h.services, new Date(until.getTime() + 60_000))).toBe(0);
  });
});
