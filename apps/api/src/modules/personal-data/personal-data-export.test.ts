import { strFromU8, unzipSync } from 'fflate';
import { Secret, TOTP } from 'otpauth';
import { Caller, Harness, startHarness } from '../../../test/harness';
import { stableUuid } from '../../db/seed/deterministic';
import { parseGlobalId, toGlobalId } from '../../graphql/global-id';

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
const FILES = [
  'api-keys.json',
  'approvals.json',
  'audit-entries.json',
  'hr-records.json',
  'invitations.json',
  'mails.json',
  'manifest.json',
  'memberships.json',
  'mfa.json',
  'notifications.json',
  'other-records.json',
  'profile.json',
  'sessions.json',
  'sso-identities.json',
];
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
    expect(Object.keys(files).sort()).toEqual(FILES);
    const read = (name: string) => JSON.parse(strFromU8(files[name]));
    expect(read('profile.json')).toMatchObject({ email: 'analyst@acme.test', full_name: 'Ana Analyst' });
    expect(read('profile.json')).not.toHaveProperty('password_hash');
    expect(read('memberships.json')).toEqual([expect.objectContaining({ status: 'current', tenant: 'Acme Corporation', role: 'analyst', removed_at: null })]);
    expect(read('mfa.json')).toEqual({ enabled: false, enabledAt: null, recoveryCodesLeft: 0, lockedUntil: null });
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

  it('holds what they did in the tenant: invitations sent, API keys created (no hashes), approval decisions, notification choices, every record naming them', async () => {
    const invited = await admin.ok(`mutation($input: InvitationCreateInput!) { invitationCreate(input: $input) { userErrors { message } } }`, {
      input: { email: 'new.hire@example.com', role: 'VIEWER' },
    });
    expect(invited.invitationCreate.userErrors).toEqual([]);
    const chose = await admin.ok(`mutation($input: NotificationPreferenceInput!) { notificationPreferenceSet(input: $input) { userErrors { message } } }`, {
      input: { kind: 'ALERT_RAISED', inApp: true, email: true },
    });
    expect(chose.notificationPreferenceSet.userErrors).toEqual([]);
    const files = await exportOf(admin, await userIdOf(admin));
    expect(Object.keys(files).sort()).toEqual(FILES);

    const invitations = files['invitations.json'];
    expect(invitations.sent).toEqual([expect.objectContaining({ email: 'new.hire@example.com', role: 'viewer', status: 'pending' })]);
    expect(invitations.received).toEqual([]);
    const keys = files['api-keys.json'];
    expect(keys.map((k: { name: string }) => k.name)).toEqual(expect.arrayContaining(['Agent runtime']));
    expect(keys.every((k: object) => !('key_hash' in k))).toBe(true);
    expect(files['approvals.json'].decisions).toEqual(expect.arrayContaining([expect.objectContaining({ value: 'approve', comment: 'Agreed' })]));
    expect(files['notifications.json'].preferences).toEqual([expect.objectContaining({ kind: 'alert.raised', in_app: true, email: true })]);
    expect(files['mails.json']).toEqual([]);
    // Records of the tenant that name them through a column with no part of its own: the policies they wrote, for one.
    const others: { table: string; column: string; label: string | null }[] = files['other-records.json'];
    expect(others).toEqual(expect.arrayContaining([expect.objectContaining({ table: 'policies', column: 'created_by_id' })]));
    const [{ n: policies }] = await h.sql(`SELECT count(*)::int AS n FROM policies WHERE created_by_id = $1 AND deleted_at IS NULL`, [
      uuidOf(await userIdOf(admin)),
    ]);
    expect(policies).toBeGreaterThan(0);
    expect(others.filter((o) => o.table === 'policies' && o.label).length).toBe(policies);

    // Every column of the database that names a person is read by a part of the export, or left out with a reason.
    const personColumns = await h.sql<{ name: string }>(
      `SELECT c.relname || '.' || a.attname AS name FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.conkey[1]
        WHERE k.contype = 'f' AND k.confrelid = 'public.users'::regclass AND NOT c.relispartition AND c.relnamespace = 'public'::regnamespace
       UNION SELECT 'users.id'`,
    );
    const covered = Object.keys(files['manifest.json'].columnsNamingThePerson);
    expect(personColumns.map((c) => c.name).filter((name) => !covered.includes(name))).toEqual([]);
    expect(JSON.stringify(files)).not.toMatch(/key_hash|password_hash|token_hash|secret_sealed/);
  });

  it('holds removed memberships, marked removed with when and by whom, and whether their second factor is on, without its secret', async () => {
    const analystId = await userIdOf(analyst);
    const { secret } = (await analyst.ok(`mutation { totpEnrolmentStart(input: {}) { secret } }`)).totpEnrolmentStart;
    const code = new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: Date.now() - 30_000 });
    await analyst.ok(`mutation($input: TotpEnrolmentConfirmInput!) { totpEnrolmentConfirm(input: $input) { recoveryCodes } }`, { input: { code } });
    const oldMembership = toGlobalId('Membership', stableUuid('membership:acme:analyst@acme.test'));
    const removed = await admin.ok(`mutation($input: MembershipRemoveInput!) { membershipRemove(input: $input) { userErrors { message } } }`, {
      input: { membershipId: oldMembership },
    });
    expect(removed.membershipRemove.userErrors).toEqual([]);
    // Invited back later (arranged as the accepted invitation would): a current membership beside the removed one.
    await h.sql(`INSERT INTO memberships (tenant_id, user_id, role) VALUES ($1, $2, 'viewer')`, [stableUuid('tenant:acme'), uuidOf(analystId)]);

    const files = await exportOf(admin, analystId);
    const [removedAt] = (await h.sql(`SELECT deleted_at FROM deleted_memberships WHERE user_id = $1`, [uuidOf(analystId)])).map((r) => r.deleted_at);
    expect(files['memberships.json']).toEqual([
      expect.objectContaining({
        status: 'removed',
        id: stableUuid('membership:acme:analyst@acme.test'),
        role: 'analyst',
        removed_at: removedAt.toISOString(),
        removed_by: { id: uuidOf(await userIdOf(admin)), name: 'Ada Admin', email: 'admin@acme.test' },
      }),
      expect.objectContaining({ status: 'current', role: 'viewer', removed_at: null, removed_by: null }),
    ]);
    expect(files['manifest.json'].counts).toMatchObject({ memberships: 2, removedMemberships: 1 });
    expect(files['mfa.json']).toEqual({ enabled: true, enabledAt: expect.any(String), recoveryCodesLeft: 10, lockedUntil: null });
    expect(JSON.stringify(files)).not.toContain(secret);
  });

  it('is asked for by an admin about a removed member too: read as the admin, still only this tenant, not by a non-admin nor another tenant', async () => {
    const viewer = await h.signIn('viewer@acme.test');
    const viewerId = await userIdOf(viewer);
    const created = await hr.ok(`mutation($input: HrRecordCreateInput!) { hrRecordCreate(input: $input) { userErrors { message } } }`, {
      input: { kind: 'EMPLOYEE', subjectName: 'Vic Viewer', subjectEmail: 'viewer@acme.test', data: { title: 'Observer', startDate: '2025-01-06' } },
    });
    expect(created.hrRecordCreate.userErrors).toEqual([]);
    const removed = await admin.ok(`mutation($input: MembershipRemoveInput!) { membershipRemove(input: $input) { userErrors { message } } }`, {
      input: { membershipId: toGlobalId('Membership', stableUuid('membership:acme:viewer@acme.test')) },
    });
    expect(removed.membershipRemove.userErrors).toEqual([]);

    // The Recently deleted list names the person, for the export action there.
    const deleted = (await admin.ok(`{ recentlyDeleted(first: 10, kinds: [MEMBER]) { nodes { name personId } } }`)).recentlyDeleted.nodes;
    expect(deleted).toContainEqual({ name: 'Vic Viewer', personId: viewerId });
    expect((await analyst.gql(START, { input: { userId: viewerId } })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const globex = await h.signIn('admin@globex.test');
    expect((await globex.ok(START, { input: { userId: viewerId } })).personalDataExportStart.userErrors).toEqual([
      { field: ['input', 'userId'], message: 'No such member in this tenant', code: 'BAD_USER_INPUT' },
    ]);

    const files = await exportOf(admin, viewerId);
    expect(files['profile.json']).toMatchObject({ email: 'viewer@acme.test' });
    expect(files['memberships.json']).toEqual([
      expect.objectContaining({
        status: 'removed',
        id: stableUuid('membership:acme:viewer@acme.test'),
        tenant: 'Acme Corporation',
        removed_by: expect.objectContaining({ email: 'admin@acme.test' }),
      }),
    ]);
    const audit: { action: string }[] = files['audit-entries.json'];
    expect(audit.map((a) => a.action)).toContain('session.create');
    // Only this tenant's entries: the viewer's rows are all Acme's.
    const [{ n: acmeEntries }] = await h.sql(`SELECT count(*)::int AS n FROM audit_entries WHERE actor_user_id = $1 AND tenant_id = $2`, [
      uuidOf(viewerId),
      stableUuid('tenant:acme'),
    ]);
    expect(audit.length).toBe(acmeEntries);
    expect(files['hr-records.json']).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'employee', subjectName: 'Vic Viewer', data: { title: 'Observer', startDate: '2025-01-06' } })]),
    );
    expect(files['manifest.json'].readAs).toMatch(/read as the admin who asked/);
    expect(files['mfa.json'].enabled).toBeNull();
    expect(JSON.stringify(files)).not.toMatch(/globex/i);

    // Read with the asker's access, so an asker who is no longer an admin gets nothing: the export fails, holding nothing.
    const again = (await admin.ok(START, { input: { userId: viewerId } })).personalDataExportStart.export;
    await h.sql(`UPDATE personal_data_exports SET requested_by_id = $2 WHERE id = $1`, [uuidOf(again.id), uuidOf(await userIdOf(analyst))]);
    await h.runJobs();
    expect(await h.sql(`SELECT status, content, error FROM personal_data_exports WHERE id = $1`, [uuidOf(again.id)])).toEqual([
      { status: 'failed', content: null, error: 'Who asked for the export of a removed member is no longer an admin of this tenant' },
    ]);
  });
});

const uuidOf = (globalId: string) => parseGlobalId(globalId)!.id;

/** Asks for an export of `subjectId` as `caller`, runs the job, downloads it and answers its files parsed. */
async function exportOf(caller: Caller, subjectId: string): Promise<Record<string, any>> {
  const started = (await caller.ok(START, { input: { userId: subjectId } })).personalDataExportStart;
  expect(started.userErrors).toEqual([]);
  await h.runJobs();
  const node = (await caller.ok(`query($id: ID!) { node(id: $id) { ... on PersonalDataExport { status downloadPath } } }`, { id: started.export.id })).node;
  expect(node.status).toBe('READY');
  const response = await download(caller, node.downloadPath);
  expect(response.status).toBe(200);
  const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
  return Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, JSON.parse(strFromU8(bytes))]));
}
