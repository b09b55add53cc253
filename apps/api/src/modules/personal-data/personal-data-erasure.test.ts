import { Caller, Harness, startHarness } from '../../../test/harness';

const ERASE = `mutation($input: PersonalDataEraseInput!) { personalDataErase(input: $input) { erasedUserId hrRecordCount userErrors { field message code } } }`;
const VERIFY = `{ auditChainVerification { valid problem checkedCount } }`;

let h: Harness;
let admin: Caller;

beforeAll(async () => {
  h = await startHarness();
  admin = await h.signIn('admin@acme.test');
});
afterAll(() => h.close());

/** Every text and JSON column of every table (partitions through their parents), searched for `needle`, ignoring case. */
async function tracesOf(needle: string): Promise<string[]> {
  const columns: { table_name: string; column_name: string }[] = await h.sql(
    `SELECT c.table_schema || '.' || c.table_name AS table_name, c.column_name FROM information_schema.columns c
     JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
     WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema') AND c.data_type IN ('text', 'character varying', 'jsonb', 'json', 'ARRAY')`,
  );
  const found: string[] = [];
  for (const { table_name, column_name } of columns) {
    const [row] = await h.sql(`SELECT count(*)::int AS n FROM ${table_name} WHERE strpos(lower("${column_name}"::text), lower($1)) > 0`, [needle]);
    if (row.n > 0) found.push(`${table_name}.${column_name}: ${row.n}`);
  }
  return found;
}

describe('GDPR erasure', () => {
  it("leaves no trace of the person's email or name in any table, while every audit chain still verifies", async () => {
    const analyst = await h.signIn('analyst@acme.test');
    const hr = await h.signIn('hr@acme.test');
    await hr.ok(`mutation($input: HrRecordCreateInput!) { hrRecordCreate(input: $input) { userErrors { message } } }`, {
      input: {
        kind: 'PERFORMANCE',
        subjectName: 'Ana Analyst',
        subjectEmail: 'analyst@acme.test',
        data: { period: '2026-H2', rating: 4, reviewer: 'Ada Admin' },
      },
    });
    const analystId = (await analyst.ok(`{ viewer { user { id } } }`)).viewer.user.id;
    // A failed sign-in names the email in the trail; a role change names the person.
    await h.anonymous.gql(`mutation { sessionCreate(input: { email: "analyst@acme.test", password: "wrong-password-1" }) { userErrors { message } } }`);
    expect(await tracesOf('analyst@acme.test')).not.toEqual([]);
    expect(await tracesOf('Ana Analyst')).not.toEqual([]);
    expect((await admin.ok(VERIFY)).auditChainVerification).toMatchObject({ valid: true, problem: null });

    const unconfirmed = (await admin.ok(ERASE, { input: { userId: analystId, confirmEmail: 'someone@acme.test' } })).personalDataErase;
    expect(unconfirmed.userErrors).toEqual([
      { field: ['input', 'confirmEmail'], message: "Type the person's email address exactly to confirm the erasure", code: 'BAD_USER_INPUT' },
    ]);
    const erased = (await admin.ok(ERASE, { input: { userId: analystId, confirmEmail: 'Analyst@acme.test' } })).personalDataErase;
    expect(erased).toEqual({ erasedUserId: analystId, hrRecordCount: 1, userErrors: [] });

    expect(await tracesOf('analyst@acme.test')).toEqual([]);
    expect(await tracesOf('Ana Analyst')).toEqual([]);
    expect((await admin.ok(VERIFY)).auditChainVerification).toMatchObject({ valid: true, problem: null });
    const erasedEntries = await h.sql(`SELECT count(*)::int AS n FROM audit_entries WHERE erased_at IS NOT NULL`);
    expect(erasedEntries[0].n).toBeGreaterThan(0);
    // The HR record stays, about nobody nameable; the person cannot sign in.
    const records = (await hr.ok(`{ hrRecords(first: 10) { nodes { subjectName subjectEmail data } } }`)).hrRecords.nodes;
    expect(records).toContainEqual({ subjectName: 'Erased person', subjectEmail: expect.stringMatching(/^erased-.*@erased\.invalid$/), data: {} });
    const signIn = await h.anonymous.gql(`mutation { sessionCreate(input: { email: "analyst@acme.test", password: "steward-demo-2026" }) { accessToken } }`);
    expect(signIn.data?.sessionCreate?.accessToken ?? null).toBeNull();
  });

  it('keeps audit entries immutable but for erasure, and a changed personal field breaks verification', async () => {
    await expect(h.sql(`UPDATE audit_entries SET action = 'x' WHERE seq = 1`)).rejects.toThrow(/append-only/);
    const [entry] = await h.sql(
      `SELECT a.id FROM audit_entries a JOIN tenants t ON t.id = a.tenant_id WHERE t.slug = 'acme' AND a.erased_at IS NULL AND a.entity_name IS NOT NULL ORDER BY seq DESC LIMIT 1`,
    );
    await expect(h.sql(`UPDATE audit_entries SET entity_name = 'forged' WHERE id = $1`, [entry.id])).rejects.toThrow(/append-only/);
    // Tampering that bypasses the trigger (as the owner) shows in verification.
    await h.sql(`ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_no_update`);
    try {
      await h.sql(`UPDATE audit_entries SET entity_name = 'forged' WHERE id = $1`, [entry.id]);
    } finally {
      await h.sql(`ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_no_update`);
    }
    expect((await admin.ok(VERIFY)).auditChainVerification).toMatchObject({ valid: false, problem: 'personal content does not match its digest' });
  });

  it('refuses non-admins, oneself, and people who are members of other tenants too', async () => {
    const viewer = await h.signIn('viewer@acme.test');
    const viewerId = (await viewer.ok(`{ viewer { user { id } } }`)).viewer.user.id;
    expect((await viewer.gql(ERASE, { input: { userId: viewerId, confirmEmail: 'viewer@acme.test' } })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const adminId = (await admin.ok(`{ viewer { user { id } } }`)).viewer.user.id;
    expect((await admin.ok(ERASE, { input: { userId: adminId, confirmEmail: 'admin@acme.test' } })).personalDataErase.userErrors[0].message).toMatch(
      /cannot erase yourself/,
    );
    const consultantId = (await (await h.signIn('consultant@steward.test', 'acme')).ok(`{ viewer { user { id } } }`)).viewer.user.id;
    const consultant = (await admin.ok(ERASE, { input: { userId: consultantId, confirmEmail: 'consultant@steward.test' } })).personalDataErase;
    expect(consultant.userErrors).toEqual([
      { field: ['input', 'userId'], message: 'This person is a member of other tenants too: a platform admin erases them', code: 'CONFLICT' },
    ]);
    expect(await h.sql(`SELECT full_name FROM users WHERE email = 'consultant@steward.test'`)).toEqual([{ full_name: 'Casey Consultant' }]);
  });
});
