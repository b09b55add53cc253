import { Harness, startHarness } from '../../../test/harness';
import { stableUuid } from '../../db/seed/deterministic';
import { AUDIT_CSV_MAX_ROWS } from './audit.export';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const CREATE_KEY = `mutation($input: ApiKeyCreateInput!) { apiKeyCreate(input: $input) { apiKey { id } userErrors { code } } }`;
const FACETS = `{ auditFacets { actions entityTypes } }`;
const CSV = `query($f: AuditEntryFilter) { auditEntriesCsv(filter: $f) }`;

describe('audit facets', () => {
  it("lists the distinct actions and entity types of the caller's tenant only, sorted", async () => {
    const globex = await h.signIn('admin@globex.test');
    await globex.ok(CREATE_KEY, { input: { name: 'Globex facet key', role: 'VIEWER' } });
    const acme = await h.signIn('admin@acme.test');
    const before = (await acme.ok(FACETS)).auditFacets;
    expect(before.actions).not.toContain('apiKey.create');

    await acme.ok(CREATE_KEY, { input: { name: 'Facet key', role: 'VIEWER' } });
    await acme.ok(CREATE_KEY, { input: { name: 'Facet key 2', role: 'VIEWER' } });
    const after = (await acme.ok(FACETS)).auditFacets;
    expect(after.actions.filter((a: string) => a === 'apiKey.create')).toEqual(['apiKey.create']);
    expect(after.entityTypes).toContain('ApiKey');
    expect(after.actions).toEqual([...after.actions].sort());
    expect(after.entityTypes).toEqual([...after.entityTypes].sort());
    expect((await (await h.signIn('admin@globex.test')).ok(FACETS)).auditFacets.actions).toContain('apiKey.create');
  });

  it('is for the roles that read the audit log', async () => {
    expect((await (await h.signIn('auditor@acme.test')).ok(FACETS)).auditFacets.actions.length).toBeGreaterThan(0);
    const response = await (await h.signIn('analyst@acme.test')).gql(FACETS);
    expect(response.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('audit CSV export', () => {
  it('exports the filtered log newest first, escapes formulas, and records the export', async () => {
    const admin = await h.signIn('admin@acme.test');
    await admin.ok(CREATE_KEY, { input: { name: 'Export one', role: 'VIEWER' } });
    await admin.ok(CREATE_KEY, { input: { name: '=HYPERLINK("x")', role: 'VIEWER' } });
    const auditor = await h.signIn('auditor@acme.test');
    const csv: string = (await auditor.ok(CSV, { f: { action: 'apiKey.create', actorUserId: null } })).auditEntriesCsv;
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('seq,created_at,actor_type,actor,action,entity_type,entity_id,entity_name,outcome,error_code,request_id');
    expect(lines.at(-1)).toBe('');
    const body = lines.slice(1, -1);
    expect(body.every((line) => line.includes(',user,admin@acme.test,apiKey.create,ApiKey,'))).toBe(true);
    expect(body[0]).toContain(`,"'=HYPERLINK(""x"")",success,`);
    expect(body[1]).toContain(',Export one,success,');
    const seqs = body.map((line) => Number(line.split(',')[0]));
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));

    const [entry] = await h.sql(`SELECT actor_user_id, after FROM audit_entries WHERE tenant_id = $1 AND action = 'audit.export' ORDER BY seq DESC LIMIT 1`, [
      stableUuid('tenant:acme'),
    ]);
    expect(entry).toEqual({ actor_user_id: stableUuid('user:auditor@acme.test'), after: { filter: { action: 'apiKey.create' }, rows: body.length } });
  });

  it(`stops at ${AUDIT_CSV_MAX_ROWS} rows`, async () => {
    const initech = stableUuid('tenant:initech');
    await h.sql(
      `INSERT INTO audit_entries (tenant_id, actor_type, actor_label, action, outcome, prev_hash, hash)
      SELECT $1, 'system', 'bulk', 'bulk.test', 'success', '', '' FROM generate_series(1, $2)`,
      [initech, AUDIT_CSV_MAX_ROWS + 5],
    );
    const csv: string = (await (await h.signIn('admin@initech.test')).ok(CSV, { f: { action: 'bulk.test' } })).auditEntriesCsv;
    expect(csv.split('\r\n')).toHaveLength(AUDIT_CSV_MAX_ROWS + 2);
  });

  it('is refused to roles that cannot read the log', async () => {
    for (const email of ['analyst@acme.test', 'dev@acme.test']) {
      const response = await (await h.signIn(email)).gql(CSV);
      expect(response.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
  });
});
