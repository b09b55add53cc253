import { Client, Pool } from 'pg';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { BaseQueryRunner } from 'typeorm/query-runner/BaseQueryRunner';
import { sha256Hex } from '../src/auth/secrets';
import { PreparingClient } from '../src/db/preparing-client';
import { demoApiKeySecret } from '../src/db/seed/demo-world';
import { stableUuid } from '../src/db/seed/deterministic';
import { inScope, openScope, type ScopeActor, type TenantScope } from '../src/scope';
import { Harness, startHarness } from './harness';

/**
 * Requests, jobs and the seed reach the database through one opener (src/scope/open-scope.ts): the
 * same tenant rows under row-level security, the same audit trail naming who acted.
 */

/** The library classes Steward builds on, as the app uses them. */
const libraries = { PostgresQueryRunner, BaseQueryRunner, Client, Pool };
const originals = new Map(Object.entries(libraries).map(([name, type]) => [name, Object.getOwnPropertyDescriptors(type.prototype)]));

/** The same classes from a fresh copy of the libraries that none of Steward's code has touched: each method by its source. */
function pristine(): Map<string, Record<string, string>> {
  let fresh: Record<string, { prototype: object }> = {};
  jest.isolateModules(() => {
    /* eslint-disable @typescript-eslint/no-require-imports -- jest.isolateModules loads fresh copies synchronously, which only require can */
    const pg = require('pg');
    fresh = {
      PostgresQueryRunner: require('typeorm/driver/postgres/PostgresQueryRunner').PostgresQueryRunner,
      BaseQueryRunner: require('typeorm/query-runner/BaseQueryRunner').BaseQueryRunner,
      Client: pg.Client,
      Pool: pg.Pool,
    };
    /* eslint-enable @typescript-eslint/no-require-imports */
  });
  return new Map(Object.entries(fresh).map(([name, type]) => [name, sources(type.prototype)]));
}

function sources(prototype: object): Record<string, string> {
  return Object.fromEntries(Object.entries(Object.getOwnPropertyDescriptors(prototype)).map(([key, d]) => [key, String(d.value ?? d.get ?? d.set)]));
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const acme = stableUuid('tenant:acme');
const acmeAdmin = stableUuid('user:admin@acme.test');

async function signedInAdmin(): Promise<ScopeActor> {
  const [session] = await h.sql(
    `INSERT INTO sessions (user_id, family_id, refresh_token_hash, tenant_id, expires_at)
     VALUES ($1, gen_random_uuid(), md5(random()::text), $2, now() + interval '1 hour') RETURNING family_id`,
    [acmeAdmin, acme],
  );
  return { kind: 'user', userId: acmeAdmin, tenantId: acme, sessionFamilyId: session.family_id };
}

const apiKey: ScopeActor = { kind: 'apiKey', keyHash: sha256Hex(demoApiKeySecret('acme', 'Agent runtime')) };
const job: ScopeActor = { kind: 'system', tenantId: acme, name: 'job scope-test' };

/** Tenants of the rows a scope can read from tables that carry one, asked with no tenant filter at all. */
async function visibleTenants(scope: TenantScope): Promise<Record<string, string[]>> {
  const seen: Record<string, string[]> = {};
  for (const table of [
    'agents',
    'ai_models',
    'api_keys',
    'memberships',
    'audit_entries',
    'budgets',
    'cost_entries',
    'policies',
    'policy_violations',
    'skills',
  ]) {
    const rows: { tenant_id: string; n: number }[] = await scope.tx.manager.query(`SELECT tenant_id, count(*)::int AS n FROM ${table} GROUP BY 1 ORDER BY 1`);
    seen[table] = rows.map((r) => `${r.tenant_id}:${r.n}`);
  }
  return seen;
}

describe('the one scope opener', () => {
  it('gives a job, a signed-in user and an API key of a tenant exactly the same rows under row-level security', async () => {
    const seen = [];
    for (const actor of [job, await signedInAdmin(), apiKey]) seen.push(await inScope(h.services, { actor }, visibleTenants));
    const [asJob, asUser, asKey] = seen;
    expect(asUser).toEqual(asJob);
    expect(asKey).toEqual(asJob);
    expect(
      Object.values(asJob)
        .flat()
        .every((entry) => entry.startsWith(`${acme}:`)),
    ).toBe(true);
    expect(asJob.agents.length).toBe(1);
    // The owner sees every tenant: the sameness above is RLS at work, not an empty database.
    const [all] = await h.sql(`SELECT count(DISTINCT tenant_id)::int AS n FROM agents`);
    expect(all.n).toBeGreaterThan(1);
  });

  it('opens in one round trip as steward_app, counts every statement, and refuses a job in a tenant that is not active', async () => {
    const scope = (await openScope(h.services, { actor: job }))!;
    expect(scope.tx.statements).toBe(1);
    const [who] = await scope.tx.manager.query(`SELECT current_user AS role, current_setting('app.tenant_id') AS tenant`);
    expect(who).toEqual({ role: 'steward_app', tenant: acme });
    await scope.tx.commit();
    expect(scope.tx.statements).toBe(3);
    await expect(openScope(h.services, { actor: { kind: 'system', tenantId: stableUuid('tenant:umbrella'), name: 'job scope-test' } })).rejects.toThrow(
      /suspended/,
    );
  });

  it('records audit entries naming the actor: the user, the API key, or the job', async () => {
    const actors: [string, ScopeActor][] = [
      ['user', await signedInAdmin()],
      ['api key', apiKey],
      ['job', job],
    ];
    for (const [label, actor] of actors) {
      await inScope(h.services, { actor, requestId: `scope-test-${label.replace(' ', '-')}` }, async (scope) => {
        await scope.audit.record({ action: 'scopeTest.done', entityType: 'Test', entityName: label });
        scope.audit.failed({ action: 'scopeTest.refused', errorCode: 'BAD_USER_INPUT' });
      });
    }
    // A failure is written even when the work that failed rolls back.
    await expect(
      inScope(h.services, { actor: job, requestId: 'scope-test-rolled-back' }, async (scope) => {
        await scope.audit.record({ action: 'scopeTest.lost' });
        scope.audit.failed({ action: 'scopeTest.failedJob', errorCode: 'INTERNAL' });
        throw new Error('the job failed');
      }),
    ).rejects.toThrow('the job failed');
    const rows = await h.sql(
      `SELECT request_id, action, outcome, tenant_id, actor_type, actor_user_id, actor_api_key_id, actor_label FROM audit_entries
       WHERE action LIKE 'scopeTest.%' ORDER BY seq`,
    );
    const keyId = stableUuid('api-key:acme:Agent runtime');
    const entry = (requestId: string, action: string, outcome: string, actor: [string, string | null, string | null, string | null]) => ({
      request_id: requestId,
      action,
      outcome,
      tenant_id: acme,
      actor_type: actor[0],
      actor_user_id: actor[1],
      actor_api_key_id: actor[2],
      actor_label: actor[3],
    });
    const user: [string, string | null, string | null, string | null] = ['user', acmeAdmin, null, null];
    const key: [string, string | null, string | null, string | null] = ['api_key', null, keyId, 'Agent runtime'];
    const system: [string, string | null, string | null, string | null] = ['system', null, null, 'job scope-test'];
    expect(rows).toEqual([
      entry('scope-test-user', 'scopeTest.done', 'success', user),
      entry('scope-test-user', 'scopeTest.refused', 'failure', user),
      entry('scope-test-api-key', 'scopeTest.done', 'success', key),
      entry('scope-test-api-key', 'scopeTest.refused', 'failure', key),
      entry('scope-test-job', 'scopeTest.done', 'success', system),
      entry('scope-test-job', 'scopeTest.refused', 'failure', system),
      entry('scope-test-rolled-back', 'scopeTest.failedJob', 'failure', system),
    ]);
  });

  it("records a real job's audit entries as the system, named after the job", async () => {
    await h.sql(
      `INSERT INTO budgets (tenant_id, name, scope, category, period, amount, thresholds) VALUES ($1, 'Scope test', 'tenant', NULL, 'monthly', 0.01, '{100}')`,
      [acme],
    );
    await h.sql(`SELECT graphile_worker.add_job('budgets:check', json_build_object('tenantId', $1::text))`, [acme]);
    await h.runJobs();
    const [raised] = await h.sql(
      `SELECT actor_type, actor_label, request_id FROM audit_entries WHERE action = 'alert.raise' AND tenant_id = $1 ORDER BY seq DESC LIMIT 1`,
      [acme],
    );
    expect(raised).toMatchObject({ actor_type: 'system', actor_label: 'job budgets:check' });
    expect(raised.request_id).toMatch(/^job:budgets:check:[0-9a-f-]{36}$/);
  });
});

describe('the libraries under the scope', () => {
  it('are extended by subclassing, never patched at run time', async () => {
    // Exercise everything the old patches touched: a request, its statements, a savepoint, a commit, a job.
    const admin = await h.signIn('admin@acme.test', 'acme');
    expect((await admin.ok(`{ viewer { role } }`)).viewer.role).toBeTruthy();
    await inScope(h.services, { actor: job }, (scope) => scope.tx.isolated(() => scope.tx.manager.query(`SELECT $1::int AS n`, [1])));
    const untouched = pristine();
    for (const [name, type] of Object.entries(libraries)) {
      expect({ name, methods: Object.getOwnPropertyDescriptors(type.prototype) }).toEqual({ name, methods: originals.get(name) });
      expect({ name, methods: sources(type.prototype) }).toEqual({ name, methods: untouched.get(name) });
    }
    // Nor is any instance given its own copy of a method: the runner and its client are plain instances of our subclasses.
    const scope = (await openScope(h.services, { actor: job }))!;
    try {
      const runner = (scope.tx as unknown as { runner: PostgresQueryRunner }).runner;
      const client = (runner as unknown as { databaseConnection: Client }).databaseConnection;
      expect(client).toBeInstanceOf(PreparingClient);
      const shadowed = (o: object) =>
        Object.keys(Object.getOwnPropertyDescriptors(o)).filter((k) => typeof (Object.getPrototypeOf(o) as Record<string, unknown>)[k] === 'function');
      expect(shadowed(runner)).toEqual([]);
      expect(shadowed(client)).toEqual([]);
    } finally {
      await scope.tx.rollback();
    }
  });

  it('prepare each parameterised statement once per connection, by name', async () => {
    await inScope(h.services, { actor: job }, async (scope) => {
      for (let i = 0; i < 3; i++)
        await scope.tx.manager.query(`SELECT count(*)::int AS n FROM agents WHERE tenant_id = $1 AND name <> $2`, [acme, `probe ${i}`]);
      const prepared: { name: string; statement: string }[] = await scope.tx.manager.query(`SELECT name, statement FROM pg_prepared_statements`);
      const mine = prepared.filter((p) => p.statement.includes('name <> $2'));
      expect(mine).toHaveLength(1);
      expect(mine[0].name).toMatch(/^s_[\w-]{20}$/);
      // Dropping them all behind pg's back would make the next run fail; it is refused before it is sent.
      await expect(scope.tx.manager.query('DEALLOCATE ALL')).rejects.toThrow(/deallocate your own statement by name/);
      expect((await scope.tx.manager.query(`SELECT count(*)::int AS n FROM agents WHERE tenant_id = $1 AND name <> $2`, [acme, 'again']))[0].n).toBeGreaterThan(
        0,
      );
    });
  });
});
