import { strFromU8, unzipSync } from 'fflate';
import { Caller, Harness, startHarness } from '../../../test/harness';

const START = `mutation($input: PersonalDataExportStartInput!) { personalDataExportStart(input: $input) {
  export { id status progress downloadPath subject { email } requestedBy { email } } userErrors { field message code } } }`;
const LIST = `{ personalDataExports(first: 10) { nodes { id status progress size sha256 downloadPath subject { email } } } }`;

let h: Harness;
let admin: Caller;
let analyst: Caller;
let hr: Caller;

beforeAll(async () => {
  h = await startHarness();
  admin = await h.signIn('admin@acme.test');
  analyst = await h.signIn('analyst@acme.test');
  hr = await h.signIn('hr@acme.test');
});
afterAll(() => h.close());

const userIdOf = async (caller: Caller) => (await caller.ok(`{ viewer { user { id } } }`)).viewer.user.id as string;
const download = (caller: Caller, path: string) => fetch(`${h.url}${path}`, { headers: { authorization: `Bearer ${caller.credentials.token}` } });

describe('GDPR subject access export', () => {
  it('is a zip of everything held about the person, built by a job with progress, downloadable once by who asked, audited', async () => {
    const created = await hr.ok(`mutation($input: HrRecordCreateInput!) { hrRecordCreate(input: $input) { userErrors { message } } }`, {
      input: { kind: 'EMPLOYEE', subjectName: 'Ana Analyst', subjectEmail: 'analyst@acme.test', data: { title: 'Data analyst', startDate: '2024-03-01' } },
    });
    expect(created.hrRecordCreate.userErrors).toEqual([]);
    const analystId = await userIdOf(analyst);
    const started = (await admin.ok(START, { input: { userId: analystId } })).personalDataExportStart;
    expect(started).toMatchObject({
      export: { status: 'QUEUED', progress: 0, downloadPath: null, subject: { email: 'analyst@acme.test' }, requestedBy: { email: 'admin@acme.test' } },
      userErrors: [],
    });
    await h.runJobs();
    const [ready] = (await admin.ok(LIST)).personalDataExports.nodes;
    expect(ready).toMatchObject({ id: started.export.id, status: 'READY', progress: 100, downloadPath: `/personal-data/export/${started.export.id}` });
    expect(ready.size).toBeGreaterThan(0);

    expect((await download(analyst, ready.downloadPath)).status).toBe(404);
    // Nor does the person it is about, nor anyone but who asked (and admins), read it by id.
    const byId = `query($id: ID!) { node(id: $id) { ... on PersonalDataExport { status } } }`;
    expect((await analyst.gql(byId, { id: ready.id })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await admin.ok(byId, { id: ready.id })).node).toEqual({ status: 'READY' });
    const response = await download(admin, ready.downloadPath);
    if (response.status !== 200) throw new Error(await response.text());
    expect(response.headers.get('content-type')).toBe('application/zip');
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual(['audit-entries.json', 'hr-records.json', 'manifest.json', 'memberships.json', 'profile.json', 'sessions.json']);
    const read = (name: string) => JSON.parse(strFromU8(files[name]));
    expect(read('profile.json')).toMatchObject({ email: 'analyst@acme.test', full_name: 'Ana Analyst' });
    expect(read('profile.json')).not.toHaveProperty('password_hash');
    expect(read('memberships.json')).toEqual([expect.objectContaining({ tenant: 'Acme Corporation', role: 'analyst' })]);
    expect(read('sessions.json').length).toBeGreaterThan(0);
    expect(JSON.stringify(read('sessions.json'))).not.toMatch(/refresh_token_hash/);
    expect(read('audit-entries.json').map((a: { action: string }) => a.action)).toContain('session.create');
    expect(read('hr-records.json')).toEqual([
      expect.objectContaining({ kind: 'employee', subjectName: 'Ana Analyst', data: { title: 'Data analyst', startDate: '2024-03-01' } }),
    ]);
    expect((await download(admin, ready.downloadPath)).status).toBe(404);
    expect(await h.sql(`SELECT status, content FROM personal_data_exports`)).toEqual([{ status: 'downloaded', content: null }]);
    const trail = await h.sql(`SELECT action FROM audit_entries WHERE entity_type = 'PersonalDataExport' ORDER BY seq`);
    expect(trail.map((t) => t.action)).toEqual(['personal_data_export.start', 'personal_data_export.ready', 'personal_data_export.download']);
  });

  it("is asked for by the person themselves or an admin; not for someone else's data, nor for a non-member", async () => {
    const adminId = await userIdOf(admin);
    expect((await analyst.gql(START, { input: { userId: adminId } })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const own = (await analyst.ok(START, { input: { userId: await userIdOf(analyst) } })).personalDataExportStart;
    expect(own.userErrors).toEqual([]);
    expect((await analyst.ok(LIST)).personalDataExports.nodes.map((n: { id: string }) => n.id)).toEqual([own.export.id]);
    const globexAdmin = await userIdOf(await h.signIn('admin@globex.test'));
    expect((await admin.ok(START, { input: { userId: globexAdmin } })).personalDataExportStart.userErrors).toEqual([
      { field: ['input', 'userId'], message: 'No such member in this tenant', code: 'BAD_USER_INPUT' },
    ]);
  });
});
