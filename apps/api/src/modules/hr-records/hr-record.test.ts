import { createHash, createHmac, randomUUID } from 'node:crypto';
import { Caller, Harness, startHarness } from '../../../test/harness';
import { EncryptionKeys } from '../../auth/encryption';
import { Keyring } from '../../auth/keyring';
import { rotateDataKeys } from '../../auth/secrets-rotation';
import { startSteward } from '../../app';
import { subjectLookup } from './hr-record.index';
import { indexHrRecordSubjects } from './hr-record.keys';
import { sealPersonal } from './hr-record.personal';
import { SUBJECT_LOOKUP_SQL, subjectLookupParams } from './hr-record.subjects';

const FIELDS = `id kind status subjectName subjectEmail data aiInsights personalFieldsVisible createdBy { fullName }`;
const CREATE = `mutation($input: HrRecordCreateInput!) { hrRecordCreate(input: $input) { record { ${FIELDS} } userErrors { field message code } } }`;
const UPDATE = `mutation($input: HrRecordUpdateInput!) { hrRecordUpdate(input: $input) { record { ${FIELDS} } userErrors { field message code } } }`;
const LIST = `{ hrRecords(first: 50) { nodes { ${FIELDS} } } }`;
const INSIGHTS = `mutation($input: HrRecordInsightsSetInput!) { hrRecordInsightsSet(input: $input) { record { id aiInsights } userErrors { field message code } } }`;
const SETTINGS = `mutation($input: HrSettingsUpdateInput!) { hrSettingsUpdate(input: $input) { settings { adminsReadPersonal } userErrors { message } } }`;

const CANDIDATE = {
  kind: 'CANDIDATE',
  subjectName: 'Rosalind Quimby',
  subjectEmail: 'rosalind.quimby@example.org',
  data: { position: 'Staff engineer', stage: 'interview', salaryExpectation: 185000 },
};

let h: Harness;
let hr: Caller;
let admin: Caller;
let analyst: Caller;
let globex: Caller;

beforeAll(async () => {
  h = await startHarness();
  hr = await h.signIn('hr@acme.test');
  admin = await h.signIn('admin@acme.test');
  analyst = await h.signIn('analyst@acme.test');
  globex = await h.signIn('admin@globex.test');
});
afterAll(() => h.close());

async function create(input: Record<string, unknown> = CANDIDATE) {
  const payload = (await hr.ok(CREATE, { input })).hrRecordCreate;
  expect(payload.userErrors).toEqual([]);
  return payload.record;
}

const uuidOf = (id: string) => Buffer.from(id, 'base64url').toString().split(':')[1];
const tenantId = async (slug: string): Promise<string> => (await h.sql(`SELECT id FROM tenants WHERE slug = $1`, [slug]))[0].id;
const BY_SUBJECT_IDS = `query($subject: String) { hrRecords(first: 100, filter: { subject: $subject }) { nodes { id } } }`;
const idsBySubject = async (subject: string): Promise<string[]> =>
  (await hr.ok(BY_SUBJECT_IDS, { subject })).hrRecords.nodes.map((r: { id: string }) => r.id).sort();

const readEvents = (recordUuid?: string) =>
  h.sql(
    `SELECT a.actor_user_id, u.email, a.action, a.entity_id, a.after, a.request_id FROM audit_entries a LEFT JOIN users u ON u.id = a.actor_user_id
     WHERE a.action = 'hr_record.read_personal' ${recordUuid ? `AND a.after::text LIKE '%${recordUuid}%'` : ''} ORDER BY a.seq`,
  );

describe('HR records', () => {
  it('are created by an HR manager, who reads the personal fields; an analyst sees the record without them', async () => {
    const record = await create();
    expect(record).toMatchObject({ status: 'PENDING', ...CANDIDATE, personalFieldsVisible: true, createdBy: { fullName: 'Hana Hughes' } });
    const seen = (await analyst.ok(LIST)).hrRecords.nodes.find((r: { id: string }) => r.id === record.id);
    expect(seen).toMatchObject({ kind: 'CANDIDATE', status: 'PENDING', subjectName: null, subjectEmail: null, data: null, personalFieldsVisible: false });
    const response = await analyst.gql(LIST);
    expect(response.errors).toBeUndefined();
  });

  it('are written by HR managers only, and by nobody in another tenant', async () => {
    const refused = await analyst.gql(CREATE, { input: CANDIDATE });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const record = await create();
    const elsewhere = (await globex.ok(LIST)).hrRecords.nodes.map((r: { id: string }) => r.id);
    expect(elsewhere).not.toContain(record.id);
    const update = await globex.gql(UPDATE, { input: { recordId: record.id, subjectName: 'Someone else' } });
    expect(update.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const activate = `mutation($input: HrRecordStatusInput!) { hrRecordActivate(input: $input) { record { status subjectName } userErrors { message code } } }`;
    expect((await globex.gql(activate, { input: { recordId: record.id } })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await hr.ok(activate, { input: { recordId: record.id } })).hrRecordActivate).toEqual({
      record: { status: 'ACTIVE', subjectName: CANDIDATE.subjectName },
      userErrors: [],
    });
    expect((await hr.ok(activate, { input: { recordId: record.id } })).hrRecordActivate.userErrors).toEqual([
      { message: 'The record is already active', code: 'CONFLICT' },
    ]);
    const changed = (await hr.ok(UPDATE, { input: { recordId: record.id, subjectEmail: 'r.quimby@example.org' } })).hrRecordUpdate;
    expect(changed.record).toMatchObject({ subjectName: CANDIDATE.subjectName, subjectEmail: 'r.quimby@example.org', data: CANDIDATE.data });
  });

  it('validate data against the JSON schema of their kind, naming what is wrong', async () => {
    const bad = (
      await hr.ok(CREATE, {
        input: { kind: 'PERFORMANCE', subjectName: 'Rosalind Quimby', subjectEmail: 'not-an-email', data: { period: '2026-H2', rating: 9, mood: 'fine' } },
      })
    ).hrRecordCreate;
    expect(bad.record).toBeNull();
    expect(bad.userErrors).toEqual(
      expect.arrayContaining([
        { field: ['input', 'subjectEmail'], message: 'subjectEmail must be an email address such as name@example.com', code: 'BAD_USER_INPUT' },
        { field: ['input', 'data'], message: 'data has no field "mood" (schema of PERFORMANCE records)', code: 'BAD_USER_INPUT' },
        { field: ['input', 'data'], message: 'data.rating must be <= 5 (schema of PERFORMANCE records)', code: 'BAD_USER_INPUT' },
      ]),
    );
    const missing = (await hr.ok(CREATE, { input: { ...CANDIDATE, kind: 'EMPLOYEE', data: { title: 'Engineer' } } })).hrRecordCreate;
    expect(missing.userErrors).toEqual([{ field: ['input', 'data'], message: 'data needs "startDate" (schema of EMPLOYEE records)', code: 'BAD_USER_INPUT' }]);
    expect(await h.sql(`SELECT count(*)::int AS n FROM hr_records WHERE kind IN ('performance', 'employee')`)).toEqual([{ n: 0 }]);
  });

  it('show admins the personal fields only when the tenant allows it', async () => {
    const record = await create();
    const before = (await admin.ok(LIST)).hrRecords.nodes.find((r: { id: string }) => r.id === record.id);
    expect(before).toMatchObject({ subjectName: null, subjectEmail: null, data: null, personalFieldsVisible: false });
    expect((await hr.gql(SETTINGS, { input: { adminsReadPersonal: true } })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await admin.ok(SETTINGS, { input: { adminsReadPersonal: true } })).hrSettingsUpdate.settings).toEqual({ adminsReadPersonal: true });
    const after = (await admin.ok(LIST)).hrRecords.nodes.find((r: { id: string }) => r.id === record.id);
    expect(after).toMatchObject({ subjectName: CANDIDATE.subjectName, subjectEmail: CANDIDATE.subjectEmail, personalFieldsVisible: true });
    // HR managers are told the setting (not changing it); members who do not read personal fields are not.
    const READ = `{ hrSettings { adminsReadPersonal } }`;
    expect((await hr.ok(READ)).hrSettings).toEqual({ adminsReadPersonal: true });
    expect((await analyst.gql(READ)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    await admin.ok(SETTINGS, { input: { adminsReadPersonal: false } });
    expect((await hr.ok(READ)).hrSettings).toEqual({ adminsReadPersonal: false });
    expect((await admin.ok(LIST)).hrRecords.nodes.find((r: { id: string }) => r.id === record.id).subjectName).toBeNull();
    // Each change is in the tenant's audit trail, by whom, from what to what; the HR manager's refusal changed nothing.
    const changes = await h.sql(
      `SELECT u.email, a.entity_type, a.before, a.after FROM audit_entries a JOIN users u ON u.id = a.actor_user_id
       WHERE a.action = 'hr_settings.update' AND a.tenant_id = (SELECT id FROM tenants WHERE slug = 'acme') ORDER BY a.seq`,
    );
    expect(changes).toEqual([
      { email: 'admin@acme.test', entity_type: 'Tenant', before: { adminsReadPersonal: false }, after: { adminsReadPersonal: true } },
      { email: 'admin@acme.test', entity_type: 'Tenant', before: { adminsReadPersonal: true }, after: { adminsReadPersonal: false } },
    ]);
  });

  it('are found by subject (email, full name or a word of it, any case) by those who read personal fields, and refuse it to others', async () => {
    const found = await create({ ...CANDIDATE, subjectName: 'Zebulon Findme', subjectEmail: 'zeb.findme@example.org' });
    await create();
    const BY_SUBJECT = `query($subject: String) { hrRecords(first: 50, filter: { subject: $subject }) { nodes { id subjectName } } }`;
    for (const subject of ['findme', 'ZEBULON', '  zebulon   FINDME ', 'Zeb.Findme@Example.org'])
      expect((await hr.ok(BY_SUBJECT, { subject })).hrRecords.nodes).toEqual([{ id: found.id, subjectName: 'Zebulon Findme' }]);
    // The blind index matches whole values: parts of words and of the email do not (docs/hr-records.md).
    for (const subject of ['nobody-has-this', 'findm', 'zeb.find', 'example.org']) expect((await hr.ok(BY_SUBJECT, { subject })).hrRecords.nodes).toEqual([]);
    const refused = await analyst.gql(BY_SUBJECT, { subject: 'findme' });
    expect(refused.errors?.[0]).toMatchObject({ message: expect.stringMatching(/Filtering by subject needs access/), extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('publish the JSON schema of each kind to every member, for forms', async () => {
    const { hrRecordDataSchemas } = await analyst.ok(`{ hrRecordDataSchemas { kind schema } }`);
    expect(hrRecordDataSchemas.map((s: { kind: string }) => s.kind)).toEqual(['CANDIDATE', 'EMPLOYEE', 'PERFORMANCE']);
    expect(hrRecordDataSchemas[2].schema).toMatchObject({ required: ['period', 'rating'], properties: { rating: { type: 'integer', maximum: 5 } } });
  });

  it('take AI insights from partner apps with an API key, not from people', async () => {
    const record = await create();
    const key = (
      await admin.ok(`mutation($input: ApiKeyCreateInput!) { apiKeyCreate(input: $input) { secret userErrors { message } } }`, {
        input: { name: 'Screening AI', role: 'HR_MANAGER' },
      })
    ).apiKeyCreate;
    expect(key.userErrors).toEqual([]);
    const insights = { fit: 0.82, summary: 'Strong systems background' };
    const byPerson = (await hr.ok(INSIGHTS, { input: { recordId: record.id, insights } })).hrRecordInsightsSet;
    expect(byPerson.userErrors[0]).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/partner apps with an API key/) });
    const byApp = (await h.apiKey(key.secret).ok(INSIGHTS, { input: { recordId: record.id, insights } })).hrRecordInsightsSet;
    expect(byApp).toEqual({ record: { id: record.id, aiInsights: insights }, userErrors: [] });
    expect((await analyst.ok(LIST)).hrRecords.nodes.find((r: { id: string }) => r.id === record.id).aiInsights).toEqual(insights);
  });
});

describe('HR personal fields at rest', () => {
  it('are encrypted: the raw columns hold no plaintext, and each names its data key', async () => {
    const record = await create({ ...CANDIDATE, subjectName: 'Thaddeus Plaintextcheck', subjectEmail: 'thaddeus.plain@example.org' });
    const uuid = Buffer.from(record.id, 'base64url').toString().split(':')[1];
    const [row] = await h.sql(`SELECT to_jsonb(r)::text AS raw, subject_name_sealed, subject_email_sealed, data_sealed FROM hr_records r WHERE id = $1`, [
      uuid,
    ]);
    for (const plain of ['Thaddeus', 'Plaintextcheck', 'thaddeus.plain', 'example.org', 'Staff engineer', '185000']) expect(row.raw).not.toContain(plain);
    for (const sealed of [row.subject_name_sealed, row.subject_email_sealed, row.data_sealed]) expect(sealed).toMatch(/^v2:test-data:/);
    // The blind index is keyed hashes under the data key's id, not a plain hash anyone could compute from a guessed email.
    const [index] = await h.sql(`SELECT subject_email_index, subject_name_index FROM hr_records WHERE id = $1`, [uuid]);
    expect(index.subject_name_index).toHaveLength(3);
    for (const hash of [index.subject_email_index, ...index.subject_name_index]) expect(hash).toMatch(/^test-data:[\w-]{43}$/);
    // Nor the HMAC under the data key itself: the index key is derived from it.
    const dataKey = h.services.config.dataKeys.keyring.current;
    const underDataKey = createHmac('sha256', dataKey.bytes)
      .update(`hr_records:${await tenantId('acme')}:email:thaddeus.plain@example.org`)
      .digest('base64url');
    expect(index.subject_email_index).not.toBe(`${dataKey.kid}:${underDataKey}`);
    expect(index.subject_email_index).toBe(subjectLookup(h.services.config.dataKeys, await tenantId('acme'), 'email', 'Thaddeus.Plain@example.org')[0]);
    for (const plain of ['thaddeus.plain@example.org', 'thaddeus plaintextcheck', 'thaddeus']) {
      const unkeyed = createHash('sha256').update(plain);
      const digest = unkeyed.digest();
      for (const form of [digest.toString('hex'), digest.toString('base64url'), digest.toString('base64')]) expect(row.raw).not.toContain(form);
    }
  });

  it('are re-encrypted by a rotation to a new data key, and still read and found by subject before, during and after it', async () => {
    const record = await create({ ...CANDIDATE, subjectName: 'Rotated Person', subjectEmail: 'rotated.person@example.org' });
    const old = h.services.config.dataKeys.keyring.keys[0];
    const rotated = new EncryptionKeys(new Keyring([{ kid: 'data-2', bytes: Buffer.alloc(32, 'r') }, old], 'test'));
    // The new key first, the rotation not yet run: the index is still under the former key, and lookups still find it.
    (h.services.config as { dataKeys: unknown }).dataKeys = rotated;
    try {
      expect(await idsBySubject('Rotated.Person@example.org')).toEqual([record.id]);
    } finally {
      (h.services.config as { dataKeys: unknown }).dataKeys = new EncryptionKeys(new Keyring([old], 'test'));
    }
    const report = await rotateDataKeys(h.dataSource, rotated, 2);
    expect(report.stores[0].count.reencrypted).toBe(report.stores[0].count.values);
    expect(report.stores[0].count.from['test-data']).toBeGreaterThanOrEqual(3);
    const kids = await h.sql(`SELECT DISTINCT split_part(subject_name_sealed, ':', 2) AS a, split_part(data_sealed, ':', 2) AS b FROM hr_records`);
    expect(kids).toEqual([{ a: 'data-2', b: 'data-2' }]);
    const indexKids = await h.sql(
      `SELECT DISTINCT split_part(subject_email_index, ':', 1) AS e, split_part(n, ':', 1) AS n FROM hr_records, unnest(subject_name_index) n`,
    );
    expect(indexKids).toEqual([{ e: 'data-2', n: 'data-2' }]);
    const again = await rotateDataKeys(h.dataSource, rotated, 2);
    expect(again.stores[0].count.reencrypted).toBe(0);
    // The server, given the new keyring, reads what the rotation wrote.
    (h.services.config as { dataKeys: unknown }).dataKeys = rotated;
    try {
      const seen = (await hr.ok(LIST)).hrRecords.nodes.find((r: { id: string }) => r.id === record.id);
      expect(seen.subjectName).toBe('Rotated Person');
      expect(await idsBySubject('rotated')).toEqual([record.id]);
    } finally {
      (h.services.config as { dataKeys: unknown }).dataKeys = new EncryptionKeys(new Keyring([old, rotated.keyring.keys[0]], 'test'));
    }
    // Back on the former key first (it keeps the new one to open with): rows indexed under either are found.
    expect(await idsBySubject('ROTATED.person@example.org')).toEqual([record.id]);
    const after = await create({ ...CANDIDATE, subjectName: 'Rotated Person', subjectEmail: 'rotated.person@example.org' });
    expect(await idsBySubject('rotated person')).toEqual([record.id, after.id].sort());
  });
});

describe('reads of HR personal fields', () => {
  it('are audited per field, one entry per request naming who, what and the request id; denied reads write none', async () => {
    const record = await create();
    const uuid = Buffer.from(record.id, 'base64url').toString().split(':')[1];
    for (const field of ['subjectName', 'subjectEmail', 'data']) {
      const eventsBefore = (await readEvents(uuid)).length;
      const response = await hr.gql(`query($id: ID!) { node(id: $id) { ... on HrRecord { ${field} } } }`, { id: record.id });
      expect(response.errors).toBeUndefined();
      const events = await readEvents(uuid);
      expect(events.length).toBe(eventsBefore + 1);
      expect(events.at(-1)).toMatchObject({ email: 'hr@acme.test', entity_id: uuid, after: { read: [{ id: uuid, fields: [field] }] } });
      expect(events.at(-1).request_id).toMatch(/./);
      expect(events.at(-1).request_id).toBe(response.headers.get('x-request-id'));
    }
    const all = await readEvents();
    await analyst.ok(LIST);
    expect((await readEvents()).length).toBe(all.length);
  });

  it('write one entry for a whole page, whatever its size', async () => {
    for (let i = 0; i < 3; i += 1) await create();
    const before = (await readEvents()).length;
    const page = (await hr.ok(LIST)).hrRecords.nodes;
    expect(page.length).toBeGreaterThanOrEqual(4);
    const events = await readEvents();
    expect(events.length).toBe(before + 1);
    expect(events.at(-1).after.read).toHaveLength(page.length);
    expect(events.at(-1).entity_id).toBeNull();
  });
});

describe('finding HR records by subject (blind index)', () => {
  const PERSON = { subjectName: 'Quentin Blindindex', subjectEmail: 'quentin.blind@example.org' };

  it("finds exactly the person's records, in any case, never another tenant's, without opening any record", async () => {
    const keys = h.services.config.dataKeys;
    const mine = [
      await create({ ...CANDIDATE, ...PERSON }),
      await create({
        kind: 'PERFORMANCE',
        subjectName: ' quentin  BLINDINDEX',
        subjectEmail: 'Quentin.Blind@Example.org ',
        data: { period: '2026-H2', rating: 3 },
      }),
    ];
    for (let i = 0; i < 12; i += 1) await create({ ...CANDIDATE, subjectName: `Quentina Other${i}`, subjectEmail: `quentin.blind${i}@example.org` });
    // The same person in another tenant, written without an index (as before the migration), then indexed as at startup.
    const globexRecord = randomUUID();
    const sealed = sealPersonal(keys, globexRecord, { ...PERSON, data: {} });
    await h.sql(
      `INSERT INTO hr_records (id, tenant_id, kind, subject_name_sealed, subject_email_sealed, data_sealed) VALUES ($1, $2, 'candidate', $3, $4, $5)`,
      [globexRecord, await tenantId('globex'), sealed.subjectName, sealed.subjectEmail, sealed.data],
    );
    expect(await indexHrRecordSubjects(h.dataSource.manager, keys)).toEqual({ indexed: 1, unreadable: 0 });

    const opened = jest.spyOn(keys, 'open');
    try {
      const expected = mine.map((r) => r.id).sort();
      for (const subject of ['quentin.blind@example.org', 'QUENTIN.BLIND@EXAMPLE.ORG', 'Quentin Blindindex', 'blindindex', 'quentin'])
        expect(await idsBySubject(subject)).toEqual(expected);
      expect(opened).not.toHaveBeenCalled();
    } finally {
      opened.mockRestore();
    }
    // The same email hashes differently per tenant: the index does not link a person across tenants.
    const rows = await h.sql(`SELECT tenant_id, subject_email_index FROM hr_records WHERE id = ANY($1::uuid[])`, [[globexRecord, uuidOf(mine[0].id)]]);
    expect(new Set(rows.map((r: { subject_email_index: string }) => r.subject_email_index)).size).toBe(2);
    expect(rows.map((r: { tenant_id: string }) => r.tenant_id).sort()).toEqual([await tenantId('acme'), await tenantId('globex')].sort());
  });

  it('stays right for records not indexed yet, opening only those, until the startup indexing covers them', async () => {
    const keys = h.services.config.dataKeys;
    const record = await create({ ...CANDIDATE, subjectName: 'Pending Person', subjectEmail: 'pending.person@example.org' });
    const uuid = uuidOf(record.id);
    await h.sql(`UPDATE hr_records SET subject_email_index = NULL, subject_name_index = NULL WHERE id = $1`, [uuid]);
    const opened = jest.spyOn(keys, 'open');
    try {
      expect(await idsBySubject('Pending.Person@example.org')).toEqual([record.id]);
      expect(await idsBySubject('pending')).toEqual([record.id]);
      expect(await idsBySubject('pending.person')).toEqual([]);
      expect(opened).toHaveBeenCalled();
      expect(opened.mock.calls.filter(([context]) => !context.startsWith(`hr_records:${uuid}:`))).toEqual([]);
      expect(await indexHrRecordSubjects(h.dataSource.manager, keys)).toEqual({ indexed: 1, unreadable: 0 });
      opened.mockClear();
      expect(await idsBySubject('pending person')).toEqual([record.id]);
      expect(opened).not.toHaveBeenCalled();
    } finally {
      opened.mockRestore();
    }
  });

  it('is built by the API when it starts, before it serves, for records written without it', async () => {
    const record = await create({ ...CANDIDATE, subjectName: 'Startup Person', subjectEmail: 'startup.person@example.org' });
    const uuid = uuidOf(record.id);
    await h.sql(`UPDATE hr_records SET subject_email_index = NULL, subject_name_index = NULL WHERE id = $1`, [uuid]);
    const jobs = process.env.STEWARD_JOBS;
    process.env.STEWARD_JOBS = 'off';
    try {
      // Its own copy of the mail settings: a start without SMTP_URL fills them in with a receiver of its own.
      const steward = await startSteward({ ...h.services.config, mail: { ...h.services.config.mail }, port: 0 }, { seed: false });
      await steward.stop();
    } finally {
      if (jobs === undefined) delete process.env.STEWARD_JOBS;
      else process.env.STEWARD_JOBS = jobs;
    }
    const [row] = await h.sql(`SELECT subject_email_index, subject_name_index FROM hr_records WHERE id = $1`, [uuid]);
    expect(row.subject_email_index).toBe(subjectLookup(h.services.config.dataKeys, await tenantId('acme'), 'email', 'startup.person@example.org')[0]);
    expect(row.subject_name_index).toHaveLength(3);
  });

  it('follows changes of the subject, and leaves an unreadable row unindexed without failing', async () => {
    const record = await create({ ...CANDIDATE, subjectName: 'Before Rename', subjectEmail: 'before.rename@example.org' });
    const changed = (await hr.ok(UPDATE, { input: { recordId: record.id, subjectName: 'After Rename', subjectEmail: 'after.rename@example.org' } }))
      .hrRecordUpdate;
    expect(changed.userErrors).toEqual([]);
    expect(await idsBySubject('before.rename@example.org')).toEqual([]);
    expect(await idsBySubject('before')).toEqual([]);
    expect(await idsBySubject('after.rename@example.org')).toEqual([record.id]);
    expect(await idsBySubject('after rename')).toEqual([record.id]);
    // Only the data changes: the subject's index stays as it was.
    await hr.ok(UPDATE, { input: { recordId: record.id, data: { position: 'Principal engineer', stage: 'offer' } } });
    expect(await idsBySubject('after.rename@example.org')).toEqual([record.id]);
    const broken = randomUUID();
    await h.sql(
      `INSERT INTO hr_records (id, tenant_id, kind, subject_name_sealed, subject_email_sealed, data_sealed) VALUES ($1, $2, 'candidate', 'v2:gone:a:b:c', 'v2:gone:a:b:c', 'v2:gone:a:b:c')`,
      [broken, await tenantId('globex')],
    );
    expect(await indexHrRecordSubjects(h.dataSource.manager, h.services.config.dataKeys)).toEqual({ indexed: 0, unreadable: 1 });
    await h.sql(`DELETE FROM hr_records WHERE id = $1`, [broken]);
  });

  it('is one statement on the index columns, which PostgreSQL answers from the indexes', async () => {
    const keys = h.services.config.dataKeys;
    const acme = await tenantId('acme');
    const params = subjectLookupParams(keys, acme, ['email', 'name'], 'Quentin');
    expect(params).toEqual([acme, subjectLookup(keys, acme, 'email', 'quentin'), subjectLookup(keys, acme, 'name', 'QUENTIN')]);
    expect(SUBJECT_LOOKUP_SQL).not.toMatch(/sealed\s*(=|LIKE|ILIKE)/i);
    // At a realistic size (3,000 more records, rolled back), PostgreSQL reads only the index entries of the hashes asked for.
    const runner = h.dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      await runner.query(
        `INSERT INTO hr_records (tenant_id, kind, subject_name_sealed, subject_email_sealed, data_sealed, subject_email_index, subject_name_index)
         SELECT $1, 'candidate', 'v2:x:a:b:c', 'v2:x:a:b:c', 'v2:x:a:b:c', 'test-data:' || md5(i::text), ARRAY['test-data:' || md5('n' || i)] FROM generate_series(1, 3000) i`,
        [acme],
      );
      await runner.query(`ANALYZE hr_records`);
      const plan = JSON.stringify(await runner.query(`EXPLAIN (FORMAT JSON) ${SUBJECT_LOOKUP_SQL}`, params));
      expect(plan).toContain('"Index Name":"hr_records_subject_email_index"');
      expect(plan).toContain('"Index Name":"hr_records_subject_name_index"');
      expect(plan).not.toMatch(/Seq Scan|hr_records_tenant_created|hr_records_pkey/);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
