import { Caller, Harness, startHarness } from '../../../test/harness';
import { EncryptionKeys } from '../../auth/encryption';
import { Keyring } from '../../auth/keyring';
import { rotateDataKeys } from '../../auth/secrets-rotation';

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
    await admin.ok(SETTINGS, { input: { adminsReadPersonal: false } });
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

  it('are found by subject (name or email, any case) by those who read personal fields, and refuse it to others', async () => {
    const found = await create({ ...CANDIDATE, subjectName: 'Zebulon Findme', subjectEmail: 'zeb.findme@example.org' });
    await create();
    const BY_SUBJECT = `query($subject: String) { hrRecords(first: 50, filter: { subject: $subject }) { nodes { id subjectName } } }`;
    for (const subject of ['findme', 'ZEB.FIND', 'Zebulon'])
      expect((await hr.ok(BY_SUBJECT, { subject })).hrRecords.nodes).toEqual([{ id: found.id, subjectName: 'Zebulon Findme' }]);
    expect((await hr.ok(BY_SUBJECT, { subject: 'nobody-has-this' })).hrRecords.nodes).toEqual([]);
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
  });

  it('are re-encrypted by a rotation to a new data key, and still read after it', async () => {
    const record = await create({ ...CANDIDATE, subjectName: 'Rotated Person' });
    const old = h.services.config.dataKeys.keyring.keys[0];
    const rotated = new EncryptionKeys(new Keyring([{ kid: 'data-2', bytes: Buffer.alloc(32, 'r') }, old], 'test'));
    const report = await rotateDataKeys(h.dataSource, rotated, 2);
    expect(report.stores[0].count.reencrypted).toBe(report.stores[0].count.values);
    expect(report.stores[0].count.from['test-data']).toBeGreaterThanOrEqual(3);
    const kids = await h.sql(`SELECT DISTINCT split_part(subject_name_sealed, ':', 2) AS a, split_part(data_sealed, ':', 2) AS b FROM hr_records`);
    expect(kids).toEqual([{ a: 'data-2', b: 'data-2' }]);
    const again = await rotateDataKeys(h.dataSource, rotated, 2);
    expect(again.stores[0].count.reencrypted).toBe(0);
    // The server, given the new keyring, reads what the rotation wrote.
    (h.services.config as { dataKeys: unknown }).dataKeys = rotated;
    try {
      const seen = (await hr.ok(LIST)).hrRecords.nodes.find((r: { id: string }) => r.id === record.id);
      expect(seen.subjectName).toBe('Rotated Person');
    } finally {
      (h.services.config as { dataKeys: unknown }).dataKeys = new EncryptionKeys(new Keyring([old, rotated.keyring.keys[0]], 'test'));
    }
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
