import { Harness, startHarness } from '../../../test/harness';
import { stableUuid } from '../../db/seed/deterministic';
import { toGlobalId } from '../../graphql/global-id';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const acme = stableUuid('tenant:acme');
const VERIFY = `{ auditChainVerification { valid checkedCount problem firstBrokenEntry { id seq action } } }`;
const CREATE_KEY = `mutation($input: ApiKeyCreateInput!) { apiKeyCreate(input: $input) { apiKey { id } userErrors { code } } }`;

describe('the audit log', () => {
  it('records a mutation in its own transaction, with actor, before/after, request id and client', async () => {
    const admin = await h.signIn('admin@acme.test');
    const created = await admin.gql(CREATE_KEY, { input: { name: 'Audited key', role: 'analyst' } });
    const key = created.data.apiKeyCreate.apiKey.id;
    const log = await admin.ok(`query($f: AuditEntryFilter) { auditEntries(first: 5, filter: $f) {
      nodes { action outcome entityType entityGlobalId entityName before after requestId actorType actorUser { email } userAgent } } }`,
    { f: { entityId: key } });
    expect(log.auditEntries.nodes).toEqual([{
      action: 'apiKey.create', outcome: 'success', entityType: 'ApiKey', entityGlobalId: key, entityName: 'Audited key',
      before: null, after: { name: 'Audited key', role: 'analyst', prefix: expect.stringMatching(/^stw_/), expiresAt: null },
      requestId: created.extensions?.requestId, actorType: 'user', actorUser: { email: 'admin@acme.test' }, userAgent: expect.any(String),
    }]);
  });

  it('records failed and denied mutations although their changes roll back', async () => {
    const admin = await h.signIn('admin@acme.test');
    const failed = await admin.ok(CREATE_KEY, { input: { name: 'Expired already', role: 'viewer', expiresAt: '2001-01-01T00:00:00Z' } });
    expect(failed.apiKeyCreate.userErrors[0].code).toBe('BAD_USER_INPUT');
    expect(await h.sql(`SELECT 1 FROM api_keys WHERE name = 'Expired already'`)).toHaveLength(0);

    const viewer = await h.signIn('viewer@acme.test');
    const denied = await viewer.gql(CREATE_KEY, { input: { name: 'Not mine to make', role: 'admin' } });
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const entries = await h.sql(
      `SELECT action, outcome, error_code, actor_user_id FROM audit_entries WHERE tenant_id = $1 AND outcome <> 'success' ORDER BY seq`, [acme]);
    expect(entries).toEqual(expect.arrayContaining([
      { action: 'apiKey.create', outcome: 'failure', error_code: 'BAD_USER_INPUT', actor_user_id: stableUuid('user:admin@acme.test') },
      { action: 'apiKeyCreate', outcome: 'denied', error_code: 'FORBIDDEN', actor_user_id: stableUuid('user:viewer@acme.test') },
    ]));
  });

  it('cannot be updated or deleted, by the API\'s role or by the table owner', async () => {
    await expect(h.sql(`UPDATE audit_entries SET action = 'nothing happened' WHERE tenant_id = $1`, [acme])).rejects.toThrow(/append-only/);
    await expect(h.sql(`DELETE FROM audit_entries WHERE tenant_id = $1`, [acme])).rejects.toThrow(/append-only/);
    await expect(h.sql(`TRUNCATE audit_entries`)).rejects.toThrow(/append-only/);
    const runner = h.dataSource.createQueryRunner();
    try {
      await runner.query(`BEGIN; SET LOCAL ROLE steward_app; SELECT set_config('app.tenant_id', '${acme}', true);`);
      await expect(runner.query(`UPDATE audit_entries SET action = 'x'`)).rejects.toThrow(/permission denied/);
    } finally {
      await runner.query('ROLLBACK');
      await runner.release();
    }
  });

  it('is readable by admins and auditors only', async () => {
    for (const email of ['admin@acme.test', 'auditor@acme.test']) {
      const caller = await h.signIn(email);
      expect((await caller.ok(`{ auditEntries(first: 1) { nodes { action } } }`)).auditEntries.nodes).toHaveLength(1);
    }
    for (const email of ['dev@acme.test', 'compliance@acme.test', 'analyst@acme.test', 'viewer@acme.test']) {
      const caller = await h.signIn(email);
      const response = await caller.gql(`{ auditEntries(first: 1) { nodes { action } } }`);
      expect(response.data.auditEntries).toBeNull();
      expect(response.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('filters by action prefix, actor and time, and pages with cursors', async () => {
    const admin = await h.signIn('admin@acme.test');
    for (let i = 0; i < 3; i += 1) await admin.ok(CREATE_KEY, { input: { name: `Paged ${i}`, role: 'viewer' } });
    const adminId = toGlobalId('User', stableUuid('user:admin@acme.test'));
    const first = await admin.ok(`query($f: AuditEntryFilter) { auditEntries(first: 2, filter: $f) { totalCount pageInfo { hasNextPage endCursor } nodes { action entityName } } }`,
      { f: { action: 'apiKey.*', actorUserId: adminId, outcome: 'success', from: new Date(Date.now() - 60_000).toISOString() } });
    expect(first.auditEntries.totalCount).toBeGreaterThanOrEqual(3);
    expect(first.auditEntries.nodes.map((n: { entityName: string }) => n.entityName)).toEqual(['Paged 2', 'Paged 1']);
    const second = await admin.ok(`query($f: AuditEntryFilter, $after: String) { auditEntries(first: 2, after: $after, filter: $f) { nodes { entityName } } }`,
      { f: { action: 'apiKey.*', actorUserId: adminId, outcome: 'success' }, after: first.auditEntries.pageInfo.endCursor });
    expect(second.auditEntries.nodes[0].entityName).toBe('Paged 0');
    const none = await admin.ok(`{ auditEntries(filter: { to: "2000-01-01T00:00:00Z" }) { nodes { action } } }`);
    expect(none.auditEntries.nodes).toEqual([]);
  });
});

describe('the hash chain', () => {
  it('verifies an intact chain', async () => {
    const auditor = await h.signIn('auditor@acme.test');
    const result = await auditor.ok(VERIFY);
    expect(result.auditChainVerification).toMatchObject({ valid: true, problem: null, firstBrokenEntry: null });
    expect(result.auditChainVerification.checkedCount).toBeGreaterThan(0);
  });

  it('names the first entry whose content was changed behind the database\'s back', async () => {
    const admin = await h.signIn('admin@acme.test');
    for (let i = 0; i < 3; i += 1) await admin.ok(CREATE_KEY, { input: { name: `Chain ${i}`, role: 'viewer' } });
    const [victim] = await h.sql(`SELECT id, seq FROM audit_entries WHERE tenant_id = $1 AND entity_name = 'Chain 1'`, [acme]);
    // Only a superuser who switches triggers off can do this; verification must still catch it.
    await h.sql(`BEGIN; SET LOCAL session_replication_role = replica;
      UPDATE audit_entries SET after = '{"name":"Chain one, innocently"}' WHERE id = '${victim.id}'; COMMIT;`);
    const result = (await admin.ok(VERIFY)).auditChainVerification;
    expect(result.valid).toBe(false);
    expect(result.firstBrokenEntry).toEqual({ id: toGlobalId('AuditEntry', victim.id), seq: String(victim.seq), action: 'apiKey.create' });
    expect(result.problem).toMatch(/content/);
  });
});

describe('the hash chain of another tenant', () => {
  it('notices a deleted entry in the middle and a deleted tail', async () => {
    const admin = await h.signIn('admin@globex.test');
    for (let i = 0; i < 4; i += 1) await admin.ok(CREATE_KEY, { input: { name: `Globex ${i}`, role: 'viewer' } });
    const globex = stableUuid('tenant:globex');
    const [tail] = await h.sql(`SELECT id FROM audit_entries WHERE tenant_id = $1 ORDER BY seq DESC LIMIT 1`, [globex]);
    await h.sql(`BEGIN; SET LOCAL session_replication_role = replica; DELETE FROM audit_entries WHERE id = '${tail.id}'; COMMIT;`);
    const afterTail = (await admin.ok(VERIFY)).auditChainVerification;
    expect(afterTail).toMatchObject({ valid: false, firstBrokenEntry: null });
    expect(afterTail.problem).toMatch(/newest entries are missing/);

    const [middle] = await h.sql(`SELECT id, seq FROM audit_entries WHERE tenant_id = $1 AND entity_name = 'Globex 1'`, [globex]);
    await h.sql(`BEGIN; SET LOCAL session_replication_role = replica; DELETE FROM audit_entries WHERE id = '${middle.id}'; COMMIT;`);
    const afterMiddle = (await admin.ok(VERIFY)).auditChainVerification;
    expect(afterMiddle.valid).toBe(false);
    expect(Number(afterMiddle.firstBrokenEntry.seq)).toBe(Number(middle.seq) + 1);
  });
});
