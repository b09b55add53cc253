import { execute, parse } from 'graphql';
import type { QueryRunner } from 'typeorm';
import { Harness, startHarness } from '../../../test/harness';
import { createContext, credentialsFrom } from '../../context';
import { addDays, todayUtc } from './cost-dates';
import { AGENT_SPEND_SQL } from './cost.loaders';

/**
 * The plan of a page's cost totals (Agent.costTotal, the bench's W2), as a request runs it: as
 * steward_app under row-level security with the tenant's settings, prepared, both as the custom plan
 * of its first runs and the generic plan PostgreSQL caches after five. Every agent's sum must be an
 * index-only scan of cost_entries_tenant_agent_day bounded by tenant, agent and days, and the
 * tenant policy a one-time check, never a filter on each row. The loader's statement (AGENT_SPEND_SQL)
 * is explained directly; the agent page's own statement, which computes the sums when the page
 * selects costTotal (cost.reads.ts), is taken from a W2 request as the API sends it.
 * docs/performance.md has the plans.
 */

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Filter?: string;
  'One-Time Filter'?: string;
  Plans?: PlanNode[];
}

let h: Harness;
let tenantId: string;
let agentIds: string[];

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

beforeAll(async () => {
  h = await startHarness();
  [{ id: tenantId }] = await h.sql<{ id: string }>(`SELECT id FROM tenants WHERE slug = 'acme'`);
  // A year of entries, five a day, for every agent of every tenant: enough rows that a plan
  // reading the table, or every entry of the tenant, costs more than the index does.
  await h.sql(`
    INSERT INTO cost_entries (tenant_id, idempotency_key, agent_id, incurred_on, amount, currency, provider, service, category)
    SELECT a.tenant_id, 'plan-' || a.id || '-' || d || '-' || n, a.id, current_date - d, (n + 1) * 0.5,
           CASE WHEN n = 4 THEN 'EUR' ELSE 'USD' END, 'anthropic', 'Messages API', 'ai'
    FROM agents a, generate_series(0, 364) d, generate_series(0, 4) n`);
  // Vacuumed, as autovacuum keeps a real table: the visibility map is what makes a scan index-only.
  await h.sql('VACUUM ANALYZE cost_entries');
  agentIds = (await h.sql<{ id: string }>(`SELECT id FROM agents WHERE tenant_id = $1 ORDER BY created_at DESC LIMIT 50`, [tenantId])).map((r) => r.id);
  expect(agentIds.length).toBeGreaterThan(5);
}, 120000);
afterAll(() => h.close());

/** The statement's plan as the request's role and tenant see it, custom or generic. */
async function planAsRequest(mode: 'force_custom_plan' | 'force_generic_plan'): Promise<PlanNode> {
  const runner: QueryRunner = h.dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('BEGIN');
    await runner.query('SET LOCAL ROLE steward_app');
    await runner.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
    await runner.query(`SET LOCAL plan_cache_mode = ${mode}`);
    await runner.query(`PREPARE agent_spend(uuid, uuid[], date, date, text) AS ${AGENT_SPEND_SQL}`);
    const today = todayUtc();
    const params = [tenantId, `{${agentIds.join(',')}}`, addDays(today, -29), today, 'USD'].map((p) => `'${p}'`).join(', ');
    const [
      {
        'QUERY PLAN': [{ Plan }],
      },
    ] = await runner.query(`EXPLAIN (FORMAT JSON) EXECUTE agent_spend(${params})`);
    return Plan as PlanNode;
  } finally {
    await runner.query('ROLLBACK');
    // By name: the pool's connections keep statements of their own prepared (db/preparing-client.ts).
    await runner.query('DEALLOCATE agent_spend');
    await runner.release();
  }
}

describe('the plan of a page of cost totals, under the request role and tenant', () => {
  it.each(['force_custom_plan', 'force_generic_plan'] as const)('%s: one index-only scan per agent, the tenant policy checked once', async (mode) => {
    const all = nodes(await planAsRequest(mode));
    const scans = all.filter((n) => n['Relation Name'] === 'cost_entries');
    expect(scans.length).toBe(1);
    const [scan] = scans;
    expect({ type: scan['Node Type'], index: scan['Index Name'] }).toEqual({ type: 'Index Only Scan', index: 'cost_entries_tenant_agent_day' });
    for (const column of ['tenant_id', 'agent_id', 'incurred_on >=', 'incurred_on <=']) expect(scan['Index Cond']).toContain(column);
    // Only the currency is left to check on each entry, from the index itself; the policy is not.
    expect(scan.Filter ?? '').not.toMatch(/current_setting|current_tenant|tenant_id/);
    expect(all.some((n) => /current_setting\('app\.tenant_id'/.test(n['One-Time Filter'] ?? ''))).toBe(true);
    expect(all.map((n) => n['Node Type'])).not.toContain('Seq Scan');
  });

  it('answers what it planned: the sums of the days asked for, in the currency asked for', async () => {
    const [agent] = agentIds;
    const today = todayUtc();
    const [expected] = await h.sql<{ sum: string }>(
      `SELECT coalesce(sum(amount), 0)::text AS sum FROM cost_entries WHERE agent_id = $1 AND currency = 'USD' AND incurred_on BETWEEN $2 AND $3`,
      [agent, addDays(today, -29), today],
    );
    const runner = h.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('BEGIN');
      await runner.query('SET LOCAL ROLE steward_app');
      await runner.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
      const rows = await runner.query(AGENT_SPEND_SQL, [tenantId, [agent], addDays(today, -29), today, 'USD']);
      expect(rows).toEqual([{ id: agent, amount: expected.sum }]);
      // Another tenant's settings see none of it, whatever tenant the statement names.
      await runner.query(`SELECT set_config('app.tenant_id', gen_random_uuid()::text, true)`);
      expect(await runner.query(AGENT_SPEND_SQL, [tenantId, [agent], addDays(today, -29), today, 'USD'])).toEqual([{ id: agent, amount: '0' }]);
    } finally {
      await runner.query('ROLLBACK');
      await runner.release();
    }
  });

  it.each(['force_custom_plan', 'force_generic_plan'] as const)(
    "%s: W2 as the API sends it, the sums in the page's own statement, each an index-only scan",
    async (mode) => {
      const admin = await h.signIn('admin@acme.test');
      const ctx = await createContext(h.services, {
        credentials: await credentialsFrom({ authorization: `Bearer ${admin.credentials.token}` }, h.services.tokens),
      });
      try {
        const manager = ctx.tx.manager;
        const send = manager.query.bind(manager);
        const sent: { sql: string; params: unknown[] }[] = [];
        // This test's own transaction, instrumented: what the read path sends is explained in place, as its role and tenant.
        manager.query = ((sql: string, params: unknown[] = []) => {
          sent.push({ sql, params });
          return send(sql, params);
        }) as typeof manager.query;
        const result = await execute({
          schema: h.server.schema,
          document: parse('query W2 { agents(first: 50) { nodes { name costTotal(days: 30) } } }'),
          contextValue: ctx,
        });
        expect(result.errors).toBeUndefined();
        const costs = sent.filter((s) => /cost_entries/.test(s.sql));
        expect(costs).toHaveLength(1);
        const [{ sql, params }] = costs;
        const literal = (value: unknown) => (typeof value === 'number' ? String(value) : `'${String(value).replace(/'/g, "''")}'`);
        await send(`SET LOCAL plan_cache_mode = ${mode}`);
        await send(`PREPARE w2_page AS ${sql}`);
        const [
          {
            'QUERY PLAN': [{ Plan }],
          },
        ] = await send(`EXPLAIN (FORMAT JSON) EXECUTE w2_page${params.length ? `(${params.map(literal).join(', ')})` : ''}`);
        await send('DEALLOCATE w2_page');
        const all = nodes(Plan as PlanNode);
        const scans = all.filter((n) => n['Relation Name'] === 'cost_entries');
        expect(scans).toHaveLength(1);
        expect({ type: scans[0]['Node Type'], index: scans[0]['Index Name'] }).toEqual({ type: 'Index Only Scan', index: 'cost_entries_tenant_agent_day' });
        for (const column of ['tenant_id', 'agent_id', 'incurred_on >=', 'incurred_on <=']) expect(scans[0]['Index Cond']).toContain(column);
        expect(scans[0].Filter ?? '').not.toMatch(/current_setting|current_tenant|tenant_id/);
        // The page's own rows (a few agents per tenant here) may be read by a scan once the table has
        // statistics; what is pinned is that no cost entry is ever read by one.
        expect(all.filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] !== 'agents')).toEqual([]);
      } finally {
        await ctx.tx.rollback();
      }
    },
  );
});
