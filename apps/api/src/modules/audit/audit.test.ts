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
    const created = await admin.gql(CREATE_KEY, { input: { name: 'Audited key', role: 'ANALYST' } });
    const key = created.data.apiKeyCreate.apiKey.id;
    const log = await admin.ok(
      `query($f: AuditEntryFilter) { auditEntries(first: 5, filter: $f) {
      nodes { action outcome entityType entityGlobalId entityName before after requestId actorType actorUser { email } userAgent } } }`,
      { f: { entityId: key } },
    );
    expect(log.auditEntries.nodes).toEqual([
      {
        action: 'apiKey.create',
        outcome: 'SUCCESS',
        entityType: 'ApiKey',
        entityGlobalId: key,
        entityName: 'Audited key',
        before: null,
        after: {
          name: 'Audited key',
          role: 'analyst',
          prefix: expect.stringMatching(/^stw_/),
          expiresAt: null,
          scopes: null,
          allowedOperations: null,
          costPerMinute: null,
        },
        requestId: created.extensions?.requestId,
        actorType: 'USER',
        actorUser: { email: 'admin@acme.test' },
        userAgent: expect.any(String),
      },
    ]);
  });

  it('records failed and denied mutations although their changes roll back', async () => {
    const admin = await h.signIn('admin@acme.test');
    const failed = await admin.ok(CREATE_KEY, { input: { name: 'Expired already', role: 'VIEWER', expiresAt: '2001-01-01T00:00:00Z' } });
    expect(failed.apiKeyCreate.userErrors[0].code).toBe('BAD_USER_INPUT');
    expect(await h.sql(`SELECT 1 FROM api_keys WHERE name = 'Expired already'`)).toHaveLength(0);

    const viewer = await h.signIn('viewer@acme.test');
    const denied = await viewer.gql(CREATE_KEY, { input: { name: 'Not mine to make', role: 'ADMIN' } });
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const entries = await h.sql(
      `SELECT action, outcome, error_code, actor_user_id FROM audit_entries WHERE tenant_id = $1 AND outcome <> 'success' ORDER BY seq`,
      [acme],
    );
    expect(entries).toEqual(
      expect.arrayContaining([
        { action: 'apiKey.create', outcome: 'failure', error_code: 'BAD_USER_INPUT', actor_user_id: stableUuid('user:admin@acme.test') },
        { action: 'apiKeyCreate', outcome: 'denied', error_code: 'FORBIDDEN', actor_user_id: stableUuid('user:viewer@acme.test') },
      ]),
    );
  });

  it("cannot be updated or deleted, by the API's role or by the table owner", async () => {
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
    for (let i = 0; i < 3; i += 1) await admin.ok(CREATE_KEY, { input: { name: `Paged ${i}`, role: 'VIEWER' } });
    const adminId = toGlobalId('User', stableUuid('user:admin@acme.test'));
    const first = await admin.ok(
      `query($f: AuditEntryFilter) { auditEntries(first: 2, filter: $f) { totalCount pageInfo { hasNextPage endCursor } nodes { action entityName } } }`,
      { f: { action: 'apiKey.*', actorUserId: adminId, outcome: 'SUCCESS', from: new Date(Date.now() - 60_000).toISOString() } },
    );
    expect(first.auditEntries.totalCount).toBeGreaterThanOrEqual(3);
    expect(first.auditEntries.nodes.map((n: { entityName: string }) => n.entityName)).toEqual(['Paged 2', 'Paged 1']);
    const second = await admin.ok(
      `query($f: AuditEntryFilter, $after: String) { auditEntries(first: 2, after: $after, filter: $f) { nodes { entityName } } }`,
      { f: { action: 'apiKey.*', actorUserId: adminId, outcome: 'SUCCESS' }, after: first.auditEntries.pageInfo.endCursor },
    );
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

  it("names the first entry whose content was changed behind the database's back", async () => {
    const admin = await h.signIn('admin@acme.test');
    for (let i = 0; i < 3; i += 1) await admin.ok(CREATE_KEY, { input: { name: `Chain ${i}`, role: 'VIEWER' } });
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
    for (let i = 0; i < 4; i += 1) await admin.ok(CREATE_KEY, { input: { name: `Globex ${i}`, role: 'VIEWER' } });
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

/** How to change each kind of column so the row still satisfies its constraints. */
const TAMPER_BY_TYPE: Record<string, (column: string) => string> = {
  uuid: () => 'gen_random_uuid()',
  text: (c) => `coalesce(${c}, '') || '~'`,
  jsonb: (c) => `coalesce(${c}, '{}'::jsonb) || '{"tampered": true}'`,
  'timestamp with time zone': (c) => `${c} - interval '1 microsecond'`,
};
/** Columns with a CHECK or a unique position, changed to another value they allow. */
const TAMPER_BY_COLUMN: Record<string, string> = {
  actor_type: `CASE WHEN actor_type = 'system' THEN 'user' ELSE 'system' END`,
  outcome: `CASE WHEN outcome = 'success' THEN 'failure' ELSE 'success' END`,
  seq: '-seq',
  // Marking an entry erased without an erasure in the chain that names it.
  erased_at: 'now()',
};

/** As the superuser with triggers switched off: the only way past the append-only guard. */
async function withoutTriggers<T>(work: (q: (sql: string, params?: unknown[]) => Promise<any>) => Promise<T>): Promise<T> {
  const runner = h.dataSource.createQueryRunner();
  try {
    await runner.query(`BEGIN`);
    await runner.query(`SET LOCAL session_replication_role = replica`);
    const result = await work((sql, params) => runner.query(sql, params));
    await runner.query(`COMMIT`);
    return result;
  } finally {
    await runner.release();
  }
}

describe('the hash chain, column by column', () => {
  it('catches a change to any column of an entry, and names that entry', async () => {
    // A chain of its own: the tests above leave acme's and globex's broken on purpose.
    const initech = stableUuid('tenant:initech');
    const admin = await h.signIn('admin@initech.test');
    for (let i = 0; i < 3; i += 1) await admin.ok(CREATE_KEY, { input: { name: `Column ${i}`, role: 'VIEWER' } });
    const [victim] = await h.sql(`SELECT id, seq FROM audit_entries WHERE tenant_id = $1 AND entity_name = 'Column 1'`, [initech]);
    const [next] = await h.sql(`SELECT id FROM audit_entries WHERE tenant_id = $1 AND seq = $2`, [initech, Number(victim.seq) + 1]);
    await h.sql(`CREATE TABLE audit_victim AS SELECT * FROM audit_entries WHERE id = $1`, [victim.id]);
    // Every column is part of what the chain protects; information_schema, so a new column is covered without a change here.
    const columns: { name: string; type: string }[] = await h.sql(
      `SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'audit_entries' ORDER BY ordinal_position`,
    );
    expect(columns.map((c) => c.name)).toEqual(
      expect.arrayContaining(['before', 'after', 'outcome', 'actor_type', 'actor_user_id', 'actor_api_key_id', 'actor_label', 'hash', 'prev_hash']),
    );

    const uncaught: string[] = [];
    for (const { name, type } of columns) {
      const tamper = TAMPER_BY_COLUMN[name] ?? TAMPER_BY_TYPE[type]?.(name);
      if (!tamper) throw new Error(`audit_entries.${name} (${type}): say in TAMPER_BY_TYPE or TAMPER_BY_COLUMN how to change it`);
      // TypeORM answers an UPDATE with [rows, count].
      const [[changed]] = await withoutTriggers((q) => q(`UPDATE audit_entries SET ${name} = ${tamper} WHERE id = $1 RETURNING id`, [victim.id]));
      const result = (await admin.ok(VERIFY)).auditChainVerification;
      // An entry moved to another tenant leaves its own chain: the gap is reported at the entry after it.
      const expected = name === 'tenant_id' ? toGlobalId('AuditEntry', next.id) : toGlobalId('AuditEntry', changed.id);
      if (result.valid || result.firstBrokenEntry?.id !== expected) uncaught.push(`${name}: ${JSON.stringify(result)}`);
      await withoutTriggers(async (q) => {
        await q(`DELETE FROM audit_entries WHERE id = $1`, [changed.id]);
        await q(`INSERT INTO audit_entries SELECT * FROM audit_victim`);
      });
      const restored = (await admin.ok(VERIFY)).auditChainVerification;
      if (!restored.valid) uncaught.push(`${name}: the chain does not verify once the entry is restored: ${restored.problem}`);
    }
    expect(uncaught).toEqual([]);
  });
});
