import { Caller, Harness, startHarness } from '../../../test/harness';
import { stableUuid } from '../../db/seed/deterministic';
import { toGlobalId } from '../../graphql/global-id';

const CREATE = `mutation($input: ComplianceRecordCreateInput!) { complianceRecordCreate(input: $input) {
  record { id kind subjectKind subjectName status riskScore data agent { name } createdBy { fullName } } userErrors { field message code } } }`;
const review = (verb: string) => `mutation($input: ComplianceRecordReviewInput!) { complianceRecord${verb}(input: $input) {
  record { id status reviewNote reviewedBy { fullName } } userErrors { field message code } } }`;

let h: Harness;
let officer: Caller;
let officer2: Caller;
let auditor: Caller;
let admin: Caller;
let dev: Caller;
let globex: Caller;

beforeAll(async () => {
  h = await startHarness();
  officer = await h.signIn('compliance@acme.test');
  officer2 = await h.signIn('compliance2@acme.test');
  auditor = await h.signIn('auditor@acme.test');
  admin = await h.signIn('admin@acme.test');
  dev = await h.signIn('dev@acme.test');
  globex = await h.signIn('admin@globex.test');
});
afterAll(() => h.close());

describe('compliance records', () => {
  it('are reviewed by a second person; the creator is refused; a flag raises an alert', async () => {
    const created = (
      await officer.ok(CREATE, {
        input: { kind: 'OFAC', subjectKind: 'ORGANISATION', subjectName: 'Blue Harbor Trading LLC', riskScore: 82, data: { list: 'SDN', match: 0.91 } },
      })
    ).complianceRecordCreate;
    expect(created.userErrors).toEqual([]);
    expect(created.record).toMatchObject({
      kind: 'OFAC',
      status: 'PENDING',
      riskScore: 82,
      data: { list: 'SDN', match: 0.91 },
      createdBy: { fullName: 'Cora Compliance' },
    });
    const id = created.record.id;

    const own = (await officer.ok(review('Approve'), { input: { recordId: id } })).complianceRecordApprove;
    expect(own).toEqual({ record: null, userErrors: [{ field: ['input', 'recordId'], message: expect.stringMatching(/Four eyes/), code: 'FOUR_EYES' }] });
    const noNote = (await officer2.ok(review('Flag'), { input: { recordId: id } })).complianceRecordFlag;
    expect(noNote.userErrors).toEqual([{ field: ['input', 'note'], message: 'Say why in note', code: 'BAD_USER_INPUT' }]);
    const flagged = (await officer2.ok(review('Flag'), { input: { recordId: id, note: 'Close match on the SDN list; escalate to legal' } }))
      .complianceRecordFlag;
    expect(flagged.record).toMatchObject({ status: 'FLAGGED', reviewedBy: { fullName: 'Colin Checker' } });
    const [alert] = await h.sql(`SELECT severity, message FROM alerts WHERE source = 'compliance' AND message LIKE '%Blue Harbor%'`);
    expect(alert).toEqual({
      severity: 'critical',
      message: 'OFAC check on "Blue Harbor Trading LLC" was flagged: Close match on the SDN list; escalate to legal',
    });
    const again = (await admin.ok(review('Approve'), { input: { recordId: id } })).complianceRecordApprove;
    expect(again.userErrors[0]).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/pending/) });
    // The database holds four eyes too.
    await expect(
      h.sql(`UPDATE compliance_records SET reviewed_by_id = created_by_id WHERE id = $1`, [Buffer.from(id, 'base64url').toString().split(':')[1]]),
    ).rejects.toThrow(/check constraint/);
  });

  it('check their input: agents for agent records, custom names, risk scores 1-100', async () => {
    const agent = (
      await officer.ok(CREATE, {
        input: {
          kind: 'CUSTOM',
          customKind: 'Model card review',
          subjectKind: 'AGENT',
          subjectName: ' ',
          agentId: toGlobalId('Agent', stableUuid('agent:acme:Incident Triage')),
          riskScore: 10,
        },
      })
    ).complianceRecordCreate;
    expect(agent.record).toMatchObject({ subjectName: 'Incident Triage', agent: { name: 'Incident Triage' } });
    const bad = (
      await officer.ok(CREATE, {
        input: { kind: 'CUSTOM', subjectKind: 'AGENT', subjectName: 'x', agentId: toGlobalId('Agent', stableUuid('agent:globex:Code Reviewer')), riskScore: 0 },
      })
    ).complianceRecordCreate;
    expect(bad.userErrors.map((e: { field: string[] }) => e.field.join('.'))).toEqual(['input.riskScore', 'input.customKind', 'input.agentId']);
  });

  it('show data and risk scores to admins and compliance officers only; auditors read the rest; others nothing', async () => {
    const list = `{ complianceRecords(first: 50) { nodes { subjectName status riskScore data } } }`;
    const asAuditor = await auditor.gql(list);
    expect(asAuditor.data.complianceRecords.nodes.length).toBeGreaterThan(0);
    expect(asAuditor.data.complianceRecords.nodes.every((n: { riskScore: unknown; data: unknown }) => n.riskScore === null && n.data === null)).toBe(true);
    expect(new Set(asAuditor.errors?.map((e) => `${e.path?.at(-1)}:${e.extensions?.code}`))).toEqual(new Set(['riskScore:FORBIDDEN', 'data:FORBIDDEN']));
    const asAdmin = await admin.ok(list);
    expect(asAdmin.complianceRecords.nodes.every((n: { riskScore: number }) => n.riskScore >= 1)).toBe(true);
    expect((await dev.gql(list)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await auditor.gql(CREATE, { input: { kind: 'KYC', subjectKind: 'PERSON', subjectName: 'x', riskScore: 5 } })).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
    // Another tenant sees none of Acme's and cannot review them.
    expect((await globex.ok(`{ complianceRecords { nodes { subjectName } } }`)).complianceRecords.nodes).toEqual([]);
    const acmeRecord = (await officer.ok(`{ complianceRecords(first: 1) { nodes { id } } }`)).complianceRecords.nodes[0].id;
    expect((await globex.gql(review('Approve'), { input: { recordId: acmeRecord } })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  describe('reads of restricted fields are audited as read events (who, what, request id), one entry per request', () => {
    const events = () =>
      h.sql(
        `SELECT u.email, a.entity_id, a.after, a.request_id FROM audit_entries a LEFT JOIN users u ON u.id = a.actor_user_id
         WHERE a.action = 'compliance_record.read_data' ORDER BY a.seq`,
      );
    for (const field of ['data', 'riskScore']) {
      it(`reading ${field}`, async () => {
        const before = (await events()).length;
        const response = await admin.gql(`{ complianceRecords(first: 3) { nodes { id subjectName ${field} } } }`);
        expect(response.errors).toBeUndefined();
        const ids = response.data.complianceRecords.nodes.map((n: { id: string }) => Buffer.from(n.id, 'base64url').toString().split(':')[1]);
        const after = await events();
        expect(after.length).toBe(before + 1);
        expect(after.at(-1)).toMatchObject({ email: 'admin@acme.test', after: { read: ids.map((id: string) => ({ id, fields: [field] })) } });
        expect(after.at(-1).request_id).toMatch(/./);
        expect(after.at(-1).request_id).toBe(response.headers.get('x-request-id'));
      });
    }
    it('none for a read that is refused or does not ask for them', async () => {
      const before = (await events()).length;
      await auditor.gql(`{ complianceRecords(first: 3) { nodes { riskScore data } } }`);
      await admin.ok(`{ complianceRecords(first: 3) { nodes { subjectName status } } }`);
      expect((await events()).length).toBe(before);
    });
  });
});
