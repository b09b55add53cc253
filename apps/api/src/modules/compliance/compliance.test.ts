import { createHash } from 'node:crypto';
import { Caller, Harness, startHarness } from '../../../test/harness';
import { stableUuid } from '../../db/seed/deterministic';
import { toGlobalId } from '../../graphql/global-id';
import { inScope } from '../../scope';
import { permissionFor, renderPermissionsMatrix } from '../../auth/permissions-matrix';
import { Role } from '../../auth/roles';
import { allPermissions, buildBareSchema } from '../../graphql/schema';
import { snapshotTenantScores } from '../../jobs/compliance-tasks';
import { sweepEvidence } from './compliance-evidence.service';

const acme = stableUuid('tenant:acme');

const FROM_TEMPLATE = `mutation($input: ComplianceFrameworkCreateFromTemplateInput!) { complianceFrameworkCreateFromTemplate(input: $input) {
  framework { id name version templateKey score requirementCount applicableRequirementCount metRequirementCount } userErrors { field message code } } }`;
const FRAMEWORK = `query($id: ID!) { complianceFramework(id: $id) { id name score metRequirementCount applicableRequirementCount
  requirements { id code title depth status parent { code } controls { name status } } } }`;
const CONTROL_CREATE = `mutation($input: ComplianceControlCreateInput!) { complianceControlCreate(input: $input) {
  control { id name status automated evidencePassing automatedPassing requirements { code framework { name } } policies { name } } userErrors { field message code } } }`;
const CONTROL = `query($id: ID!) { complianceControl(id: $id) { id name status automatedPassing
  automatedChecks { passing failingAgentCount windowStart windowEnd policy { name } latestDecisions { result actionTaken agentName } } } }`;
const EVIDENCE_CREATE = `mutation($input: ComplianceEvidenceCreateInput!) { complianceEvidenceCreate(input: $input) { evidence { id status kind } userErrors { field message code } } }`;
const SUBMIT = `mutation($input: ComplianceEvidenceRefInput!) { complianceEvidenceSubmit(input: $input) { evidence { id status } userErrors { field message code } } }`;
const APPROVE = `mutation($input: ComplianceEvidenceApproveInput!) { complianceEvidenceApprove(input: $input) {
  evidence { id status renewalDue reviewedBy { fullName } trail { action actor { fullName } } } userErrors { field message code } } }`;
const REJECT = `mutation($input: ComplianceEvidenceRejectInput!) { complianceEvidenceReject(input: $input) { evidence { id status } userErrors { field message code } } }`;
const POLICY_CREATE = `mutation($input: PolicyCreateInput!) { policyCreate(input: $input) { policy { id } userErrors { message } } }`;
const AGENT_CREATE = `mutation($input: AgentCreateInput!) { agentCreate(input: $input) { agent { id } userErrors { message } } }`;
const AGENT_UPDATE = `mutation($input: AgentUpdateInput!) { agentUpdate(input: $input) { agent { id } policyViolations { policyName } userErrors { code message } } }`;
const WAIVE = `mutation($input: PolicyViolationWaiveInput!) { policyViolationWaive(input: $input) { violation { id status } userErrors { message } } }`;
const REVOKE_WAIVER = `mutation($input: PolicyViolationWaiverRevokeInput!) { policyViolationWaiverRevoke(input: $input) { violation { status } userErrors { message } } }`;

let h: Harness;
let admin: Caller;
let officer: Caller;
let officer2: Caller;
let auditor: Caller;
let dev: Caller;
let viewer: Caller;
let globex: Caller;

beforeAll(async () => {
  h = await startHarness();
  const callers: Caller[] = [];
  for (const email of [
    'admin@acme.test',
    'compliance@acme.test',
    'compliance2@acme.test',
    'auditor@acme.test',
    'dev@acme.test',
    'viewer@acme.test',
    'admin@globex.test',
  ])
    callers.push(await h.signIn(email));
  [admin, officer, officer2, auditor, dev, viewer, globex] = callers;
});
afterAll(() => h.close());

async function fromTemplate(templateKey: string, name?: string) {
  const { complianceFrameworkCreateFromTemplate: created } = await officer.ok(FROM_TEMPLATE, { input: { templateKey, name } });
  expect(created.userErrors).toEqual([]);
  return created.framework;
}

async function tree(id: string) {
  return (await officer.ok(FRAMEWORK, { id })).complianceFramework;
}

const idOf = async (frameworkId: string, code: string) => (await tree(frameworkId)).requirements.find((r: { code: string }) => r.code === code).id;

describe('every compliance field rule, per role', () => {
  type Who = 'admin' | 'compliance_officer' | 'auditor' | 'developer' | 'analyst' | 'viewer' | 'anonymous';
  const emails: Record<Exclude<Who, 'anonymous'>, string> = {
    admin: 'admin@acme.test',
    compliance_officer: 'compliance@acme.test',
    auditor: 'auditor@acme.test',
    developer: 'dev@acme.test',
    analyst: 'analyst@acme.test',
    viewer: 'viewer@acme.test',
  };
  const EVERY_MEMBER: Who[] = ['admin', 'compliance_officer', 'auditor', 'developer', 'analyst', 'viewer'];
  const READERS: Who[] = ['admin', 'compliance_officer', 'auditor'];
  const OWNERS: Who[] = ['admin', 'compliance_officer'];
  // On the seed as it stands (this runs first). Each route reads one field (the last name) through the first element of every list on the way.
  const FIELDS: [route: string, readers: Who[]][] = [
    ['complianceFrameworks(first: 1) { nodes { score } }', EVERY_MEMBER],
    ['complianceFrameworks(first: 1) { nodes { lastAssessedAt } }', EVERY_MEMBER],
    ['complianceFrameworks(first: 1) { nodes { auditor } }', READERS],
    ['complianceFrameworks(first: 1) { nodes { requirements { status } } }', READERS],
    ['complianceFrameworkTemplates { key }', READERS],
    ['complianceOverview { frameworkCount }', READERS],
    // Developers: the controls covering agents they created (the seed's "Agent change gate" covers dev's agents), with their checks.
    ['complianceControls(first: 1, filter: { search: "Agent change gate" }) { nodes { status } }', [...READERS, 'developer']],
    ['complianceControls(first: 1, filter: { search: "Agent change gate" }) { nodes { automatedChecks { passing } } }', [...READERS, 'developer']],
    ['complianceControls(first: 1, filter: { search: "Agent change gate" }) { nodes { requirements { code } } }', READERS],
    ['complianceControls(first: 1, filter: { search: "Quarterly access reviews" }) { nodes { evidence { title } } }', READERS],
    ['complianceEvidenceItems(first: 1) { nodes { title } }', READERS],
    ['complianceExceptions(first: 1) { nodes { reason } }', READERS],
    ['complianceExports(first: 1) { totalCount }', READERS],
    ['complianceRecords(first: 1) { nodes { subjectName } }', READERS],
    ['complianceRecords(first: 1) { nodes { riskScore } }', OWNERS],
    ['complianceRecords(first: 1) { nodes { data } }', OWNERS],
  ];

  function reads(response: { data?: any; errors?: { path?: (string | number)[] }[] }, route: string): boolean {
    const names = [...route.matchAll(/(\w+)(?:\([^)]*\))?\s*\{/g)].map((m) => m[1]);
    const leaf = /(\w+)[\s}]*$/.exec(route)![1];
    let value: any = response.data;
    const path: (string | number)[] = [];
    for (const name of names) {
      value = value?.[name];
      path.push(name);
      if (Array.isArray(value)) {
        value = value[0];
        path.push(0);
      }
      if (value === null || value === undefined) return false;
    }
    const leafPath = [...path, leaf].join('.');
    return !(response.errors ?? []).some((e) => e.path && leafPath.startsWith(e.path.join('.'))) && leaf in value;
  }

  it('lets exactly the roles docs/roles.md names read each field', async () => {
    const callers = new Map<Who, Caller>([['anonymous', h.anonymous]]);
    for (const [who, email] of Object.entries(emails)) callers.set(who as Who, await h.signIn(email));
    const seen: Record<string, Who[]> = {};
    const expected: Record<string, Who[]> = {};
    for (const [route, readers] of FIELDS) {
      expected[route] = readers.slice().sort();
      seen[route] = [];
      for (const [who, caller] of callers) if (reads(await caller.gql(`{ ${route} }`), route)) seen[route].push(who);
      seen[route].sort();
    }
    expect(seen).toEqual(expected);
  });
});

describe('framework templates', () => {
  it('are listed with real identifiers, and create the requirement tree in one go', async () => {
    const templates = (await auditor.ok(`{ complianceFrameworkTemplates { key name version requirementCount } }`)).complianceFrameworkTemplates;
    expect(templates.map((t: { key: string }) => t.key)).toEqual([
      'soc2',
      'iso27001-2022',
      'iso42001-2023',
      'nist-ai-rmf-1.0',
      'eu-ai-act',
      'gdpr',
      'hipaa-security',
      'pci-dss-4.0',
    ]);
    const iso = templates.find((t: { key: string }) => t.key === 'iso27001-2022');
    expect(iso.requirementCount).toBe(4 + 93);

    const framework = await fromTemplate('iso27001-2022', 'ISO 27001 (templates test)');
    expect(framework).toMatchObject({ version: '2022', templateKey: 'iso27001-2022', requirementCount: 97, applicableRequirementCount: 93, score: 0 });
    const requirements = (await tree(framework.id)).requirements;
    expect(requirements.slice(0, 3).map((r: { code: string; title: string; depth: number }) => [r.code, r.title, r.depth])).toEqual([
      ['A.5', 'Organizational controls', 0],
      ['A.5.1', 'Policies for information security', 1],
      ['A.5.2', 'Information security roles and responsibilities', 1],
    ]);
    const last = requirements.at(-1);
    expect([last.code, last.title, last.parent.code]).toEqual(['A.8.34', 'Protection of information systems during audit testing', 'A.8']);

    const iso42001 = await fromTemplate('iso42001-2023', 'ISO 42001 (templates test)');
    const codes = (await tree(iso42001.id)).requirements.map((r: { code: string }) => r.code);
    expect(codes).toEqual(expect.arrayContaining(['A.2.2', 'A.6.1.2', 'A.6.2.4', 'A.10.4']));
    expect(codes.indexOf('A.6.2')).toBeLessThan(codes.indexOf('A.6.2.4'));

    const unknown = (await officer.ok(FROM_TEMPLATE, { input: { templateKey: 'sox' } })).complianceFrameworkCreateFromTemplate;
    expect(unknown.userErrors).toEqual([{ field: ['input', 'templateKey'], message: expect.stringMatching(/No template/), code: 'BAD_USER_INPUT' }]);
  });
});

describe('a control mapped across frameworks', () => {
  it('counts in both once its evidence is approved by a second officer, never by its uploader', async () => {
    const soc2 = await fromTemplate('soc2', 'SOC 2 (mapping test)');
    const iso = await fromTemplate('iso42001-2023', 'ISO 42001 (mapping test)');
    const cc81 = await idOf(soc2.id, 'CC8.1');
    const a625 = await idOf(iso.id, 'A.6.2.5');
    const created = (
      await officer.ok(CONTROL_CREATE, {
        input: { name: 'Change approval for agents (mapping test)', requirementIds: [cc81, a625], reviewFrequency: 'QUARTERLY' },
      })
    ).complianceControlCreate;
    expect(created.userErrors).toEqual([]);
    expect(created.control).toMatchObject({ status: 'FAILING', automated: false, evidencePassing: false, automatedPassing: null });
    expect(created.control.requirements.map((r: { code: string; framework: { name: string } }) => `${r.framework.name} ${r.code}`).sort()).toEqual([
      'ISO 42001 (mapping test) A.6.2.5',
      'SOC 2 (mapping test) CC8.1',
    ]);
    const before = [(await tree(soc2.id)).score, (await tree(iso.id)).score];
    expect(before).toEqual([0, 0]);

    const evidence = (
      await officer.ok(EVIDENCE_CREATE, {
        input: { controlId: created.control.id, kind: 'NOTE', title: 'Change board minutes', note: 'Every agent deploy is approved in the change board.' },
      })
    ).complianceEvidenceCreate.evidence;
    expect(evidence.status).toBe('DRAFT');
    expect((await officer.ok(SUBMIT, { input: { evidenceId: evidence.id } })).complianceEvidenceSubmit.evidence.status).toBe('IN_REVIEW');

    const renewalDue = new Date(Date.now() + 200 * 86400_000).toISOString().slice(0, 10);
    const own = (await officer.ok(APPROVE, { input: { evidenceId: evidence.id, renewalDue } })).complianceEvidenceApprove;
    expect(own).toMatchObject({
      evidence: null,
      userErrors: [{ field: ['input', 'evidenceId'], message: expect.stringMatching(/Four eyes/), code: 'FOUR_EYES' }],
    });
    const farOff = (await officer2.ok(APPROVE, { input: { evidenceId: evidence.id, renewalDue: '2099-01-01' } })).complianceEvidenceApprove;
    expect(farOff.userErrors).toEqual([{ field: ['input', 'renewalDue'], message: expect.stringMatching(/three years/), code: 'BAD_USER_INPUT' }]);
    const approved = (await officer2.ok(APPROVE, { input: { evidenceId: evidence.id, renewalDue, comment: 'Minutes match the deploy log' } }))
      .complianceEvidenceApprove;
    expect(approved.userErrors).toEqual([]);
    expect(approved.evidence).toMatchObject({ status: 'APPROVED', renewalDue, reviewedBy: { fullName: 'Colin Checker' } });
    expect(approved.evidence.trail.map((t: { action: string }) => t.action)).toEqual(['created', 'submitted', 'approved']);

    const [soc2After, isoAfter] = [await tree(soc2.id), await tree(iso.id)];
    expect(soc2After.metRequirementCount).toBe(1);
    expect(isoAfter.metRequirementCount).toBe(1);
    expect(soc2After.score).toBeCloseTo((100 * 1) / soc2After.applicableRequirementCount, 2);
    expect(isoAfter.score).toBeGreaterThan(0);
    expect(soc2After.requirements.find((r: { code: string }) => r.code === 'CC8.1')).toMatchObject({ status: 'MET', controls: [{ status: 'PASSING' }] });
    // CC8 has one child, so the series is met with it; CC7 is not.
    expect(soc2After.requirements.find((r: { code: string }) => r.code === 'CC8').status).toBe('MET');
    expect(soc2After.requirements.find((r: { code: string }) => r.code === 'CC7').status).toBe('NOT_MET');

    const entries = await h.sql(
      `SELECT actor_user_id, outcome FROM audit_entries WHERE action = 'compliance_evidence.approve' AND entity_id = $1 ORDER BY seq`,
      [stableUuidOf(approved.evidence.id)],
    );
    expect(entries).toEqual([
      { actor_user_id: stableUuid('user:compliance@acme.test'), outcome: 'failure' },
      { actor_user_id: stableUuid('user:compliance2@acme.test'), outcome: 'failure' },
      { actor_user_id: stableUuid('user:compliance2@acme.test'), outcome: 'success' },
    ]);

    // Expiry: the sweep warns ahead of the renewal date with an alert, then expires it; the scores fall back.
    const soon = new Date(Date.now() + 190 * 86400_000).toISOString().slice(0, 10);
    const warned = await inScope(h.services, { actor: { kind: 'system', tenantId: acme, name: 'test sweep' } }, (scope) => sweepEvidence(scope, soon));
    expect(warned.warned).toBeGreaterThanOrEqual(1);
    const [alert] = await h.sql(
      `SELECT source, severity, message FROM alerts WHERE tenant_id = $1 AND source = 'compliance' AND message LIKE '%Change board minutes%'`,
      [acme],
    );
    expect(alert).toMatchObject({ source: 'compliance', severity: 'warning' });
    const later = new Date(Date.now() + 201 * 86400_000).toISOString().slice(0, 10);
    const swept = await inScope(h.services, { actor: { kind: 'system', tenantId: acme, name: 'test sweep' } }, (scope) => sweepEvidence(scope, later));
    expect(swept.expired).toBeGreaterThanOrEqual(1);
    const expired = await officer.ok(`query($id: ID!) { node(id: $id) { ... on ComplianceEvidence { status trail { action } } } }`, { id: evidence.id });
    expect(expired.node).toEqual({ status: 'EXPIRED', trail: [{ action: 'created' }, { action: 'submitted' }, { action: 'approved' }, { action: 'expired' }] });
    expect((await tree(soc2.id)).metRequirementCount).toBe(0);
  });

  it('rejects, then accepts a resubmission; refuses what the lifecycle does not allow', async () => {
    const control = (await officer.ok(CONTROL_CREATE, { input: { name: 'Lifecycle control (test)' } })).complianceControlCreate.control;
    const link = (
      await officer.ok(EVIDENCE_CREATE, { input: { controlId: control.id, kind: 'LINK', title: 'Runbook', url: 'https://wiki.acme.test/runbook' } })
    ).complianceEvidenceCreate.evidence;
    const early = (await officer2.ok(REJECT, { input: { evidenceId: link.id, comment: 'not yet' } })).complianceEvidenceReject;
    expect(early.userErrors[0]).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/in review/) });
    await officer.ok(SUBMIT, { input: { evidenceId: link.id } });
    expect((await officer2.ok(REJECT, { input: { evidenceId: link.id, comment: 'Link is private' } })).complianceEvidenceReject.evidence.status).toBe(
      'REJECTED',
    );
    expect((await officer.ok(SUBMIT, { input: { evidenceId: link.id } })).complianceEvidenceSubmit.evidence.status).toBe('IN_REVIEW');
    const bad = (await officer.ok(EVIDENCE_CREATE, { input: { controlId: control.id, kind: 'LINK', title: 'x', note: 'n' } })).complianceEvidenceCreate;
    expect(bad.userErrors.map((e: { field: string[] }) => e.field.join('.'))).toEqual(['input.url', 'input.note']);
    const file = (await officer.ok(EVIDENCE_CREATE, { input: { controlId: control.id, kind: 'FILE', title: 'Scan' } })).complianceEvidenceCreate.evidence;
    expect((await officer.ok(SUBMIT, { input: { evidenceId: file.id } })).complianceEvidenceSubmit.userErrors[0].message).toMatch(/Upload the file/);
  });
});

function stableUuidOf(globalId: string): string {
  return Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1];
}

describe('an automated control', () => {
  it('fails while its policy blocks an agent, passes when the violation is waived or fixed, and moves the score', async () => {
    const agent = (
      await dev.ok(AGENT_CREATE, { input: { name: 'Compliance probe', role: 'CUSTOM', modelTier: 'HAIKU', costPerRequest: '0.01', tags: ['compliance-lab'] } })
    ).agentCreate.agent;
    const policy = (
      await admin.ok(POLICY_CREATE, {
        input: {
          name: 'Compliance lab: no opus',
          type: 'AGENT',
          severity: 'HIGH',
          enforcement: 'BLOCK',
          scope: { kind: 'AGENTS', agentIds: [agent.id] },
          rules: [{ name: 'No opus', condition: 'agent.modelTier == "opus"', message: 'No opus here' }],
        },
      })
    ).policyCreate.policy;
    // The new policy's re-evaluation judges the agent as it stands (a pass) before the control exists.
    await h.runJobs();
    const soc2 = await fromTemplate('soc2', 'SOC 2 (automated test)');
    const cc81 = await idOf(soc2.id, 'CC8.1');
    const created = (
      await officer.ok(CONTROL_CREATE, {
        input: { name: 'Model tier gate (test)', evidenceRequired: false, policyIds: [policy.id], requirementIds: [cc81] },
      })
    ).complianceControlCreate;
    expect(created.control).toMatchObject({ status: 'PASSING', automated: true, automatedPassing: true, policies: [{ name: 'Compliance lab: no opus' }] });
    const passingScore = (await tree(soc2.id)).score;
    expect(passingScore).toBeGreaterThan(0);

    const refused = (await dev.ok(AGENT_UPDATE, { input: { agentId: agent.id, modelTier: 'OPUS' } })).agentUpdate;
    expect(refused.userErrors[0].code).toBe('POLICY_VIOLATION');
    // The decision queued a readiness refresh for after its commit; nothing moved before the job ran.
    expect((await officer.ok(CONTROL, { id: created.control.id })).complianceControl.status).toBe('PASSING');
    await h.runJobs();
    const jobErrors = await h.sql(`SELECT task_identifier, last_error FROM graphile_worker.jobs WHERE last_error IS NOT NULL`);
    expect(jobErrors).toEqual([]);
    const failing = (await officer.ok(CONTROL, { id: created.control.id })).complianceControl;
    expect(failing).toMatchObject({ status: 'FAILING', automatedPassing: false });
    expect(failing.automatedChecks).toEqual([
      {
        passing: false,
        failingAgentCount: 1,
        windowStart: expect.any(String),
        windowEnd: expect.any(String),
        policy: { name: 'Compliance lab: no opus' },
        latestDecisions: [{ result: 'VIOLATION', actionTaken: 'BLOCKED', agentName: 'Compliance probe' }],
      },
    ]);
    expect((await tree(soc2.id)).score).toBe(0);

    const [violation] = await h.sql(`SELECT id FROM policy_violations WHERE agent_id = $1 AND status = 'blocked'`, [stableUuidOf(agent.id)]);
    const violationId = toGlobalId('PolicyViolation', violation.id);
    expect((await admin.ok(WAIVE, { input: { violationId, reason: 'Opus trial approved by the board' } })).policyViolationWaive.violation.status).toBe(
      'WAIVED',
    );
    await h.runJobs();
    expect((await officer.ok(CONTROL, { id: created.control.id })).complianceControl.status).toBe('PASSING');
    expect((await tree(soc2.id)).score).toBe(passingScore);

    expect((await admin.ok(REVOKE_WAIVER, { input: { violationId } })).policyViolationWaiverRevoke.violation.status).toBe('BLOCKED');
    await h.runJobs();
    expect((await officer.ok(CONTROL, { id: created.control.id })).complianceControl.status).toBe('FAILING');
    expect((await tree(soc2.id)).score).toBe(0);

    // Fixed: the next change keeps the rule, so the latest decision passes.
    await dev.ok(AGENT_UPDATE, { input: { agentId: agent.id, description: 'stays on haiku' } });
    await h.runJobs();
    expect((await officer.ok(CONTROL, { id: created.control.id })).complianceControl.status).toBe('PASSING');
    expect((await tree(soc2.id)).score).toBe(passingScore);

    // Developers see controls covering agents they created, and only those.
    const devControls = (await dev.ok(`{ complianceControls(first: 100) { nodes { name status automatedChecks { passing } } } }`)).complianceControls.nodes;
    expect(devControls.map((c: { name: string }) => c.name)).toContain('Model tier gate (test)');
    expect(devControls.map((c: { name: string }) => c.name)).not.toContain('Lifecycle control (test)');
    // The limit is the control's own rule, not only the list's filter: asked for by id, the other control is refused.
    expect((await dev.ok(`query($id: ID!) { complianceControl(id: $id) { name } }`, { id: created.control.id })).complianceControl.name).toBe(
      'Model tier gate (test)',
    );
    const [other] = await h.sql(`SELECT id FROM compliance_controls WHERE name = 'Lifecycle control (test)'`);
    const notCovering = await dev.gql(`query($id: ID!) { complianceControl(id: $id) { name } }`, { id: toGlobalId('ComplianceControl', other.id) });
    expect(notCovering.errors?.[0]).toMatchObject({ path: ['complianceControl'], extensions: { code: 'FORBIDDEN' } });
    expect(notCovering.data.complianceControl).toBeNull();
    // ... and the permission matrix says so for developers, and only for them.
    const row = renderPermissionsMatrix(await buildBareSchema(), allPermissions())
      .split('\n')
      .find((line) => line.startsWith('| ComplianceControl.name |'));
    expect(row).toMatch(/covering own agents/);
    const rule = permissionFor(allPermissions(), 'ComplianceControl', 'name')!;
    expect(rule.grants(Role.DEVELOPER)).toBe('covering own agents');
    for (const role of [Role.ADMIN, Role.COMPLIANCE_OFFICER, Role.AUDITOR]) expect(rule.grants(role)).toBe('yes');
    for (const audience of [Role.ANALYST, Role.VIEWER, 'anonymous' as const]) expect(rule.grants(audience)).toBe('no');
  });
});

describe('exceptions and applicability', () => {
  it('leave not-applicable requirements out of the score and count exempted ones as met until revoked', async () => {
    const pci = await fromTemplate('pci-dss-4.0', 'PCI (exceptions test)');
    expect(pci.applicableRequirementCount).toBe(12);
    const req9 = await idOf(pci.id, '9');
    const na = await officer.ok(
      `mutation($input: ComplianceRequirementMarkNotApplicableInput!) { complianceRequirementMarkNotApplicable(input: $input) { requirement { status applicable notApplicableReason } userErrors { message } } }`,
      { input: { requirementId: req9, reason: 'No physical cardholder data' } },
    );
    expect(na.complianceRequirementMarkNotApplicable.requirement).toEqual({
      status: 'NOT_APPLICABLE',
      applicable: false,
      notApplicableReason: 'No physical cardholder data',
    });
    expect((await tree(pci.id)).applicableRequirementCount).toBe(11);
    const req1 = await idOf(pci.id, '1');
    const grant = `mutation($input: ComplianceExceptionGrantInput!) { complianceExceptionGrant(input: $input) { exception { id active reason approvedBy { email } } userErrors { field message } } }`;
    const bad = (await officer.ok(grant, { input: { requirementId: req1, reason: 'x', expiresAt: '2020-01-01T00:00:00Z' } })).complianceExceptionGrant;
    expect(bad.userErrors).toEqual([{ field: ['input', 'expiresAt'], message: expect.stringMatching(/future/) }]);
    const granted = (
      await officer.ok(grant, { input: { requirementId: req1, reason: 'Network move in Q3', expiresAt: new Date(Date.now() + 30 * 86400_000).toISOString() } })
    ).complianceExceptionGrant;
    expect(granted.exception).toMatchObject({ active: true, approvedBy: { email: 'compliance@acme.test' } });
    expect(await tree(pci.id)).toMatchObject({ metRequirementCount: 1, score: Math.round(10000 / 11) / 100 });
    await officer.ok(`mutation($input: ComplianceExceptionRevokeInput!) { complianceExceptionRevoke(input: $input) { exception { active } } }`, {
      input: { exceptionId: granted.exception.id },
    });
    expect(await tree(pci.id)).toMatchObject({ metRequirementCount: 0, score: 0 });
  });
});

describe('time passing, on the job queue', () => {
  const HAND_FRAMEWORK = `mutation($input: ComplianceFrameworkCreateInput!) { complianceFrameworkCreate(input: $input) { framework { id } userErrors { message } } }`;
  const REQ = `mutation($input: ComplianceRequirementCreateInput!) { complianceRequirementCreate(input: $input) { requirement { id } userErrors { message } } }`;
  const GRANT = `mutation($input: ComplianceExceptionGrantInput!) { complianceExceptionGrant(input: $input) { exception { id active } userErrors { field message } } }`;
  const STATE = `query($fw: ID!, $control: ID!) {
    complianceFramework(id: $fw) { score metRequirementCount scoreHistory(days: 7) { day score metRequirementCount } requirements { code status } }
    complianceControl(id: $control) { status exception { id } } }`;
  const day = (offset: number) => new Date(Date.now() + offset * 86400_000).toISOString().slice(0, 10);
  const queue = (job: string) => h.sql(`SELECT graphile_worker.add_job($1, '{}'::json)`, [job]);

  async function twoRuleFramework(name: string) {
    const fw = (await officer.ok(HAND_FRAMEWORK, { input: { name, version: '1' } })).complianceFrameworkCreate.framework.id;
    const ids = [];
    for (const code of ['T1', 'T2'])
      ids.push((await officer.ok(REQ, { input: { frameworkId: fw, code, title: `Rule ${code}` } })).complianceRequirementCreate.requirement.id);
    const control = (await officer.ok(CONTROL_CREATE, { input: { name: `${name}: control`, requirementIds: [ids[0]] } })).complianceControlCreate.control;
    expect(control.status).toBe('FAILING');
    return { fw, control: control.id };
  }

  it('lapses an exception at its expiry: the stored statuses and the score fall, the lapse is audited, and the next snapshot shows it', async () => {
    const { fw, control } = await twoRuleFramework('Lapse test');
    const expiresAt = new Date(Date.now() + 3600_000);
    const granted = (await officer.ok(GRANT, { input: { controlId: control, reason: 'Evidence arrives next week', expiresAt: expiresAt.toISOString() } }))
      .complianceExceptionGrant;
    expect(granted.userErrors).toEqual([]);
    const uuid = stableUuidOf(granted.exception.id);
    const key = `compliance:exceptionLapse:${uuid}`;
    const [job] = await h.sql(`SELECT run_at FROM graphile_worker.jobs WHERE key = $1`, [key]);
    expect(job.run_at).toEqual(expiresAt);
    const exempted = await officer.ok(STATE, { fw, control });
    expect(exempted.complianceControl).toEqual({ status: 'EXEMPTED', exception: { id: granted.exception.id } });
    expect(exempted.complianceFramework).toMatchObject({
      score: 50,
      metRequirementCount: 1,
      requirements: [
        { code: 'T1', status: 'MET' },
        { code: 'T2', status: 'NOT_MET' },
      ],
    });
    // Yesterday's snapshot, taken while the exception held.
    expect(await snapshotTenantScores(h.services, acme, day(-1))).toBeGreaterThan(0);
    // The job is not due yet: running the queue changes nothing.
    await h.runJobs();
    expect((await officer.ok(STATE, { fw, control })).complianceControl.status).toBe('EXEMPTED');

    // The hour passes: the exception's expiry and its job's time move into the past.
    await h.sql(`UPDATE compliance_exceptions SET expires_at = now() - interval '1 second' WHERE id = $1`, [uuid]);
    await h.sql(`UPDATE graphile_worker._private_jobs SET run_at = now() - interval '1 second' WHERE key = $1`, [key]);
    await h.runJobs();
    expect(await h.sql(`SELECT run_at FROM graphile_worker.jobs WHERE key = $1`, [key])).toEqual([]);
    // Stored, not computed on read: the columns themselves changed.
    expect(await h.sql(`SELECT status FROM compliance_controls WHERE id = $1`, [stableUuidOf(control)])).toEqual([{ status: 'failing' }]);
    expect(await h.sql(`SELECT score::float AS score, met_count FROM compliance_frameworks WHERE id = $1`, [stableUuidOf(fw)])).toEqual([
      { score: 0, met_count: 0 },
    ]);
    const lapsed = await officer.ok(STATE, { fw, control });
    expect(lapsed.complianceControl).toEqual({ status: 'FAILING', exception: null });
    expect(lapsed.complianceFramework).toMatchObject({
      score: 0,
      metRequirementCount: 0,
      requirements: [
        { code: 'T1', status: 'NOT_MET' },
        { code: 'T2', status: 'NOT_MET' },
      ],
    });
    expect((await officer.ok(`query($id: ID!) { node(id: $id) { ... on ComplianceException { active } } }`, { id: granted.exception.id })).node).toEqual({
      active: false,
    });
    expect(
      await h.sql(
        `SELECT actor_type, actor_label, before, after - 'expiresAt' AS after FROM audit_entries WHERE action = 'compliance_exception.lapse' AND entity_id = $1`,
        [uuid],
      ),
    ).toEqual([
      {
        actor_type: 'system',
        actor_label: 'job compliance:exceptionLapse',
        before: { active: true, status: 'exempted' },
        after: { active: false, status: 'failing' },
      },
    ]);

    // Today's snapshot, by the daily job itself: the history shows the fall.
    await queue('compliance:snapshot');
    await h.runJobs();
    const history = (await officer.ok(STATE, { fw, control })).complianceFramework.scoreHistory;
    expect(history).toEqual([
      { day: day(-1), score: 50, metRequirementCount: 1 },
      { day: day(0), score: 0, metRequirementCount: 0 },
    ]);
    // Lapsed once: the hourly sweep finds nothing more to lapse.
    await queue('compliance:sweep');
    await h.runJobs();
    expect((await h.sql(`SELECT count(*)::int AS n FROM audit_entries WHERE action = 'compliance_exception.lapse' AND entity_id = $1`, [uuid]))[0].n).toBe(1);
  });

  it("alerts once when a framework's certification comes within 90 days, again for a new expiry date, and critically once it has expired", async () => {
    const UPDATE = `mutation($input: ComplianceFrameworkUpdateInput!) { complianceFrameworkUpdate(input: $input) { framework { expiresOn } userErrors { field message } } }`;
    const fw = (await officer.ok(HAND_FRAMEWORK, { input: { name: 'Certified probe', version: '2026' } })).complianceFrameworkCreate.framework.id;
    const certify = async (expiresOn: string) =>
      expect(
        (await officer.ok(UPDATE, { input: { frameworkId: fw, certifiedOn: day(-300), expiresOn, auditor: 'Probe Assurance LLP' } })).complianceFrameworkUpdate
          .userErrors,
      ).toEqual([]);
    const alerts = () =>
      h.sql(
        `SELECT severity, message FROM alerts WHERE tenant_id = $1 AND source = 'compliance' AND message LIKE '%"Certified probe"%' ORDER BY created_at, id`,
        [acme],
      );
    const sweep = async () => {
      await queue('compliance:sweep');
      await h.runJobs();
    };
    const spoken = (iso: string) =>
      new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

    // Four months away: nothing yet.
    await certify(day(120));
    await sweep();
    expect(await alerts()).toEqual([]);
    // Within the window: one warning naming the framework, its auditor and the date in words; the next sweeps stay quiet.
    await certify(day(60));
    await sweep();
    await sweep();
    expect(await alerts()).toEqual([
      {
        severity: 'warning',
        message: `The 2026 certification of "Certified probe" (auditor Probe Assurance LLP) expires on ${spoken(day(60))}; plan the renewal audit`,
      },
    ]);
    // The renewal audit is booked for an earlier date: that date is announced in its turn.
    await certify(day(30));
    await sweep();
    expect((await alerts()).map((a: { message: string }) => a.message.match(/expires on (.*);/)![1])).toEqual([spoken(day(60)), spoken(day(30))]);
    // A lapsed certification is critical.
    await h.sql(`UPDATE compliance_frameworks SET expires_on = current_date - 1, expiry_alerted_at = NULL WHERE id = $1`, [stableUuidOf(fw)]);
    await sweep();
    const last = (await alerts()).at(-1);
    expect(last).toEqual({ severity: 'critical', message: expect.stringMatching(/^The 2026 certification of "Certified probe" .* expired on /) });
    expect(await h.sql(`SELECT task_identifier, last_error FROM graphile_worker.jobs WHERE last_error IS NOT NULL`)).toEqual([]);
  });

  it('expires approved evidence past its renewal date by the hourly sweep job, with an alert ahead of time, and the score falls', async () => {
    const { fw, control } = await twoRuleFramework('Expiry job test');
    const evidence = (
      await officer.ok(EVIDENCE_CREATE, { input: { controlId: control, kind: 'NOTE', title: 'Expiry job minutes', note: 'Reviewed by the board.' } })
    ).complianceEvidenceCreate.evidence;
    await officer.ok(SUBMIT, { input: { evidenceId: evidence.id } });
    expect((await officer2.ok(APPROVE, { input: { evidenceId: evidence.id, renewalDue: day(100) } })).complianceEvidenceApprove.userErrors).toEqual([]);
    expect((await officer.ok(STATE, { fw, control })).complianceFramework.score).toBe(50);
    const uuid = stableUuidOf(evidence.id);

    // The renewal date comes within the warning window: the sweep raises one alert and keeps the evidence.
    await h.sql(`UPDATE compliance_evidence SET renewal_due = current_date + 3 WHERE id = $1`, [uuid]);
    await queue('compliance:sweep');
    await h.runJobs();
    const alerts = () => h.sql(`SELECT severity FROM alerts WHERE tenant_id = $1 AND source = 'compliance' AND message LIKE '%Expiry job minutes%'`, [acme]);
    expect(await alerts()).toEqual([{ severity: 'warning' }]);
    expect((await officer.ok(STATE, { fw, control })).complianceControl.status).toBe('PASSING');

    // ... and passes: the next sweep expires it; the control fails and the score falls.
    await h.sql(`UPDATE compliance_evidence SET renewal_due = current_date - 1 WHERE id = $1`, [uuid]);
    await queue('compliance:sweep');
    await h.runJobs();
    expect(await h.sql(`SELECT task_identifier, last_error FROM graphile_worker.jobs WHERE last_error IS NOT NULL`)).toEqual([]);
    const expired = await officer.ok(`query($id: ID!) { node(id: $id) { ... on ComplianceEvidence { status trail { action actor { fullName } } } } }`, {
      id: evidence.id,
    });
    expect(expired.node.status).toBe('EXPIRED');
    expect(expired.node.trail.map((t: { action: string }) => t.action)).toEqual(['created', 'submitted', 'approved', 'expired']);
    expect(await alerts()).toHaveLength(1);
    const state = await officer.ok(STATE, { fw, control });
    expect(state.complianceControl.status).toBe('FAILING');
    expect(state.complianceFramework).toMatchObject({ score: 0, metRequirementCount: 0 });
    expect(await h.sql(`SELECT actor_label FROM audit_entries WHERE action = 'compliance_evidence.expire' AND entity_id = $1`, [uuid])).toEqual([
      { actor_label: 'job compliance:sweep' },
    ]);
  });
});

describe('a framework written by hand', () => {
  const REQ_CREATE = `mutation($input: ComplianceRequirementCreateInput!) { complianceRequirementCreate(input: $input) {
    requirement { id code depth position } userErrors { field message code } } }`;
  const REQ_UPDATE = `mutation($input: ComplianceRequirementUpdateInput!) { complianceRequirementUpdate(input: $input) {
    requirement { id code title weight } userErrors { field message code } } }`;
  const REQ_MOVE = `mutation($input: ComplianceRequirementMoveInput!) { complianceRequirementMove(input: $input) {
    requirement { id position } userErrors { field message code } } }`;
  const REQ_DELETE = `mutation($input: ComplianceRequirementRefInput!) { complianceRequirementDelete(input: $input) { deletedRequirementId userErrors { field message code } } }`;
  const codes = async (id: string) => (await tree(id)).requirements.map((r: { code: string; depth: number }) => `${'-'.repeat(r.depth)}${r.code}`);

  it('gets requirements added, edited, reordered and removed, and its score follows', async () => {
    const made = (
      await officer.ok(
        `mutation($input: ComplianceFrameworkCreateInput!) { complianceFrameworkCreate(input: $input) { framework { id name version templateKey score } userErrors { field message code } } }`,
        { input: { name: 'Internal AI rules (hand test)', version: '1', description: 'Our own rules' } },
      )
    ).complianceFrameworkCreate;
    expect(made.userErrors).toEqual([]);
    expect(made.framework).toMatchObject({ name: 'Internal AI rules (hand test)', version: '1', templateKey: null, score: null });
    const fw = made.framework.id;
    const add = async (code: string, parentId?: string) => {
      const r = (await officer.ok(REQ_CREATE, { input: { frameworkId: fw, code, title: `Rule ${code}`, parentId } })).complianceRequirementCreate;
      expect(r.userErrors).toEqual([]);
      return r.requirement;
    };
    const r1 = await add('R1');
    const r2 = await add('R2');
    const r3 = await add('R3');
    const r21 = await add('R2.1', r2.id);
    await add('R2.2', r2.id);
    expect(r21).toMatchObject({ depth: 1, position: 0 });
    expect(await codes(fw)).toEqual(['R1', 'R2', '-R2.1', '-R2.2', 'R3']);
    // Field problems arrive together, at their fields; a taken code is a conflict.
    const bad = (await officer.ok(REQ_UPDATE, { input: { requirementId: r1.id, code: 'R3', weight: 0 } })).complianceRequirementUpdate;
    expect(bad.userErrors).toEqual([{ field: ['input', 'weight'], message: expect.stringMatching(/weight/), code: 'BAD_USER_INPUT' }]);
    const taken = (await officer.ok(REQ_UPDATE, { input: { requirementId: r1.id, code: 'R3' } })).complianceRequirementUpdate;
    expect(taken.userErrors).toEqual([expect.objectContaining({ code: 'CONFLICT' })]);
    const edited = (await officer.ok(REQ_UPDATE, { input: { requirementId: r1.id, code: 'R0', title: 'Rule zero', weight: 3 } })).complianceRequirementUpdate;
    expect(edited).toEqual({ requirement: { id: r1.id, code: 'R0', title: 'Rule zero', weight: 3 }, userErrors: [] });

    // R2 (with its children) moves to the end, then R3 to the front.
    expect((await officer.ok(REQ_MOVE, { input: { requirementId: r2.id, position: 99 } })).complianceRequirementMove.requirement.position).toBe(2);
    expect(await codes(fw)).toEqual(['R0', 'R3', 'R2', '-R2.1', '-R2.2']);
    await officer.ok(REQ_MOVE, { input: { requirementId: r3.id, position: 0 } });
    expect(await codes(fw)).toEqual(['R3', 'R0', 'R2', '-R2.1', '-R2.2']);

    // A passing control on R3 (weight 1 of 1 + 3 + 1 + 1 leaf weight) moves the score; deleting R2 takes its subtree and moves it again.
    const control = (await officer.ok(CONTROL_CREATE, { input: { name: 'Hand test control', evidenceRequired: false, requirementIds: [r3.id] } }))
      .complianceControlCreate;
    expect(control.control.status).toBe('PASSING');
    expect(await tree(fw)).toMatchObject({ applicableRequirementCount: 4, metRequirementCount: 1, score: 16.67 });
    expect((await auditor.gql(REQ_DELETE, { input: { requirementId: r2.id } })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await globex.gql(REQ_DELETE, { input: { requirementId: r2.id } })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await officer.ok(REQ_DELETE, { input: { requirementId: r2.id } })).complianceRequirementDelete).toEqual({
      deletedRequirementId: r2.id,
      userErrors: [],
    });
    expect(await codes(fw)).toEqual(['R3', 'R0']);
    expect(await tree(fw)).toMatchObject({ applicableRequirementCount: 2, metRequirementCount: 1, score: 25 });
    // The siblings closed up: a move to 1 is a move to the end.
    expect((await officer.ok(REQ_MOVE, { input: { requirementId: r3.id, position: 1 } })).complianceRequirementMove.requirement.position).toBe(1);
    expect(await codes(fw)).toEqual(['R0', 'R3']);
    const audit = await h.sql(`SELECT action FROM audit_entries WHERE entity_id = $1 AND outcome = 'success' ORDER BY seq`, [stableUuidOf(r2.id)]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      'compliance_requirement.create',
      'compliance_requirement.move',
      'compliance_requirement.delete',
    ]);
  });
});

describe('compliance access', () => {
  it('gives every member scores only, auditors reading but no changes, and refuses other tenants', async () => {
    const soc2 = await fromTemplate('soc2', 'SOC 2 (access test)');
    const scores = await viewer.gql(`{ complianceFrameworks(first: 50) { nodes { id name score } } }`);
    expect(scores.errors).toBeUndefined();
    expect(scores.data.complianceFrameworks.nodes.map((f: { name: string }) => f.name)).toContain('SOC 2 (access test)');
    const tree = await viewer.gql(`query($id: ID!) { complianceFramework(id: $id) { name requirements { code } } }`, { id: soc2.id });
    expect(tree.errors?.[0]).toMatchObject({ path: ['complianceFramework', 'requirements'], extensions: { code: 'FORBIDDEN' } });
    expect((await viewer.gql(`{ complianceControls { nodes { id } } }`)).errors?.[0].extensions?.code).toBe('FORBIDDEN');

    expect(
      (await auditor.ok(`query($id: ID!) { complianceFramework(id: $id) { requirements { code } } }`, { id: soc2.id })).complianceFramework.requirements,
    ).toHaveLength(9 + 33);
    const auditorWrite = await auditor.gql(FROM_TEMPLATE, { input: { templateKey: 'gdpr' } });
    expect(auditorWrite.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const devWrite = await dev.gql(CONTROL_CREATE, { input: { name: 'dev control' } });
    expect(devWrite.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    // Another tenant's admin finds nothing and cannot map to it.
    const other = await globex.gql(`query($id: ID!) { complianceFramework(id: $id) { name } }`, { id: soc2.id });
    expect(other.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await globex.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: soc2.id })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const cc11 = (await officer.ok(FRAMEWORK, { id: soc2.id })).complianceFramework.requirements[1].id;
    const mapped = (await globex.ok(CONTROL_CREATE, { input: { name: 'Globex control', requirementIds: [cc11] } })).complianceControlCreate;
    expect(mapped.userErrors).toEqual([{ field: ['input', 'requirementIds'], message: 'No such requirement in this tenant', code: 'BAD_USER_INPUT' }]);
    const rows = await h.sql(`SELECT count(*)::int AS n FROM compliance_frameworks WHERE tenant_id = $1`, [stableUuid('tenant:globex')]);
    expect(rows[0].n).toBe(0);
  });
});

describe('another tenant', () => {
  it("finds none of the tenant's compliance objects and changes none of them, whatever it asks", async () => {
    // One of each, in review or active, so that every action would have something to act on.
    const control = (await officer.ok(CONTROL_CREATE, { input: { name: 'Cross-tenant target' } })).complianceControlCreate.control;
    const evidence = (await officer.ok(EVIDENCE_CREATE, { input: { controlId: control.id, kind: 'NOTE', title: 'Cross-tenant note', note: 'n' } }))
      .complianceEvidenceCreate.evidence;
    await officer.ok(SUBMIT, { input: { evidenceId: evidence.id } });
    const exception = (
      await officer.ok(
        `mutation($input: ComplianceExceptionGrantInput!) { complianceExceptionGrant(input: $input) { exception { id } userErrors { message } } }`,
        { input: { controlId: control.id, reason: 'Cross-tenant probe', expiresAt: new Date(Date.now() + 86400_000).toISOString() } },
      )
    ).complianceExceptionGrant.exception;
    const record = (
      await officer.ok(`mutation($input: ComplianceRecordCreateInput!) { complianceRecordCreate(input: $input) { record { id } userErrors { message } } }`, {
        input: { kind: 'KYC', subjectKind: 'PERSON', subjectName: 'Cross Tenant', riskScore: 10 },
      })
    ).complianceRecordCreate.record;
    const soc2 = (await officer.ok(`{ complianceFrameworks(first: 50) { nodes { id name } } }`)).complianceFrameworks.nodes.find(
      (f: { name: string }) => f.name === 'SOC 2',
    );
    const requirement = (await tree(soc2.id)).requirements[1].id;
    const ref = (payload: string) => `${payload} userErrors { field message code }`;
    const attempts: [label: string, query: string, variables: Record<string, unknown>][] = [
      ['read a control', `query($id: ID!) { complianceControl(id: $id) { name } }`, { id: control.id }],
      ['read evidence', `query($id: ID!) { node(id: $id) { id } }`, { id: evidence.id }],
      ['read an exception', `query($id: ID!) { node(id: $id) { id } }`, { id: exception.id }],
      ['read a record', `query($id: ID!) { node(id: $id) { id } }`, { id: record.id }],
      [
        'disable a framework',
        `mutation($input: ComplianceFrameworkRefInput!) { complianceFrameworkDisable(input: $input) { ${ref('framework { id }')} } }`,
        { input: { frameworkId: soc2.id } },
      ],
      [
        'update a control',
        `mutation($input: ComplianceControlUpdateInput!) { complianceControlUpdate(input: $input) { ${ref('control { id }')} } }`,
        { input: { controlId: control.id, name: 'Mine now' } },
      ],
      [
        'map a control',
        `mutation($input: ComplianceControlMappingInput!) { complianceControlMap(input: $input) { ${ref('control { id }')} } }`,
        { input: { controlId: control.id, requirementIds: [requirement] } },
      ],
      [
        'delete a control',
        `mutation($input: ComplianceControlRefInput!) { complianceControlDelete(input: $input) { ${ref('deletedControlId')} } }`,
        { input: { controlId: control.id } },
      ],
      [
        'attach evidence',
        `mutation($input: ComplianceEvidenceCreateInput!) { complianceEvidenceCreate(input: $input) { ${ref('evidence { id }')} } }`,
        { input: { controlId: control.id, kind: 'NOTE', title: 'x', note: 'x' } },
      ],
      [
        'approve evidence',
        `mutation($input: ComplianceEvidenceApproveInput!) { complianceEvidenceApprove(input: $input) { ${ref('evidence { id }')} } }`,
        { input: { evidenceId: evidence.id, renewalDue: new Date(Date.now() + 30 * 86400_000).toISOString().slice(0, 10) } },
      ],
      [
        'grant an exception',
        `mutation($input: ComplianceExceptionGrantInput!) { complianceExceptionGrant(input: $input) { ${ref('exception { id }')} } }`,
        { input: { controlId: control.id, reason: 'x', expiresAt: new Date(Date.now() + 86400_000).toISOString() } },
      ],
      [
        'revoke an exception',
        `mutation($input: ComplianceExceptionRevokeInput!) { complianceExceptionRevoke(input: $input) { ${ref('exception { id }')} } }`,
        { input: { exceptionId: exception.id } },
      ],
      [
        'approve a record',
        `mutation($input: ComplianceRecordReviewInput!) { complianceRecordApprove(input: $input) { ${ref('record { id }')} } }`,
        { input: { recordId: record.id } },
      ],
      [
        'export a framework',
        `mutation($input: ComplianceExportStartInput!) { complianceExportStart(input: $input) { export { id } userErrors { field message } } }`,
        { input: { frameworkId: soc2.id, periodStart: '2026-01-01', periodEnd: '2026-02-01' } },
      ],
    ];
    const outcomes: Record<string, string> = {};
    for (const [label, query, variables] of attempts) {
      const response = await globex.gql(query, variables);
      const payload = response.data && (Object.values(response.data)[0] as { userErrors?: { message: string }[] } | null);
      outcomes[label] = response.errors?.length ? String(response.errors[0].extensions?.code) : (payload?.userErrors?.[0]?.message ?? 'DONE');
    }
    const notFound = (labels: string[]) => Object.fromEntries(labels.map((l) => [l, 'NOT_FOUND']));
    expect(outcomes).toEqual({
      ...notFound(attempts.map(([label]) => label)),
      // Inputs naming another tenant's control are field problems, as for a control that does not exist.
      'attach evidence': 'No such control in this tenant',
      'grant an exception': 'No such control in this tenant',
    });
    // And nothing of Acme's moved.
    const [state] = await h.sql(
      `SELECT (SELECT name FROM compliance_controls WHERE id = $1) AS control,
              (SELECT count(*)::int FROM compliance_control_requirements WHERE control_id = $1) AS mappings,
              (SELECT count(*)::int FROM compliance_evidence WHERE control_id = $1) AS evidence,
              (SELECT status FROM compliance_evidence WHERE id = $2) AS evidence_status,
              (SELECT revoked_at IS NULL FROM compliance_exceptions WHERE id = $3) AS exception_active,
              (SELECT status FROM compliance_records WHERE id = $4) AS record_status,
              (SELECT enabled FROM compliance_frameworks WHERE id = $5) AS framework_enabled,
              (SELECT count(*)::int FROM compliance_exports WHERE tenant_id = $6) AS globex_exports`,
      [control.id, evidence.id, exception.id, record.id, soc2.id, stableUuid('tenant:globex')].map((id, i) => (i < 5 ? stableUuidOf(id) : id)),
    );
    expect(state).toEqual({
      control: 'Cross-tenant target',
      mappings: 0,
      evidence: 1,
      evidence_status: 'in_review',
      exception_active: true,
      record_status: 'pending',
      framework_enabled: true,
      globex_exports: 0,
    });
  });
});

describe('evidence files and the auditor export', () => {
  it('upload with a size cap and a type check, download with the same rules, and go into an export zip built by a job', async () => {
    const controls = (await officer.ok(`{ complianceControls(first: 100) { nodes { id name } } }`)).complianceControls.nodes;
    const control = controls.find((c: { name: string }) => c.name === 'Quarterly access reviews');
    const evidence = (await officer.ok(EVIDENCE_CREATE, { input: { controlId: control.id, kind: 'FILE', title: 'Access review export' } }))
      .complianceEvidenceCreate.evidence;
    const put = (caller: Caller, body: Buffer | string, type = 'text/csv', name = 'access%20review.csv') =>
      fetch(`${h.url}/compliance/files/evidence/${evidence.id}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${caller.credentials.token}`, 'content-type': type, 'x-file-name': name },
        body: typeof body === 'string' ? body : new Uint8Array(body),
      });
    const get = (caller: Caller, path: string) => fetch(`${h.url}${path}`, { headers: { authorization: `Bearer ${caller.credentials.token}` } });
    const content = 'member,role,kept\nada,admin,yes\n';
    expect((await put(auditor, content)).status).toBe(403);
    expect((await put(officer, content, 'application/x-msdownload')).status).toBe(415);
    expect((await put(officer, Buffer.alloc(10 * 1024 * 1024 + 1))).status).toBe(413);
    expect((await put(globex, content)).status).toBe(404);
    const uploaded = await put(officer, content);
    expect(uploaded.status).toBe(200);
    const sha256 = createHash('sha256').update(content).digest('hex');
    expect(await uploaded.json()).toEqual({ sha256, sizeBytes: content.length });
    const file = (
      await officer.ok(`query($id: ID!) { node(id: $id) { ... on ComplianceEvidence { file { name contentType sizeBytes sha256 downloadPath } } } }`, {
        id: evidence.id,
      })
    ).node.file;
    expect(file).toEqual({
      name: 'access review.csv',
      contentType: 'text/csv',
      sizeBytes: content.length,
      sha256,
      downloadPath: `/compliance/files/evidence/${evidence.id}`,
    });
    const download = await get(auditor, file.downloadPath);
    expect(download.status).toBe(200);
    expect(await download.text()).toBe(content);
    expect((await get(viewer, file.downloadPath)).status).toBe(403);
    expect((await get(globex, file.downloadPath)).status).toBe(404);
    await officer.ok(SUBMIT, { input: { evidenceId: evidence.id } });
    expect((await put(officer, content)).status).toBe(409);

    const soc2 = (await auditor.ok(`{ complianceFrameworks(first: 50) { nodes { id name } } }`)).complianceFrameworks.nodes.find(
      (f: { name: string }) => f.name === 'SOC 2',
    );
    const today = new Date().toISOString().slice(0, 10);
    const yearAgo = new Date(Date.now() - 365 * 86400_000).toISOString().slice(0, 10);
    const START = `mutation($input: ComplianceExportStartInput!) { complianceExportStart(input: $input) { export { id status progress downloadPath } userErrors { field message } } }`;
    const bad = (await auditor.ok(START, { input: { frameworkId: soc2.id, periodStart: today, periodEnd: '2000-01-01' } })).complianceExportStart;
    expect(bad.userErrors).toEqual([{ field: ['input', 'periodEnd'], message: 'periodEnd must not be before periodStart' }]);
    const started = (await auditor.ok(START, { input: { frameworkId: soc2.id, periodStart: yearAgo, periodEnd: today } })).complianceExportStart;
    expect(started).toMatchObject({ export: { status: 'QUEUED', progress: 0, downloadPath: null }, userErrors: [] });
    expect((await dev.gql(START, { input: { frameworkId: soc2.id, periodStart: yearAgo, periodEnd: today } })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    await h.runJobs();
    const [failure] = await h.sql(`SELECT error FROM compliance_exports WHERE error IS NOT NULL`);
    expect(failure).toBeUndefined();
    const ready = (
      await auditor.ok(`query($id: ID!) { node(id: $id) { ... on ComplianceExport { status progress size sha256 downloadPath } } }`, { id: started.export.id })
    ).node;
    expect(ready).toMatchObject({ status: 'READY', progress: 100, downloadPath: `/compliance/files/export/${started.export.id}` });
    const zip = await get(auditor, ready.downloadPath);
    expect(zip.status).toBe(200);
    const bytes = new Uint8Array(await zip.arrayBuffer());
    expect(bytes.length).toBe(ready.size);
    const { unzipSync, strFromU8 } = await import('fflate');
    const files = unzipSync(bytes);
    expect(Object.keys(files).sort()).toEqual(
      expect.arrayContaining(['export.json', 'requirements.csv', 'controls.csv', 'mappings.csv', 'evidence.csv', 'decisions.csv', 'audit.csv']),
    );
    const pkg = JSON.parse(strFromU8(files['export.json']));
    expect(pkg.requirements.find((r: { code: string }) => r.code === 'CC6.2')).toMatchObject({
      title: expect.stringMatching(/^Prior to issuing system credentials/),
    });
    expect(pkg.controls.map((c: { name: string }) => c.name)).toEqual(expect.arrayContaining(['Agent change gate', 'Quarterly access reviews']));
    const chain = pkg.evidence.find((e: { title: string }) => e.title === 'Audit chain verification report');
    // (An earlier test's sweep ran a year ahead, so it may have expired since.)
    expect(chain).toMatchObject({ reviewed_by: 'Colin Checker', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(strFromU8(files[`evidence/${chain.id}-audit-chain-verification.txt`])).toMatch(/Result: intact/);
    expect(pkg.decisions.length).toBeGreaterThan(0);
    expect(pkg.auditEntries.some((a: { action: string }) => a.action === 'compliance_evidence.approve')).toBe(true);
    const [audited] = await h.sql(
      `SELECT count(*)::int AS n FROM audit_entries WHERE action IN ('compliance_export.start', 'compliance_export.ready', 'compliance_export.download')
      AND entity_id = $1`,
      [stableUuidOf(started.export.id)],
    );
    expect(audited.n).toBe(3);
  });
});

describe('the framework page', () => {
  it('reads a tree of any size, with statuses and controls, in the same number of SQL statements', async () => {
    const page = `query($id: ID!) { complianceFramework(id: $id) { name score requirements { code title status parent { code } controls { name status } } } }`;
    const frameworks = (await officer.ok(`{ complianceFrameworks(first: 50) { nodes { id name requirementCount } } }`)).complianceFrameworks.nodes;
    const small = frameworks.find((f: { name: string }) => f.name === 'SOC 2');
    const large = frameworks.find((f: { name: string }) => f.name === 'ISO/IEC 27001');
    expect([small.requirementCount, large.requirementCount]).toEqual([42, 97]);
    // The bench's tree (C1): 20 groups of 9, two of 40 controls on every leaf.
    await h.sql(
      `WITH f AS (INSERT INTO compliance_frameworks (tenant_id, name, version) VALUES ($1, 'Bench-shaped tree', '1') RETURNING id),
       g AS (INSERT INTO compliance_requirements (tenant_id, framework_id, code, title, depth, position, path)
             SELECT $1, f.id, 'G' || g, 'Group ' || g, 0, g, ARRAY[g] FROM f, generate_series(1, 20) g RETURNING id, framework_id, position),
       leaves AS (INSERT INTO compliance_requirements (tenant_id, framework_id, parent_id, code, title, depth, position, path)
             SELECT $1, g.framework_id, g.id, 'G' || g.position || '.' || c, 'Requirement ' || g.position || '.' || c, 1, c, ARRAY[g.position, c]
             FROM g, generate_series(1, 9) c RETURNING id, position, path),
       controls AS (INSERT INTO compliance_controls (tenant_id, name, evidence_required) SELECT $1, 'Bench-shaped control ' || k, k % 3 = 0
             FROM generate_series(0, 39) k RETURNING id, name)
       INSERT INTO compliance_control_requirements (tenant_id, control_id, requirement_id)
       SELECT DISTINCT $1, c.id, l.id FROM leaves l, LATERAL (VALUES ((l.path[1] * 9 + l.path[2]) % 40), ((l.path[1] * 9 + l.path[2] + 7) % 40)) k(k)
       JOIN controls c ON c.name = 'Bench-shaped control ' || k.k`,
      [acme],
    );
    await h.sql(`SELECT steward.compliance_refresh($1)`, [acme]);
    const [bench] = await h.sql(`SELECT id, requirement_count FROM compliance_frameworks WHERE tenant_id = $1 AND name = 'Bench-shaped tree'`, [acme]);
    expect(bench.requirement_count).toBe(200);
    const benchShaped = { id: toGlobalId('ComplianceFramework', bench.id), requirementCount: 200 };
    const counts = [];
    for (const f of [small, large, benchShaped]) {
      const response = await officer.gql(page, { id: f.id });
      expect(response.errors).toBeUndefined();
      expect(response.data.complianceFramework.requirements).toHaveLength(f.requirementCount);
      counts.push(response.extensions?.sql.statements);
    }
    expect(counts[0]).toBe(3);
    expect(counts[1]).toBe(counts[0]);
    expect(counts[2]).toBe(counts[0]);
    // A selection JSON cannot carry exactly (timestamps, numeric weights) reads rows as before: the same tree and controls.
    const rowsPage = `query($id: ID!) { complianceFramework(id: $id) { name score requirements { code title status weight createdAt parent { code } controls { name status createdAt } } } }`;
    const [asJson, asRows] = await Promise.all([officer.gql(page, { id: benchShaped.id }), officer.gql(rowsPage, { id: benchShaped.id })]);
    expect(asRows.errors).toBeUndefined();
    const strip = (requirements: Record<string, unknown>[]) =>
      requirements.map(({ code, title, status, parent, controls }) => ({
        code,
        title,
        status,
        parent,
        controls: (controls as Record<string, unknown>[]).map(({ name, status: s }) => ({ name, status: s })),
      }));
    expect(strip(asRows.data.complianceFramework.requirements)).toEqual(asJson.data.complianceFramework.requirements);
    expect(asRows.data.complianceFramework.requirements[0].weight).toBe(1);
    expect(asRows.data.complianceFramework.requirements[25].controls).toHaveLength(2);
    const cc62 = (await officer.gql(page, { id: small.id })).data.complianceFramework.requirements.find((r: { code: string }) => r.code === 'CC6.2');
    // (Its evidence may have expired under an earlier test's sweep a year ahead: the shape is what counts here.)
    expect(cc62).toEqual({
      code: 'CC6.2',
      title: expect.stringMatching(/^Prior to issuing/),
      status: expect.stringMatching(/^(MET|NOT_MET)$/),
      parent: { code: 'CC6' },
      controls: [{ name: 'Quarterly access reviews', status: expect.stringMatching(/^(PASSING|FAILING)$/) }],
    });
  });
});
