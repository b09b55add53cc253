import { Harness, startHarness } from '../../../test/harness';
import { stableUuid } from '../../db/seed/deterministic';

const OVERVIEW = `{ overview {
  agentsByStatus { status count } agentsByCompliance { status count }
  openViolationsBySeverity { severity count } openAlertsBySeverity { severity count } } }`;

const acme = stableUuid('tenant:acme');
const globex = stableUuid('tenant:globex');

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

/** The same counts, computed as the database owner straight from the tables. */
async function truth(tenantId: string) {
  const count = async (sql: string) => Object.fromEntries((await h.sql<{ key: string; n: number }>(sql, [tenantId])).map((r) => [r.key, r.n]));
  return {
    status: await count(`SELECT status AS key, count(*)::int AS n FROM agents WHERE tenant_id = $1 GROUP BY 1`),
    compliance: await count(`SELECT compliance_status AS key, count(*)::int AS n FROM agents WHERE tenant_id = $1 AND status <> 'archived' GROUP BY 1`),
    violations: await count(`SELECT severity AS key, count(*)::int AS n FROM policy_violations WHERE tenant_id = $1
      AND (status = 'open' OR (status = 'waived' AND NOT refused_change AND waiver_expires_at <= now())) GROUP BY 1`),
    alerts: await count(`SELECT severity AS key, count(*)::int AS n FROM alerts WHERE tenant_id = $1 AND status <> 'resolved' GROUP BY 1`),
  };
}

const asMap = (list: { count: number; status?: string; severity?: string }[]) =>
  Object.fromEntries(list.filter((c) => c.count > 0).map((c) => [(c.status ?? c.severity ?? '').toLowerCase(), c.count]));

describe('the overview', () => {
  it("counts the tenant's agents, open violations and open alerts, every value listed, most severe first", async () => {
    const admin = await h.signIn('admin@acme.test');
    const { overview } = await admin.ok(OVERVIEW);
    const expected = await truth(acme);
    expect(asMap(overview.agentsByStatus)).toEqual(expected.status);
    expect(asMap(overview.agentsByCompliance)).toEqual(expected.compliance);
    expect(asMap(overview.openViolationsBySeverity)).toEqual(expected.violations);
    expect(asMap(overview.openAlertsBySeverity)).toEqual(expected.alerts);
    // The demo world has problems to show, so the comparison above is not between empty maps.
    expect(expected.compliance.non_compliant).toBeGreaterThan(0);
    expect(Object.keys(expected.violations).length).toBeGreaterThan(0);
    expect(overview.agentsByStatus.map((c: { status: string }) => c.status)).toEqual(['DRAFT', 'DEPLOYED', 'SUSPENDED', 'ARCHIVED']);
    expect(overview.openViolationsBySeverity.map((c: { severity: string }) => c.severity)).toEqual(['CRITICAL', 'HIGH', 'MEDIUM', 'LOW']);
    expect(overview.openAlertsBySeverity.map((c: { severity: string }) => c.severity)).toEqual(['CRITICAL', 'WARNING', 'INFO']);
  });

  it('follows changes: a lapsed waiver counts as open again, a resolved alert no longer counts', async () => {
    const admin = await h.signIn('admin@acme.test');
    const before = (await admin.ok(OVERVIEW)).overview;
    const [violation] = await h.sql(`SELECT id, severity FROM policy_violations WHERE tenant_id = $1 AND status = 'open' AND NOT refused_change LIMIT 1`, [
      acme,
    ]);
    await h.sql(
      `UPDATE policy_violations SET status = 'waived', waiver_reason = 'test', waived_at = now() - interval '2 days', waiver_expires_at = now() + interval '1 day' WHERE id = $1`,
      [violation.id],
    );
    const waived = (await admin.ok(OVERVIEW)).overview;
    const countOf = (o: typeof before, severity: string) =>
      o.openViolationsBySeverity.find((c: { severity: string }) => c.severity === severity.toUpperCase()).count;
    expect(countOf(waived, violation.severity)).toBe(countOf(before, violation.severity) - 1);
    await h.sql(`UPDATE policy_violations SET waiver_expires_at = now() - interval '1 hour' WHERE id = $1`, [violation.id]);
    expect(countOf((await admin.ok(OVERVIEW)).overview, violation.severity)).toBe(countOf(before, violation.severity));
    await h.sql(`UPDATE policy_violations SET status = 'open', waiver_reason = NULL, waived_at = NULL, waiver_expires_at = NULL WHERE id = $1`, [violation.id]);
    const [alert] = await h.sql(`SELECT id, severity FROM alerts WHERE tenant_id = $1 AND status <> 'resolved' LIMIT 1`, [acme]);
    await h.sql(`UPDATE alerts SET status = 'resolved', resolved_at = now() WHERE id = $1`, [alert.id]);
    const alertsOf = (o: typeof before, severity: string) =>
      o.openAlertsBySeverity.find((c: { severity: string }) => c.severity === severity.toUpperCase()).count;
    expect(alertsOf((await admin.ok(OVERVIEW)).overview, alert.severity)).toBe(alertsOf(before, alert.severity) - 1);
  });

  it("reads only the caller's tenant", async () => {
    const globexAdmin = await h.signIn('admin@globex.test');
    const { overview } = await globexAdmin.ok(OVERVIEW);
    const expected = await truth(globex);
    expect(asMap(overview.agentsByStatus)).toEqual(expected.status);
    expect(asMap(overview.openViolationsBySeverity)).toEqual(expected.violations);
    expect(asMap(overview.agentsByStatus)).not.toEqual((await truth(acme)).status);
  });

  it.each([
    ['admin@acme.test', { violations: true, alerts: true }],
    ['dev@acme.test', { violations: true, alerts: true }],
    ['compliance@acme.test', { violations: true, alerts: true }],
    ['auditor@acme.test', { violations: true, alerts: true }],
    ['analyst@acme.test', { violations: false, alerts: true }],
    ['viewer@acme.test', { violations: false, alerts: false }],
  ])('shows %s the counts of the lists they may read', async (email, may) => {
    const caller = await h.signIn(email);
    const response = await caller.gql(OVERVIEW);
    const overview = response.data?.overview;
    expect(overview.agentsByStatus).toHaveLength(4);
    expect(overview.agentsByCompliance).toHaveLength(3);
    expect(overview.openViolationsBySeverity === null).toBe(!may.violations);
    expect(overview.openAlertsBySeverity === null).toBe(!may.alerts);
    const denied = (response.errors ?? []).map((e) => [e.path?.join('.'), e.extensions?.code]);
    expect(denied).toEqual([
      ...(may.violations ? [] : [['overview.openViolationsBySeverity', 'FORBIDDEN']]),
      ...(may.alerts ? [] : [['overview.openAlertsBySeverity', 'FORBIDDEN']]),
    ]);
  });

  it('is nothing for a platform admin outside any tenant, and refused to the anonymous', async () => {
    const platform = await h.signIn('platform@steward.test');
    const response = await platform.gql(`{ overview { agentsByStatus { count } } }`);
    expect(response.data?.overview ?? null).toBeNull();
    const anonymous = await h.anonymous.gql(`{ overview { agentsByStatus { count } } }`);
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('costs one statement per count, however many rows it counts', async () => {
    const admin = await h.signIn('admin@acme.test');
    const first = await admin.gql(OVERVIEW);
    await h.sql(
      `INSERT INTO agents (tenant_id, name, role, model_tier, status, compliance_status)
      SELECT $1, 'Bulk agent ' || i, 'custom', 'sonnet', 'draft', 'pending_review' FROM generate_series(1, 60) i`,
      [acme],
    );
    const second = await admin.gql(OVERVIEW);
    expect(second.data.overview.agentsByStatus[0].count).toBe(first.data.overview.agentsByStatus[0].count + 60);
    // The opening batch, four grouped counts, COMMIT.
    expect(first.extensions?.sql.statements).toBe(6);
    expect(second.extensions?.sql.statements).toBe(6);
  });
});
