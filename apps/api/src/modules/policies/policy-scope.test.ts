import { execute, parse } from 'graphql';
import { Harness, startHarness } from '../../../test/harness';
import { createContext, credentialsFrom, type StewardContext } from '../../context';
import type { AgentChange } from './policy-gate';
import { evaluateChange } from './policy-enforcement';
import { coversAgent } from './policy-scope';

/**
 * Which policies cover which agents (Agent.policiesInScope, the bench's W1, and the policies an agent
 * change is judged by) is found through indexes: the policies' scope keys in the GIN index
 * policies_scope_keys (migration 1765200000000) and policy_agents by agent. These tests hold the
 * answers to the plain meaning of a scope over a tenant with policies of every kind, active and not,
 * tags shared and not, agents listed and not; and the plan of the page's statement, as a request
 * sends and runs it, to those indexes.
 */

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  'Recheck Cond'?: string;
  Filter?: string;
  'Actual Loops'?: number;
  Plans?: PlanNode[];
}

const TAGS = ['docs', 'sre', 'support', 'data', 'product', 'eu', 'us', 'beta'];
const PAGE = 'query W1 { agents(first: 50, orderBy: { field: NAME, direction: ASC }) { nodes { name policiesInScope { name } } } }';

let h: Harness;
let acme: string;

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

async function adminContext(): Promise<StewardContext> {
  const admin = await h.signIn('admin@acme.test');
  return createContext(h.services, { credentials: await credentialsFrom({ authorization: `Bearer ${admin.credentials.token}` }, h.services.tokens) });
}

beforeAll(async () => {
  h = await startHarness();
  [{ id: acme }] = await h.sql<{ id: string }>(`SELECT id FROM tenants WHERE slug = 'acme'`);
  // Every agent of every tenant gets zero to three tags of the pool, from a hash of its id.
  await h.sql(
    `UPDATE agents SET tags = ARRAY(SELECT ($1::text[])[1 + (('x' || substr(md5(id::text || k), 1, 7))::bit(28)::int % 8)]
                                  FROM generate_series(1, ('x' || substr(md5(id::text), 1, 7))::bit(28)::int % 4) AS k)`,
    [TAGS],
  );
  // 240 policies per tenant: a third for all agents, a third for one or two tags (one of them
  // a tag no agent has), a third for listed agents; one in five inactive.
  await h.sql(
    `INSERT INTO policies (tenant_id, name, description, type, severity, enforcement, rules, scope_kind, scope_tags, active)
     SELECT t.id, 'Scope test ' || lpad(k::text, 3, '0'), 'scope test', 'agent', 'low', 'audit', '[]'::jsonb,
            (ARRAY['all','tags','agents'])[1 + k % 3],
            CASE WHEN k % 3 = 1 THEN ARRAY[($1::text[])[1 + k % 8]] || CASE WHEN k % 2 = 0 THEN ARRAY[($1::text[])[1 + (k / 3) % 8]] ELSE ARRAY['nobody-has-this'] END
                 ELSE '{}' END,
            k % 5 <> 0
     FROM tenants t, generate_series(1, 240) AS k`,
    [TAGS],
  );
  // Listed policies list a dozen agents of their tenant each; one "agents" policy lists none.
  await h.sql(
    `INSERT INTO policy_agents (tenant_id, policy_id, agent_id)
     SELECT p.tenant_id, p.id, a.id FROM policies p
     JOIN LATERAL (SELECT a.id FROM agents a WHERE a.tenant_id = p.tenant_id ORDER BY md5(a.id::text || p.id::text) LIMIT 12) a ON true
     WHERE p.scope_kind = 'agents' AND p.name LIKE 'Scope test %' AND p.name <> 'Scope test 002'
     ON CONFLICT DO NOTHING`,
  );
  // And a tenant with many policies for tags none of its agents has: the page must not read them.
  await h.sql(
    `INSERT INTO policies (tenant_id, name, description, type, severity, enforcement, rules, scope_kind, scope_tags)
     SELECT $1, 'Rare tag ' || lpad(k::text, 4, '0'), 'scope test', 'agent', 'low', 'audit', '[]'::jsonb, 'tags', ARRAY['rare-' || k, 'rarer-' || k]
     FROM generate_series(1, 3000) AS k`,
    [acme],
  );
  await h.sql('ANALYZE policies; ANALYZE policy_agents; ANALYZE agents');
}, 120000);
afterAll(() => h.close());

/** What each agent's policies in scope are by the plain meaning of a scope, computed here from the rows (architecture policies judge designs, not agents). */
async function expectedScopes(tenantId: string): Promise<Map<string, string[]>> {
  const agents = await h.sql<{ id: string; name: string; tags: string[] }>(`SELECT id, name, tags FROM agents WHERE tenant_id = $1`, [tenantId]);
  const policies = await h.sql<{ id: string; name: string; scope_kind: string; scope_tags: string[] }>(
    `SELECT id, name, scope_kind, scope_tags FROM policies WHERE tenant_id = $1 AND active AND type <> 'architecture'`,
    [tenantId],
  );
  const listed = await h.sql<{ policy_id: string; agent_id: string }>(`SELECT policy_id, agent_id FROM policy_agents WHERE tenant_id = $1`, [tenantId]);
  const lists = new Set(listed.map((l) => `${l.policy_id}/${l.agent_id}`));
  const byName = new Map<string, string[]>();
  for (const agent of agents) {
    const covering = policies.filter(
      (p) =>
        p.scope_kind === 'all' ||
        (p.scope_kind === 'tags' && p.scope_tags.some((t) => agent.tags.includes(t))) ||
        (p.scope_kind === 'agents' && lists.has(`${p.id}/${agent.id}`)),
    );
    byName.set(agent.name, covering.map((p) => p.name).sort());
  }
  return byName;
}

describe('policies in scope, found through the scope keys', () => {
  it('answers the plain meaning of every scope, for every agent of the tenant, page by page', async () => {
    const expected = await expectedScopes(acme);
    expect(expected.size).toBeGreaterThan(5);
    // The arrangement covers every case: agents with no policy but the "all" ones, with tag matches, with listings.
    const counts = [...expected.values()].map((names) => names.length);
    expect(new Set(counts).size).toBeGreaterThan(3);
    const ctx = await adminContext();
    try {
      const seen = new Map<string, string[]>();
      let after: string | null = null;
      do {
        const result = await execute({
          schema: h.server.schema,
          document: parse(
            'query($after: String) { agents(first: 20, after: $after) { pageInfo { hasNextPage endCursor } nodes { name policiesInScope { name } } } }',
          ),
          variableValues: { after },
          contextValue: ctx,
        });
        expect(result.errors).toBeUndefined();
        const page = (
          result.data as { agents: { pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: { name: string; policiesInScope: { name: string }[] }[] } }
        ).agents;
        for (const agent of page.nodes)
          seen.set(
            agent.name,
            agent.policiesInScope.map((p) => p.name),
          );
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
      // Policies come back by name; compare as sorted lists whatever the collation.
      expect(new Map([...seen].map(([name, names]) => [name, [...names].sort()]))).toEqual(expected);
      for (const names of seen.values()) expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    } finally {
      await ctx.tx.rollback();
    }
  });

  it('judges an agent change by the policies covering it with the tags of the change (coversAgent)', async () => {
    const expected = await expectedScopes(acme);
    const [agent] = await h.sql<{ id: string; name: string; tags: string[] }>(`SELECT id, name, tags FROM agents WHERE tenant_id = $1 ORDER BY name LIMIT 1`, [
      acme,
    ]);
    const policies = await h.sql<{ id: string; name: string; scope_kind: string; scope_tags: string[] }>(
      `SELECT id, name, scope_kind, scope_tags FROM policies WHERE tenant_id = $1 AND active AND type <> 'architecture'`,
      [acme],
    );
    const listed = new Set((await h.sql<{ policy_id: string }>(`SELECT policy_id FROM policy_agents WHERE agent_id = $1`, [agent.id])).map((r) => r.policy_id));
    const plain = (tags: string[]) =>
      policies
        .filter((p) => p.scope_kind === 'all' || (p.scope_kind === 'tags' && p.scope_tags.some((t) => tags.includes(t))) || listed.has(p.id))
        .map((p) => p.name)
        .sort();
    const ctx = await adminContext();
    try {
      const covering = async (tags: string[]): Promise<string[]> =>
        (
          await ctx.tx.manager.query(
            `SELECT p.name FROM policies p WHERE p.tenant_id = $1 AND p.active AND p.type <> 'architecture' AND ${coversAgent('$2::uuid', '$3::text[]')}`,
            [acme, agent.id, tags],
          )
        )
          .map((r: { name: string }) => r.name)
          .sort();
      expect(await covering(agent.tags)).toEqual(expected.get(agent.name));
      expect(await covering(TAGS)).toEqual(plain(TAGS));
      expect(await covering(TAGS)).not.toEqual(await covering([]));
      expect(await covering([])).toEqual(plain([]));
      // The change's own tags decide, whatever the stored agent has.
      const change = { agentId: agent.id, action: 'update', before: {}, after: { name: agent.name, tags: ['beta'] } } as unknown as AgentChange;
      const evaluation = await evaluateChange(ctx, change);
      expect(evaluation).toBeDefined();
      expect(await covering(['beta'])).toEqual(plain(['beta']));
    } finally {
      await ctx.tx.rollback();
    }
  });

  it("keeps a policy's keys in step with its scope when it is written", async () => {
    const [policy] = await h.sql<{ id: string }>(`SELECT id FROM policies WHERE tenant_id = $1 AND scope_kind = 'all' LIMIT 1`, [acme]);
    await h.sql(`UPDATE policies SET scope_kind = 'tags', scope_tags = ARRAY['x', 'y', 'x'] WHERE id = $1`, [policy.id]);
    expect((await h.sql(`SELECT scope_keys FROM policies WHERE id = $1`, [policy.id]))[0].scope_keys.sort()).toEqual([`${acme} #x`, `${acme} #y`]);
    await h.sql(`UPDATE policies SET scope_kind = 'agents', scope_tags = '{}' WHERE id = $1`, [policy.id]);
    expect((await h.sql(`SELECT scope_keys FROM policies WHERE id = $1`, [policy.id]))[0].scope_keys).toEqual([]);
    await h.sql(`UPDATE policies SET scope_kind = 'all' WHERE id = $1`, [policy.id]);
    expect((await h.sql(`SELECT scope_keys FROM policies WHERE id = $1`, [policy.id]))[0].scope_keys).toEqual([`${acme} *`]);
  });

  it.each(['force_custom_plan', 'force_generic_plan'] as const)(
    '%s: the page statement as the API sends it reads policies once for the page, by scope keys, and listings by agent',
    async (mode) => {
      const ctx = await adminContext();
      try {
        const manager = ctx.tx.manager;
        const send = manager.query.bind(manager);
        const sent: { sql: string; params: unknown[] }[] = [];
        manager.query = ((sql: string, params: unknown[] = []) => {
          sent.push({ sql, params });
          return send(sql, params);
        }) as typeof manager.query;
        const result = await execute({ schema: h.server.schema, document: parse(PAGE), contextValue: ctx });
        expect(result.errors).toBeUndefined();
        const agents = (result.data as { agents: { nodes: { policiesInScope: { name: string }[] }[] } }).agents.nodes;
        const policiesFound = new Set(agents.flatMap((a) => a.policiesInScope.map((p) => p.name))).size;
        expect(agents.length).toBeGreaterThan(5);
        const scoped = sent.filter((s) => /policy_agents/.test(s.sql));
        expect(scoped).toHaveLength(1);
        const [{ sql, params }] = scoped;
        const literal = (value: unknown) =>
          Array.isArray(value) ? `'{${value.join(',')}}'` : typeof value === 'number' ? String(value) : `'${String(value).replace(/'/g, "''")}'`;
        await send(`SET LOCAL plan_cache_mode = ${mode}`);
        await send(`PREPARE w1_scope AS ${sql}`);
        const [
          {
            'QUERY PLAN': [{ Plan }],
          },
        ] = await send(`EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE w1_scope(${params.map(literal).join(', ')})`);
        await send('DEALLOCATE w1_scope');
        const all = nodes(Plan as PlanNode);
        const policyNodes = all.filter((n) => n['Relation Name'] === 'policies');
        const listingNodes = all.filter((n) => n['Relation Name'] === 'policy_agents');
        // No policy is tested against each agent: every read of policies runs once for the page,
        // except primary-key fetches of the policies found (one per policy found, not per agent).
        expect(policyNodes.length).toBeGreaterThan(0);
        for (const node of policyNodes) {
          if (node['Index Name'] !== 'policies_pkey')
            expect({ node: node['Node Type'], index: node['Index Name'], loops: node['Actual Loops'] }).toMatchObject({ loops: 1 });
        }
        const pkeyLoops = policyNodes.filter((n) => n['Index Name'] === 'policies_pkey').map((n) => n['Actual Loops'] ?? 0);
        for (const loops of pkeyLoops) expect(loops).toBeLessThanOrEqual(policiesFound);
        // Which policies hold a key is a filter on the policy's own row (or the GIN index), never a
        // subquery per policy; listings are found by agent through policy_agents_agent, once.
        for (const node of policyNodes)
          expect(`${node.Filter ?? ''}${node['Index Cond'] ?? ''}${node['Recheck Cond'] ?? ''}`).not.toMatch(/SubPlan|policy_agents/);
        expect(all.map((n) => n['Index Name'])).toContain('policy_agents_agent');
        expect(listingNodes.length).toBeGreaterThan(0);
        for (const node of listingNodes) expect(node['Actual Loops']).toBe(1);
        expect(all.some((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'policy_agents')).toBe(false);
      } finally {
        await ctx.tx.rollback();
      }
    },
  );
});
