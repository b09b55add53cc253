import { Caller, Harness, startHarness } from '../../../test/harness';
import { stableUuid } from '../../db/seed/deterministic';
import { parseGlobalId, toGlobalId } from '../../graphql/global-id';
import { subjectLookup } from '../hr-records';

const ERASE = `mutation($input: PersonalDataEraseInput!) { personalDataErase(input: $input) { erasedUserId hrRecordCount userErrors { field message code } } }`;
const VERIFY = `{ auditChainVerification { valid problem checkedCount } }`;

let h: Harness;
let admin: Caller;

beforeAll(async () => {
  h = await startHarness();
  admin = await h.signIn('admin@acme.test');
});
afterAll(() => h.close());

/**
 * Every text, JSON (keys and values: jsonb prints both), array and binary column of every table (partitions through
 * their parents), searched for `needle`, ignoring case. Binary content is read in its escape form (printable ASCII as
 * is, other bytes as octal escapes) and searched for the needle's UTF-8 bytes escaped the same way.
 */
async function tracesOf(needle: string): Promise<string[]> {
  const columns: { table_name: string; column_name: string; data_type: string }[] = await h.sql(
    `SELECT c.table_schema || '.' || c.table_name AS table_name, c.column_name, c.data_type FROM information_schema.columns c
     JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
     WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema') AND c.data_type IN ('text', 'character varying', 'jsonb', 'json', 'ARRAY', 'bytea')`,
  );
  const found: string[] = [];
  for (const { table_name, column_name, data_type } of columns) {
    const column = `"${column_name}"`;
    const [row] = await h.sql(
      data_type === 'bytea'
        ? `SELECT count(*)::int AS n FROM ${table_name} WHERE strpos(lower(encode(${column}, 'escape')), lower(encode(convert_to($1, 'UTF8'), 'escape'))) > 0`
        : `SELECT count(*)::int AS n FROM ${table_name} WHERE strpos(lower(${column}::text), lower($1)) > 0`,
      [needle],
    );
    if (row.n > 0) found.push(`${table_name}.${column_name}: ${row.n}`);
  }
  return found;
}

/** Traces the seed does not leave: other spellings of the person in a JSON key, a text array, free text and an evidence file. */
async function plantTraces(): Promise<{ evidenceId: string }> {
  await h.sql(
    `UPDATE agents SET configuration = configuration || jsonb_build_object('ANALYST@Acme.test', jsonb_build_object('owner', 'ana ANALYST'))
     WHERE id = (SELECT a.id FROM agents a JOIN tenants t ON t.id = a.tenant_id WHERE t.slug = 'acme' ORDER BY a.id LIMIT 1)`,
  );
  await h.sql(
    `UPDATE policies SET description = 'Reviewed by ANA ANALYST (Analyst@ACME.test) every week'
     WHERE id = (SELECT p.id FROM policies p JOIN tenants t ON t.id = p.tenant_id WHERE t.slug = 'acme' ORDER BY p.id LIMIT 1)`,
  );
  const [evidence] = await h.sql(
    `WITH c AS (SELECT c.id, c.tenant_id FROM compliance_controls c JOIN tenants t ON t.id = c.tenant_id WHERE t.slug = 'acme' ORDER BY c.id LIMIT 1),
     e AS (INSERT INTO compliance_evidence (tenant_id, control_id, kind, title, file_name, content_type, size_bytes, sha256)
       SELECT c.tenant_id, c.id, 'file', 'Access review', 'review.txt', 'text/plain', length($1::bytea), encode(sha256($1::bytea), 'hex') FROM c RETURNING id, tenant_id)
     INSERT INTO compliance_evidence_files (evidence_id, tenant_id, content) SELECT id, tenant_id, $1::bytea FROM e RETURNING evidence_id`,
    [Buffer.from('Access review\n\x00\xff signed: Ana Analyst <analyst@acme.test>\n', 'latin1')],
  );
  return { evidenceId: evidence.evidence_id };
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
    const { evidenceId } = await plantTraces();
    const before = await tracesOf('analyst@acme.test');
    expect(before).toEqual(
      expect.arrayContaining([expect.stringMatching(/agents\.configuration/), expect.stringMatching(/compliance_evidence_files\.content/)]),
    );
    expect(await tracesOf('Ana Analyst')).toEqual(expect.arrayContaining([expect.stringMatching(/policies\.description/)]));
    expect((await admin.ok(VERIFY)).auditChainVerification).toMatchObject({ valid: true, problem: null });

    const unconfirmed = (await admin.ok(ERASE, { input: { userId: analystId, confirmEmail: 'someone@acme.test' } })).personalDataErase;
    expect(unconfirmed.userErrors).toEqual([
      { field: ['input', 'confirmEmail'], message: "Type the person's email address exactly to confirm the erasure", code: 'BAD_USER_INPUT' },
    ]);
    const erased = (await admin.ok(ERASE, { input: { userId: analystId, confirmEmail: 'Analyst@acme.test' } })).personalDataErase;
    expect(erased).toEqual({ erasedUserId: analystId, hrRecordCount: 1, userErrors: [] });

    expect(await tracesOf('analyst@acme.test')).toEqual([]);
    expect(await tracesOf('Ana Analyst')).toEqual([]);
    // Pseudonyms replace every spelling; the evidence file's checksum and size follow its new content.
    const [policy] = await h.sql(`SELECT description FROM policies WHERE description LIKE 'Reviewed by %'`);
    expect(policy.description).toMatch(/^Reviewed by Erased person \(erased-.*@erased\.invalid\) every week$/);
    const [file] = await h.sql(
      `SELECT convert_from(substring(f.content from 17), 'UTF8') AS text, e.sha256 = encode(sha256(f.content), 'hex') AS checksummed, e.size_bytes = length(f.content) AS sized
       FROM compliance_evidence_files f JOIN compliance_evidence e ON e.id = f.evidence_id WHERE f.evidence_id = $1`,
      [evidenceId],
    );
    expect(file).toEqual({ text: expect.stringMatching(/^ signed: Erased person <erased-.*@erased\.invalid>\n$/), checksummed: true, sized: true });
    expect((await admin.ok(VERIFY)).auditChainVerification).toMatchObject({ valid: true, problem: null });
    const erasedEntries = await h.sql(`SELECT count(*)::int AS n FROM audit_entries WHERE erased_at IS NOT NULL`);
    expect(erasedEntries[0].n).toBeGreaterThan(0);
    // The blind index of their HR record holds none of their hashes any more: it follows the pseudonym.
    const keys = h.services.config.dataKeys;
    const [{ id: acme }] = await h.sql(`SELECT id FROM tenants WHERE slug = 'acme'`);
    const theirs = ['ana analyst', 'ana', 'analyst'].flatMap((term) => subjectLookup(keys, acme, 'name', term));
    expect(
      await h.sql(`SELECT id FROM hr_records WHERE subject_email_index = ANY($1::text[]) OR subject_name_index && $2::text[]`, [
        subjectLookup(keys, acme, 'email', 'analyst@acme.test'),
        theirs,
      ]),
    ).toEqual([]);
    const pseudonymised = await h.sql(`SELECT id FROM hr_records WHERE subject_email_index = ANY($1::text[])`, [
      subjectLookup(keys, acme, 'email', `erased-${parseGlobalId(analystId)!.id}@erased.invalid`),
    ]);
    expect(pseudonymised).toHaveLength(1);
    // The HR record stays, about nobody nameable; the person cannot sign in.
    const records = (await hr.ok(`{ hrRecords(first: 10) { nodes { subjectName subjectEmail data } } }`)).hrRecords.nodes;
    expect(records).toContainEqual({ subjectName: 'Erased person', subjectEmail: expect.stringMatching(/^erased-.*@erased\.invalid$/), data: {} });
    const signIn = await h.anonymous.gql(`mutation { sessionCreate(input: { email: "analyst@acme.test", password: "steward-demo-2026" }) { accessToken } }`);
    expect(signIn.data?.sessionCreate?.accessToken ?? null).toBeNull();
  });

  it('erases a removed member too (they are still restorable), leaving nothing to restore', async () => {
    const userId = stableUuid('user:compliance2@acme.test');
    const membershipId = toGlobalId('Membership', stableUuid('membership:acme:compliance2@acme.test'));
    const removed = await admin.ok(`mutation($input: MembershipRemoveInput!) { membershipRemove(input: $input) { userErrors { message } } }`, {
      input: { membershipId },
    });
    expect(removed.membershipRemove.userErrors).toEqual([]);
    const erased = (await admin.ok(ERASE, { input: { userId: toGlobalId('User', userId), confirmEmail: 'COMPLIANCE2@acme.test' } })).personalDataErase;
    expect(erased).toMatchObject({ erasedUserId: toGlobalId('User', userId), userErrors: [] });
    expect(await tracesOf('compliance2@acme.test')).toEqual([]);
    expect(await tracesOf('Colin Checker')).toEqual([]);
    expect(await h.sql(`SELECT 1 FROM deleted_memberships WHERE user_id = $1`, [userId])).toHaveLength(0);
    expect((await admin.ok(`{ recentlyDeleted(first: 100) { nodes { id } } }`)).recentlyDeleted.nodes).not.toContainEqual({ id: membershipId });
    expect((await admin.ok(VERIFY)).auditChainVerification).toMatchObject({ valid: true, problem: null });
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
