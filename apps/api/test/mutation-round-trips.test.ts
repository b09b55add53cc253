import { demoApiKeySecret } from '../src/db/seed/demo-world';
import { stableUuid } from '../src/db/seed/deterministic';
import { toGlobalId } from '../src/graphql/global-id';
import { openScope, type ScopeActor, type TenantScope } from '../src/scope';
import { Harness, startHarness } from './harness';

/**
 * A mutation costs no round trip of its own around its work (graphql/mutation.ts, scope/scope-transaction.ts): the
 * tenant's read-only state comes with the opening, the first change uses the savepoint the opening left, and
 * savepoints are released by COMMIT. What they guarantee stays: a read-only tenant's change is refused, and a
 * change that fails leaves nothing written while the request goes on.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const acme = stableUuid('tenant:acme');
const RECORD = `mutation($input: MetricPointsRecordInput!) { metricPointsRecord(input: $input) { outcome recordedCount userErrors { field message code } } }`;
const TWO = `mutation($a: MetricPointsRecordInput!, $b: MetricPointsRecordInput!) {
  a: metricPointsRecord(input: $a) { outcome userErrors { code } } b: metricPointsRecord(input: $b) { outcome userErrors { code } } }`;
const agentId = toGlobalId('Agent', stableUuid('agent:acme:Code Reviewer'));
const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
const points = (name: string, n: number, value = 1) => Array.from({ length: n }, (_, i) => ({ agentId, name, value: value + i, at: at(5 + i) }));
const stored = async (name: string) => (await h.sql(`SELECT count(*)::int AS n FROM metric_points WHERE name = $1`, [name]))[0].n as number;

describe('statements per mutation', () => {
  it('a batch of metric points is the opening, its one statement and COMMIT, at 1 point as at 500', async () => {
    const runtime = h.apiKey(demoApiKeySecret('acme', 'Agent runtime'));
    // The process's first batch of a tenant reads its retention first.
    expect((await runtime.ok(RECORD, { input: { batchKey: 'rt-warm', points: points('test.rt', 1) } })).metricPointsRecord.userErrors).toEqual([]);
    for (const [key, n] of [
      ['rt-1', 1],
      ['rt-500', 500],
    ] as const) {
      const response = await runtime.gql(RECORD, { input: { batchKey: key, points: points(`test.rt${n}`, n) } });
      expect(response.data.metricPointsRecord).toEqual({ outcome: 'RECORDED', recordedCount: n, userErrors: [] });
      expect(response.extensions?.sql.statements).toBe(3);
      expect(await stored(`test.rt${n}`)).toBe(n);
    }
  });

  it("refuses a change in a read-only tenant from the opening's reading, with no statement of its own, and writes nothing", async () => {
    const runtime = h.apiKey(demoApiKeySecret('acme', 'Agent runtime'));
    const admin = await h.signIn('admin@acme.test');
    await h.sql(`UPDATE tenants SET read_only_since = '2026-11-30T00:00:00Z' WHERE id = $1`, [acme]);
    try {
      const refused = await runtime.gql(RECORD, { input: { batchKey: 'ro-1', points: points('test.ro', 3) } });
      expect(refused.data.metricPointsRecord).toEqual({
        outcome: null,
        recordedCount: null,
        userErrors: [{ field: null, code: 'PLAN_LIMIT', message: expect.stringContaining('The trial ended on 2026-11-30') }],
      });
      // The opening and COMMIT: the refusal read nothing.
      expect(refused.extensions?.sql.statements).toBe(2);
      const byUser = await admin.ok(
        `mutation { agentCreate(input: { name: "Refused while read-only", role: CUSTOM, modelTier: HAIKU }) { agent { id } userErrors { code } } }`,
      );
      expect(byUser.agentCreate).toEqual({ agent: null, userErrors: [{ code: 'PLAN_LIMIT' }] });
      expect(await stored('test.ro')).toBe(0);
      const [agents] = await h.sql(`SELECT count(*)::int AS n FROM agents WHERE name = 'Refused while read-only'`);
      expect(agents.n).toBe(0);
    } finally {
      await h.sql(`UPDATE tenants SET read_only_since = NULL WHERE id = $1`, [acme]);
    }
    expect((await runtime.ok(RECORD, { input: { batchKey: 'ro-2', points: points('test.ro', 3) } })).metricPointsRecord.outcome).toBe('RECORDED');
  });

  it('a refused second mutation of a request leaves the first one written and nothing of its own', async () => {
    const runtime = h.apiKey(demoApiKeySecret('acme', 'Agent runtime'));
    await runtime.ok(RECORD, { input: { batchKey: 'two-taken', points: points('test.two', 1, 100) } });
    const both = await runtime.ok(TWO, {
      a: { batchKey: 'two-a', points: points('test.two_a', 2) },
      b: { batchKey: 'two-taken', points: points('test.two', 2, 7) },
    });
    expect(both).toEqual({ a: { outcome: 'RECORDED', userErrors: [] }, b: { outcome: null, userErrors: [{ code: 'CONFLICT' }] } });
    expect(await stored('test.two_a')).toBe(2);
    const [kept] = await h.sql(`SELECT count(*)::int AS n, sum(value)::int AS total FROM metric_points WHERE name = 'test.two'`);
    expect(kept).toEqual({ n: 1, total: 100 });
  });
});

describe('isolated work without savepoint round trips', () => {
  const job: ScopeActor = { kind: 'system', tenantId: acme, name: 'job round-trips' };
  const role = (scope: TenantScope, name: string) => scope.tx.manager.query(`INSERT INTO roles (tenant_id, name) VALUES ($1, $2)`, [acme, name]);
  const roles = async (prefix: string) =>
    ((await h.sql(`SELECT name FROM roles WHERE name LIKE $1 ORDER BY name`, [`${prefix}%`])) as { name: string }[]).map((r) => r.name);

  it('rolls back what failing work wrote, first or later, nested or not, and commits the rest', async () => {
    const scope = (await openScope(h.services, { actor: job }))!;
    // First work straight after the opening: the opening's savepoint, no statement of its own.
    await expect(
      scope.tx.isolated(async () => {
        await role(scope, 'iso first refused');
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    // 1 opening + 1 insert + 1 ROLLBACK TO SAVEPOINT.
    expect(scope.tx.statements).toBe(3);
    await scope.tx.isolated(() => role(scope, 'iso second kept'));
    // RELEASE and SAVEPOINT travel together: 1 + the insert.
    expect(scope.tx.statements).toBe(5);
    await expect(
      scope.tx.isolated(async () => {
        await role(scope, 'iso third refused');
        await scope.tx.isolated(() => role(scope, 'iso third nested'));
        throw new Error('refused again');
      }),
    ).rejects.toThrow('refused again');
    await scope.tx.isolated(async () => {
      await role(scope, 'iso fourth kept');
      await expect(
        scope.tx.isolated(async () => {
          await role(scope, 'iso fourth nested refused');
          throw new Error('inner');
        }),
      ).rejects.toThrow('inner');
    });
    await scope.tx.commit();
    expect(await roles('iso ')).toEqual(['iso fourth kept', 'iso second kept']);
  });

  it('uses a fresh savepoint when the scope sent a statement before the first work, so that statement survives', async () => {
    const scope = (await openScope(h.services, { actor: job }))!;
    await role(scope, 'iso2 before');
    await expect(
      scope.tx.isolated(async () => {
        await role(scope, 'iso2 refused');
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    await scope.tx.commit();
    expect(await roles('iso2 ')).toEqual(['iso2 before']);
  });
});
