import { Caller, Harness, startHarness } from '../../../test/harness';
import { stableUuid } from '../../db/seed/deterministic';
import { toGlobalId } from '../../graphql/global-id';
import { inScope } from '../../scope';
import { handleApprovalDeadline } from '.';

const acme = stableUuid('tenant:acme');
const agentId = (name: string) => toGlobalId('Agent', stableUuid(`agent:acme:${name}`));
const userId = (email: string) => toGlobalId('User', stableUuid(`user:${email}`));

const BASE = `id title kind status deadline requestedBy { fullName }
  currentStep { level name mode requiredApprovals approvals rejections status eligibleDeciders { fullName } }
  steps { level status }
  decisions { value comment decider { fullName } formValues stepLevel: level }
  viewerCanDecide`;
// Held changes are for those who read policies: not analysts or viewers.
const REQUEST = `${BASE} heldChange { action status outcomeMessage }`;
const DEPLOY = `mutation($input: AgentLifecycleInput!) { agentDeploy(input: $input) {
  agent { status } heldForApproval { ${REQUEST} } policyHolds { policyName enforcement } userErrors { field message code } } }`;
const APPROVE = `mutation($input: ApprovalRequestApproveInput!) { approvalRequestApprove(input: $input) { approvalRequest { ${BASE} } userErrors { field message code } } }`;
const REJECT = `mutation($input: ApprovalRequestRejectInput!) { approvalRequestReject(input: $input) { approvalRequest { ${BASE} } userErrors { field message code } } }`;
const HELD = `query($id: ID!) { approvalRequest(id: $id) { status heldChange { action status outcomeMessage } } }`;
const CREATE = `mutation($input: ApprovalRequestCreateInput!) { approvalRequestCreate(input: $input) { approvalRequest { ${REQUEST} } userErrors { field message code } } }`;
const INBOX = `{ approvalInbox(first: 50) { nodes { id title deadline } } approvalInboxCount }`;
const AGENT = `query($id: ID!) { agent(id: $id) { status } }`;

let h: Harness;
let admin: Caller;
let dev: Caller;
let compliance: Caller;
let analyst: Caller;
let auditor: Caller;
let viewer: Caller;
beforeAll(async () => {
  h = await startHarness();
  admin = await h.signIn('admin@acme.test');
  dev = await h.signIn('dev@acme.test');
  compliance = await h.signIn('compliance@acme.test');
  analyst = await h.signIn('analyst@acme.test');
  auditor = await h.signIn('auditor@acme.test');
  viewer = await h.signIn('viewer@acme.test');
});
afterAll(() => h.close());

async function createDraftOpus(name: string): Promise<string> {
  const { agentCreate } = await dev.ok(`mutation($input: AgentCreateInput!) { agentCreate(input: $input) { agent { id } userErrors { message } } }`, {
    input: {
      name,
      description: 'test',
      role: 'OPERATIONS',
      modelId: toGlobalId('AiModel', stableUuid('model:acme:opus')),
      thinkingMode: 'LOW',
      costPerRequest: '0.04',
      tags: ['regulated'],
    },
  });
  expect(agentCreate.userErrors).toEqual([]);
  return agentCreate.agent.id;
}

/** A manual request from the developer, decided by the members named. */
async function manual(mode: string, deciders: string[], extra: Record<string, unknown> = {}): Promise<{ id: string }> {
  const { approvalRequestCreate } = await dev.ok(CREATE, {
    input: {
      title: `Manual ${mode}`,
      steps: [{ name: 'Review', mode, deciders: deciders.map((e) => ({ kind: 'MEMBER', userId: userId(e) })), ...extra }],
    },
  });
  expect(approvalRequestCreate.userErrors).toEqual([]);
  return approvalRequestCreate.approvalRequest;
}

const decide = async (who: Caller, requestId: string, value: 'approve' | 'reject', comment = 'ok') =>
  value === 'approve'
    ? (await who.ok(APPROVE, { input: { requestId, comment } })).approvalRequestApprove
    : (await who.ok(REJECT, { input: { requestId, comment } })).approvalRequestReject;

describe('require-approval policies', () => {
  it("hold a developer's Opus deploy until a compliance officer approves it from the inbox, then apply it", async () => {
    const id = agentId('Vendor Contract Reviewer');
    const { agentDeploy } = await dev.ok(DEPLOY, { input: { agentId: id } });
    expect(agentDeploy.agent).toBeNull();
    expect(agentDeploy.userErrors).toEqual([]);
    expect(agentDeploy.policyHolds).toEqual([{ policyName: 'Opus deploys in regulated work need approval', enforcement: 'REQUIRE_APPROVAL' }]);
    const request = agentDeploy.heldForApproval;
    expect(request).toMatchObject({
      title: 'Deploy Vendor Contract Reviewer',
      kind: 'AGENT_CHANGE',
      status: 'PENDING',
      requestedBy: { fullName: 'Dev Dhillon' },
      heldChange: { action: 'deploy', status: 'HELD', outcomeMessage: null },
      currentStep: { mode: 'SINGLE', requiredApprovals: 1, status: 'PENDING' },
      viewerCanDecide: false,
    });
    // The requester is never a decider; compliance officers and admins are.
    expect(request.currentStep.eligibleDeciders.map((u: { fullName: string }) => u.fullName).sort()).toEqual(['Ada Admin', 'Colin Checker', 'Cora Compliance']);
    expect((await dev.ok(AGENT, { id })).agent.status).toBe('DRAFT');
    const decisions = await h.sql(`SELECT action_taken FROM policy_decisions WHERE agent_id = $1 AND trigger = 'deploy' AND policy_id = $2`, [
      stableUuid('agent:acme:Vendor Contract Reviewer'),
      stableUuid('policy:acme:opus-approval'),
    ]);
    expect(decisions).toEqual([{ action_taken: 'held' }]);

    // A second attempt while the first waits is a conflict, not a second request.
    const again = (await dev.ok(DEPLOY, { input: { agentId: id } })).agentDeploy;
    expect(again.userErrors).toEqual([{ field: ['input', 'agentId'], message: expect.stringMatching(/already waits for approval/), code: 'CONFLICT' }]);

    const inbox = await compliance.ok(INBOX);
    expect(inbox.approvalInbox.nodes.map((n: { title: string }) => n.title)).toContain('Deploy Vendor Contract Reviewer');
    expect(inbox.approvalInboxCount).toBe(inbox.approvalInbox.nodes.length);
    expect((await dev.ok(INBOX)).approvalInbox.nodes.map((n: { id: string }) => n.id)).not.toContain(request.id);

    const self = await decide(dev, request.id, 'approve');
    expect(self.userErrors).toEqual([{ field: ['input', 'requestId'], message: 'You asked for this; someone else must decide it', code: 'BAD_USER_INPUT' }]);
    const outsider = await decide(analyst, request.id, 'approve');
    expect(outsider.userErrors[0].message).toMatch(/not one of the deciders/);

    const approved = await decide(compliance, request.id, 'approve', 'Checked the DPIA');
    expect(approved.userErrors).toEqual([]);
    expect((await compliance.ok(HELD, { id: request.id })).approvalRequest.heldChange.status).toBe('APPLIED');
    expect(approved.approvalRequest).toMatchObject({
      status: 'APPROVED',
      currentStep: null,
      decisions: [{ value: 'APPROVE', comment: 'Checked the DPIA', decider: { fullName: 'Cora Compliance' } }],
    });
    expect((await dev.ok(AGENT, { id })).agent.status).toBe('DEPLOYED');
    const settled = await h.sql(`SELECT action_taken FROM policy_decisions WHERE agent_id = $1 AND trigger = 'deploy' AND policy_id = $2 ORDER BY decided_at`, [
      stableUuid('agent:acme:Vendor Contract Reviewer'),
      stableUuid('policy:acme:opus-approval'),
    ]);
    expect(settled).toEqual([{ action_taken: 'held' }, { action_taken: 'approved' }]);
    // Final: nobody decides it again.
    expect((await decide(admin, request.id, 'reject')).userErrors).toEqual([
      { field: ['input', 'requestId'], message: 'The request is already approved', code: 'CONFLICT' },
    ]);
    const audit = await h.sql(`SELECT action, actor_user_id FROM audit_entries WHERE entity_id IN ($1, $2) ORDER BY seq`, [
      stableUuid('agent:acme:Vendor Contract Reviewer'),
      request.id ? (await h.sql(`SELECT id FROM approval_requests WHERE title = 'Deploy Vendor Contract Reviewer'`))[0].id : null,
    ]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining(['agent.deploy.held', 'approval.request', 'approval.approve', 'agent.deploy', 'approval.change.applied']),
    );
  });

  it('refuse to apply an approved change that a block policy activated in the meantime forbids', async () => {
    const id = await createDraftOpus('Held then blocked');
    const request = (await dev.ok(DEPLOY, { input: { agentId: id } })).agentDeploy.heldForApproval;
    expect(request.status).toBe('PENDING');
    const { policyCreate } = await admin.ok(`mutation($input: PolicyCreateInput!) { policyCreate(input: $input) { policy { id } userErrors { message } } }`, {
      input: {
        name: 'No regulated Opus deploys',
        type: 'AGENT',
        severity: 'CRITICAL',
        enforcement: 'BLOCK',
        rules: [{ name: 'none', condition: 'change.action == "deploy" && "regulated" in agent.tags', message: 'Regulated Opus agents stay in draft' }],
        scope: { kind: 'AGENTS', agentIds: [id] },
      },
    });
    expect(policyCreate.userErrors).toEqual([]);
    expect((await decide(compliance, request.id, 'approve')).approvalRequest.status).toBe('APPROVED');
    expect((await compliance.ok(HELD, { id: request.id })).approvalRequest.heldChange).toEqual({
      action: 'deploy',
      status: 'REFUSED',
      outcomeMessage: 'No regulated Opus deploys: Regulated Opus agents stay in draft',
    });
    expect((await dev.ok(AGENT, { id })).agent.status).toBe('DRAFT');
  });

  it('discard a rejected change; a rejection needs a reason', async () => {
    const id = await createDraftOpus('Rejected deploy');
    const request = (await dev.ok(DEPLOY, { input: { agentId: id } })).agentDeploy.heldForApproval;
    expect((await compliance.gql(REJECT, { input: { requestId: request.id, comment: '' } })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await decide(admin, request.id, 'reject', 'Not before the DPIA')).approvalRequest.status).toBe('REJECTED');
    expect((await dev.ok(HELD, { id: request.id })).approvalRequest.heldChange.status).toBe('DISCARDED');
    expect((await dev.ok(AGENT, { id })).agent.status).toBe('DRAFT');
  });

  it('name the agent and the findings that held the change; list by agent and by who asked', async () => {
    const id = await createDraftOpus('Followed deploy');
    const request = (await dev.ok(DEPLOY, { input: { agentId: id } })).agentDeploy.heldForApproval;
    const SUBJECT = `query($id: ID!) { approvalRequest(id: $id) { agent { id name } policy { id } findings { policyName enforcement policy { name } } } }`;
    // Analysts may not read the held change itself, but they see what it is about.
    expect((await analyst.ok(SUBJECT, { id: request.id })).approvalRequest).toEqual({
      agent: { id, name: 'Followed deploy' },
      policy: null,
      findings: [
        {
          policyName: 'Opus deploys in regulated work need approval',
          enforcement: 'REQUIRE_APPROVAL',
          policy: { name: 'Opus deploys in regulated work need approval' },
        },
      ],
    });
    const LIST = `query($filter: ApprovalRequestFilter) { approvalRequests(first: 50, filter: $filter) { nodes { id } } }`;
    const ids = async (who: Caller, filter: Record<string, unknown>) =>
      (await who.ok(LIST, { filter })).approvalRequests.nodes.map((n: { id: string }) => n.id);
    expect(await ids(compliance, { agentId: id })).toEqual([request.id]);
    expect(await ids(compliance, { agentId: agentId('Vendor Contract Reviewer'), statuses: ['PENDING'] })).toEqual([]);
    expect(await ids(dev, { requestedByViewer: true })).toContain(request.id);
    expect(await ids(compliance, { requestedByViewer: true })).not.toContain(request.id);
    expect(await ids(compliance, { requestedByViewer: false })).toContain(request.id);
    const wrong = await compliance.gql(LIST, { filter: { agentId: request.id } });
    expect(wrong.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('block-mode policy changes', () => {
  const POLICY_UPDATE = `mutation($input: PolicyUpdateInput!) { policyUpdate(input: $input) {
    policy { version enforcement } heldForApproval { ${REQUEST} } userErrors { message } } }`;
  const policyId = toGlobalId('Policy', stableUuid('policy:acme:opus-cost'));

  it('wait for a compliance officer or an admin other than the author, and apply as a new version', async () => {
    const held = (await dev.ok(POLICY_UPDATE, { input: { policyId, enforcement: 'WARN' } })).policyUpdate;
    expect(held.policy).toEqual({ version: 1, enforcement: 'BLOCK' });
    expect(held.heldForApproval).toMatchObject({ kind: 'POLICY_CHANGE', status: 'PENDING', heldChange: { action: 'policy.update', status: 'HELD' } });
    const subject = `query($id: ID!, $policyId: ID!) { approvalRequest(id: $id) { agent { id } policy { id name } findings { policyName } }
      approvalRequests(first: 50, filter: { policyId: $policyId }) { nodes { id } } }`;
    expect(await dev.ok(subject, { id: held.heldForApproval.id, policyId })).toEqual({
      approvalRequest: { agent: null, policy: { id: policyId, name: expect.any(String) }, findings: [] },
      approvalRequests: { nodes: [{ id: held.heldForApproval.id }] },
    });
    expect((await decide(dev, held.heldForApproval.id, 'approve')).userErrors[0].message).toMatch(/someone else/);
    await decide(admin, held.heldForApproval.id, 'approve', 'Warn is enough while we measure');
    expect((await dev.ok(HELD, { id: held.heldForApproval.id })).approvalRequest.heldChange.status).toBe('APPLIED');
    const { policy } = await dev.ok(`query($id: ID!) { policy(id: $id) { version enforcement } }`, { id: policyId });
    expect(policy).toEqual({ version: 2, enforcement: 'WARN' });
    // No longer in block mode: changing it again needs nobody.
    const direct = (await dev.ok(POLICY_UPDATE, { input: { policyId, description: 'Measured for a month' } })).policyUpdate;
    expect(direct).toMatchObject({ policy: { version: 3 }, heldForApproval: null });
  });

  it('an admin author needs someone else too; switching a block policy off is held the same way', async () => {
    const pii = toGlobalId('Policy', stableUuid('policy:acme:pii-thinking'));
    const { policyDeactivate } = await admin.ok(
      `mutation($input: PolicyActivationInput!) { policyDeactivate(input: $input) { policy { active } heldForApproval { id currentStep { eligibleDeciders { fullName } } } } }`,
      { input: { policyId: pii } },
    );
    expect(policyDeactivate.policy.active).toBe(true);
    expect(policyDeactivate.heldForApproval.currentStep.eligibleDeciders.map((u: { fullName: string }) => u.fullName)).toEqual([
      'Colin Checker',
      'Cora Compliance',
    ]);
    expect((await decide(admin, policyDeactivate.heldForApproval.id, 'approve')).userErrors[0].message).toMatch(/someone else/);
    await decide(compliance, policyDeactivate.heldForApproval.id, 'reject', 'Keep it on');
    expect((await dev.ok(`query($id: ID!) { policy(id: $id) { active } }`, { id: pii })).policy.active).toBe(true);
  });
});

describe('approval modes', () => {
  const four = ['admin@acme.test', 'compliance@acme.test', 'analyst@acme.test', 'auditor@acme.test'];

  it('MAJORITY of an even number needs strictly more than half: 2 of 4 is not enough, 3 is', async () => {
    const request = await manual('MAJORITY', four);
    expect(request).toMatchObject({ currentStep: { requiredApprovals: 3 } });
    expect((await decide(admin, request.id, 'approve')).approvalRequest.status).toBe('PENDING');
    const two = await decide(compliance, request.id, 'approve');
    expect(two.approvalRequest).toMatchObject({ status: 'PENDING', currentStep: { approvals: 2, rejections: 0 } });
    expect((await decide(analyst, request.id, 'approve')).approvalRequest.status).toBe('APPROVED');
  });

  it('MAJORITY of 4 is rejected at 2 rejections (a tie never approves)', async () => {
    const request = await manual('MAJORITY', four);
    await decide(admin, request.id, 'approve');
    expect((await decide(compliance, request.id, 'reject')).approvalRequest.status).toBe('PENDING');
    expect((await decide(analyst, request.id, 'reject')).approvalRequest.status).toBe('REJECTED');
  });

  it('UNANIMOUS: one rejection rejects; ANY_N: N approvals approve, and fail once N is out of reach; SINGLE: the first decision', async () => {
    const unanimous = await manual('UNANIMOUS', four.slice(0, 2));
    await decide(admin, unanimous.id, 'approve');
    expect((await decide(compliance, unanimous.id, 'reject')).approvalRequest.status).toBe('REJECTED');
    const all = await manual('UNANIMOUS', four.slice(0, 2));
    await decide(admin, all.id, 'approve');
    expect((await decide(compliance, all.id, 'approve')).approvalRequest.status).toBe('APPROVED');

    const anyTwo = await manual('ANY_N', four.slice(0, 3), { requiredApprovals: 2 });
    await decide(admin, anyTwo.id, 'reject');
    expect((await decide(compliance, anyTwo.id, 'approve')).approvalRequest.status).toBe('PENDING');
    expect((await decide(analyst, anyTwo.id, 'approve')).approvalRequest.status).toBe('APPROVED');
    const outOfReach = await manual('ANY_N', four.slice(0, 3), { requiredApprovals: 2 });
    await decide(admin, outOfReach.id, 'reject');
    expect((await decide(compliance, outOfReach.id, 'reject')).approvalRequest.status).toBe('REJECTED');

    const single = await manual('SINGLE', four);
    expect((await decide(auditor, single.id, 'reject')).approvalRequest.status).toBe('REJECTED');
  });

  it('refuses a step nobody but the requester could decide, or one needing more approvals than deciders', async () => {
    const alone = (
      await dev.ok(CREATE, { input: { title: 'Alone', steps: [{ name: 'Me', deciders: [{ kind: 'MEMBER', userId: userId('dev@acme.test') }] }] } })
    ).approvalRequestCreate;
    expect(alone.userErrors[0].message).toMatch(/Nobody other than the requester/);
    const tooMany = (
      await dev.ok(CREATE, {
        input: { title: 'Too many', steps: [{ name: 'R', mode: 'ANY_N', requiredApprovals: 5, deciders: [{ kind: 'ROLE', role: 'COMPLIANCE_OFFICER' }] }] },
      })
    ).approvalRequestCreate;
    expect(tooMany.userErrors[0].message).toMatch(/needs 5 approvals but only 2/);
  });

  it('checks typed form fields at their path, all at once', async () => {
    const { approvalRequestCreate } = await dev.ok(CREATE, {
      input: {
        title: 'With a form',
        steps: [{ name: 'R', deciders: [{ kind: 'ROLE', role: 'ADMIN' }] }],
        formFields: [
          { key: 'risk', label: 'Risk', type: 'SELECT', required: true, options: ['low', 'high'] },
          { key: 'hours', label: 'Hours', type: 'NUMBER' },
        ],
      },
    });
    const id = approvalRequestCreate.approvalRequest.id;
    const refused = (await admin.ok(APPROVE, { input: { requestId: id, formValues: { risk: 'medium', hours: 'two', extra: 1 } } })).approvalRequestApprove;
    expect(refused.userErrors.map((e: { field: string[] }) => e.field.join('.'))).toEqual([
      'input.formValues.extra',
      'input.formValues.risk',
      'input.formValues.hours',
    ]);
    const missing = (await admin.ok(APPROVE, { input: { requestId: id, formValues: {} } })).approvalRequestApprove;
    expect(missing.userErrors).toEqual([{ field: ['input', 'formValues', 'risk'], message: 'Risk is required to approve', code: 'BAD_USER_INPUT' }]);
    const ok = (await admin.ok(APPROVE, { input: { requestId: id, formValues: { risk: 'low', hours: 2 } } })).approvalRequestApprove;
    expect(ok.approvalRequest).toMatchObject({ status: 'APPROVED', decisions: [{ formValues: { risk: 'low', hours: 2 } }] });
  });
});

describe('deadlines', () => {
  const at = (seconds: number) => new Date(Date.now() + seconds * 1000);
  const runDeadline = (id: string, now: Date) =>
    inScope(h.services, { actor: { kind: 'system', tenantId: acme, name: 'test clock' } }, (scope) => handleApprovalDeadline(scope, id, now));

  async function chain(onTimeout: string): Promise<{ id: string; uuid: string }> {
    const { approvalRequestCreate } = await dev.ok(CREATE, {
      input: {
        title: `Escalating ${onTimeout}`,
        steps: [
          { name: 'Compliance', deciders: [{ kind: 'ROLE', role: 'COMPLIANCE_OFFICER' }], timeoutSeconds: 3600, onTimeout },
          { name: 'Admins', deciders: [{ kind: 'ROLE', role: 'ADMIN' }], timeoutSeconds: 7200, onTimeout: 'EXPIRE' },
        ],
      },
    });
    const id = approvalRequestCreate.approvalRequest.id;
    const [row] = await h.sql(`SELECT id FROM approval_requests WHERE title = $1 ORDER BY created_at DESC LIMIT 1`, [`Escalating ${onTimeout}`]);
    return { id, uuid: row.id };
  }

  it('escalate to the next step after the timeout, and expire after the last one; nothing happens before the deadline', async () => {
    const { id, uuid } = await chain('ESCALATE');
    expect(await runDeadline(uuid, at(3500))).toBeNull();
    expect(await runDeadline(uuid, at(3601))).toBe('escalated');
    const q = `query($id: ID!) { approvalRequest(id: $id) { ${REQUEST} } }`;
    const escalated = (await admin.ok(q, { id })).approvalRequest;
    expect(escalated).toMatchObject({
      status: 'PENDING',
      steps: [
        { level: 1, status: 'ESCALATED' },
        { level: 2, status: 'PENDING' },
      ],
      currentStep: { name: 'Admins' },
    });
    expect((await compliance.ok(INBOX)).approvalInbox.nodes.map((n: { id: string }) => n.id)).not.toContain(id);
    expect((await admin.ok(INBOX)).approvalInbox.nodes.map((n: { id: string }) => n.id)).toContain(id);
    // The second step's clock starts when it opened (at the first deadline), so it ends about 3 hours from now.
    expect(await runDeadline(uuid, at(3 * 3600 + 5))).toBe('expired');
    expect((await admin.ok(q, { id })).approvalRequest).toMatchObject({ status: 'EXPIRED', steps: [{ status: 'ESCALATED' }, { status: 'EXPIRED' }] });
  });

  it('decide by default at the deadline: APPROVE moves the chain on, REJECT ends it, recorded as decided by the system', async () => {
    const approving = await chain('APPROVE');
    expect(await runDeadline(approving.uuid, at(3601))).toBe('approved');
    const q = `query($id: ID!) { approvalRequest(id: $id) { ${REQUEST} } }`;
    expect((await admin.ok(q, { id: approving.id })).approvalRequest).toMatchObject({
      status: 'PENDING',
      currentStep: { name: 'Admins' },
      decisions: [{ value: 'APPROVE', decider: null, comment: 'No decision by the deadline: approved by default' }],
    });
    const rejecting = await chain('REJECT');
    expect(await runDeadline(rejecting.uuid, at(3601))).toBe('rejected');
    expect((await admin.ok(q, { id: rejecting.id })).approvalRequest).toMatchObject({
      status: 'REJECTED',
      steps: [{ status: 'REJECTED' }, { status: 'SKIPPED' }],
    });
  });

  it('queue a deadline job when a step with a timeout opens', async () => {
    const { uuid } = await chain('EXPIRE');
    const jobs = await h.sql(`SELECT run_at FROM graphile_worker.jobs WHERE task_identifier = 'approvals:deadline' AND key = $1`, [
      `approvals:deadline:${uuid}`,
    ]);
    expect(jobs).toHaveLength(1);
  });
});

describe('approval access', () => {
  it('keeps other tenants out and held changes from those who may not read policies', async () => {
    const request = await manual('SINGLE', ['admin@acme.test']);
    const globex = await h.signIn('admin@globex.test');
    expect((await globex.ok(`query($id: ID!) { approvalRequest(id: $id) { id } }`, { id: request.id })).approvalRequest).toBeNull();
    const refused = await globex.gql(APPROVE, { input: { requestId: request.id } });
    expect(refused.errors?.[0].extensions?.code ?? refused.data?.approvalRequestApprove?.userErrors?.[0]?.code).toMatch(/NOT_FOUND/);
    expect((await globex.ok(`{ approvalRequests { nodes { id } } }`)).approvalRequests.nodes.map((n: { id: string }) => n.id)).not.toContain(request.id);
    const held = await viewer.gql(`{ approvalRequests(first: 5) { nodes { title heldChange { status } } } }`);
    expect(held.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await auditor.ok(`{ approvalRequests(first: 5) { nodes { title heldChange { status } } } }`)).approvalRequests.nodes.length).toBeGreaterThan(0);
    expect(
      (await viewer.gql(CREATE, { input: { title: 'x', steps: [{ name: 'r', deciders: [{ kind: 'ROLE', role: 'ADMIN' }] }] } })).errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');
  });
});

describe('deciders by permission', () => {
  const ROLE_CREATE = `mutation($input: CustomRoleCreateInput!) { customRoleCreate(input: $input) { customRole { id } userErrors { message } } }`;
  const ASSIGN = `mutation($input: MembershipRoleChangeInput!) { membershipRoleChange(input: $input) { userErrors { message } } }`;
  const CANCEL = `mutation($input: ApprovalRequestCancelInput!) { approvalRequestCancel(input: $input) { approvalRequest { status } userErrors { field message } } }`;
  const membershipId = async (email: string) => {
    const [row] = await h.sql(`SELECT m.id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = $1 AND m.tenant_id = $2`, [email, acme]);
    return toGlobalId('Membership', row.id);
  };
  const fullName = async (email: string) => (await h.sql(`SELECT full_name FROM users WHERE email = $1`, [email]))[0].full_name as string;
  async function giveCustomRole(email: string, name: string, permissions: string[]): Promise<void> {
    const { customRoleCreate } = await admin.ok(ROLE_CREATE, { input: { name, description: 'approval test', permissions } });
    expect(customRoleCreate.userErrors).toEqual([]);
    const { membershipRoleChange } = await admin.ok(ASSIGN, {
      input: { membershipId: await membershipId(email), customRoleId: customRoleCreate.customRole.id },
    });
    expect(membershipRoleChange.userErrors).toEqual([]);
  }
  const resolverRequest = async () =>
    (
      await dev.ok(CREATE, {
        input: { title: 'Reviewed by permission', steps: [{ name: 'Review', deciders: [{ kind: 'RESOLVER', resolver: 'COMPLIANCE_OFFICERS_OR_ADMINS' }] }] },
      })
    ).approvalRequestCreate;

  it('count custom roles: compliance.manage makes a compliance reviewer, tenant.manage may withdraw what others asked', async () => {
    // Before: a viewer is nobody's reviewer.
    const before = await resolverRequest();
    expect(before.userErrors).toEqual([]);
    const reviewerName = await fullName('viewer@acme.test');
    expect(before.approvalRequest.currentStep.eligibleDeciders.map((u: { fullName: string }) => u.fullName)).not.toContain(reviewerName);

    await giveCustomRole('viewer@acme.test', 'Policy reviewer', ['COMPLIANCE_MANAGE']);
    await giveCustomRole('auditor@acme.test', 'Tenant steward', ['TENANT_MANAGE']);
    const reviewer = await h.signIn('viewer@acme.test');
    const steward = await h.signIn('auditor@acme.test');

    const request = (await resolverRequest()).approvalRequest;
    const eligible = request.currentStep.eligibleDeciders.map((u: { fullName: string }) => u.fullName);
    expect(eligible).toContain(reviewerName);
    expect(eligible).toContain(await fullName('admin@acme.test'));
    expect(eligible).toContain(await fullName('compliance@acme.test'));
    // tenant.manage alone does not make a compliance reviewer; nor do the developer's permissions.
    expect(eligible).not.toContain(await fullName('auditor@acme.test'));
    expect(eligible).not.toContain(await fullName('dev@acme.test'));
    const approved = await decide(reviewer, request.id, 'approve', 'Reviewed under my custom role');
    expect(approved.userErrors).toEqual([]);
    expect(approved.approvalRequest.status).toBe('APPROVED');

    // Withdrawing someone else's request takes tenant.manage, whatever the role is called.
    const other = (await resolverRequest()).approvalRequest;
    expect((await compliance.ok(CANCEL, { input: { requestId: other.id } })).approvalRequestCancel.userErrors).toEqual([
      { field: ['input', 'requestId'], message: 'Only the requester or an admin can withdraw a request' },
    ]);
    expect((await steward.ok(CANCEL, { input: { requestId: other.id, reason: 'Asked twice' } })).approvalRequestCancel).toEqual({
      approvalRequest: { status: 'CANCELLED' },
      userErrors: [],
    });
  });
});
