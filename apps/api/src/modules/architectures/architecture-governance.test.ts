import { Caller, Harness, startHarness } from '../../../test/harness';
import { stableUuid } from '../../db/seed/deterministic';
import { toGlobalId } from '../../graphql/global-id';
import { inScope } from '../../scope';
import { handleApprovalDeadline } from '../approvals';

// Architecture governance beyond block and warn: require-approval holds, re-judging designs when a
// policy changes, and waivers that exempt one violation (one design, one version, one rule).

const FIELDS = `id name status version tags`;
const PAYLOAD = `architecture { ${FIELDS} } userErrors { field message code } policyWarnings { policyName ruleName }
  policyViolations { policyName ruleName } policyHolds { policyName ruleName enforcement }
  heldForApproval { id title kind status heldChange { action status outcomeMessage } }`;
const CREATE = `mutation($input: ArchitectureCreateInput!) { architectureCreate(input: $input) { ${PAYLOAD} } }`;
const UPDATE = `mutation($input: ArchitectureUpdateInput!) { architectureUpdate(input: $input) { ${PAYLOAD} } }`;
const ACTIVATE = `mutation($input: ArchitectureLifecycleInput!) { architectureActivate(input: $input) { ${PAYLOAD} } }`;
const POLICY_CREATE = `mutation($input: PolicyCreateInput!) { policyCreate(input: $input) { policy { id latestEvaluationRun { id status total } } userErrors { field message } } }`;
const POLICY_UPDATE = `mutation($input: PolicyUpdateInput!) { policyUpdate(input: $input) { policy { id version latestEvaluationRun { id } } userErrors { field message } } }`;
const POLICY_ACTIVATE = `mutation($input: PolicyActivationInput!) { policyActivate(input: $input) { policy { id active } userErrors { field message } } }`;
const APPROVE = `mutation($input: ApprovalRequestApproveInput!) { approvalRequestApprove(input: $input) { approvalRequest { status heldChange { status outcomeMessage } } userErrors { message } } }`;
const WAIVE = `mutation($input: PolicyViolationWaiveInput!) { policyViolationWaive(input: $input) { violation { status } userErrors { message } } }`;
const REJECT = `mutation($input: ApprovalRequestRejectInput!) { approvalRequestReject(input: $input) { approvalRequest { status heldChange { status outcomeMessage } } userErrors { message } } }`;
const RUN = `query($id: ID!) { node(id: $id) { ... on PolicyEvaluationRun { status total processed violationsFound } } }`;

const svc = (key: string, type: string, extra: Record<string, unknown> = {}) => ({ key, type, name: key, x: 10, y: 20, ...extra });

let h: Harness;
let dev: Caller;
let admin: Caller;
let compliance: Caller;
beforeAll(async () => {
  h = await startHarness();
  dev = await h.signIn('dev@acme.test');
  admin = await h.signIn('admin@acme.test');
  compliance = await h.signIn('compliance@acme.test');
});
afterAll(() => h.close());

const idOf = async (name: string): Promise<string> => (await h.sql(`SELECT id FROM architectures WHERE name = $1`, [name]))[0].id;

async function design(name: string, tags: string[], extra: Record<string, unknown> = {}) {
  const created = (
    await dev.ok(CREATE, {
      input: {
        name,
        cloudProvider: 'AWS',
        region: 'us-east-1',
        environment: 'STAGING',
        tags,
        services: [svc('net', 'aws.vpc'), svc('db', 'aws.relational_db')],
        ...extra,
      },
    })
  ).architectureCreate;
  expect(created.userErrors).toEqual([]);
  return created;
}

async function policy(name: string, enforcement: string, tags: string[], condition: string, active = true) {
  const created = (
    await admin.ok(POLICY_CREATE, {
      input: {
        name,
        type: 'ARCHITECTURE',
        severity: 'HIGH',
        enforcement,
        active,
        scope: { kind: 'TAGS', tags },
        rules: [{ name: `${name} rule`, condition, message: `${name} broken` }],
      },
    })
  ).policyCreate;
  expect(created.userErrors).toEqual([]);
  return created.policy;
}

describe('architecture policies in REQUIRE_APPROVAL mode', () => {
  it('hold an activation as an approval request; the approval applies it, re-checked, with the decision recorded as approved', async () => {
    await policy(
      'Regulated designs need approval',
      'REQUIRE_APPROVAL',
      ['regulated-infra'],
      'architecture.status == "active" && architecture.environment == "staging"',
    );
    const draft = await design('Ledger', ['regulated-infra']);
    // Saving the draft is not held: the rule judges what goes live.
    expect(draft.policyHolds).toEqual([]);
    const id = draft.architecture.id;
    const uuid = await idOf('Ledger');

    const held = (await dev.ok(ACTIVATE, { input: { architectureId: id } })).architectureActivate;
    expect(held.architecture).toBeNull();
    expect(held.userErrors).toEqual([]);
    expect(held.policyHolds).toEqual([
      { policyName: 'Regulated designs need approval', ruleName: 'Regulated designs need approval rule', enforcement: 'REQUIRE_APPROVAL' },
    ]);
    expect(held.heldForApproval).toMatchObject({
      title: 'Activate architecture Ledger',
      kind: 'ARCHITECTURE_CHANGE',
      status: 'PENDING',
      heldChange: { action: 'activate', status: 'HELD', outcomeMessage: null },
    });
    expect(await h.sql(`SELECT status, version FROM architectures WHERE id = $1`, [uuid])).toEqual([{ status: 'draft', version: 1 }]);
    // A second attempt while the first waits is a conflict, not a second request.
    const again = (await dev.ok(ACTIVATE, { input: { architectureId: id } })).architectureActivate;
    expect(again.userErrors).toEqual([{ field: ['input', 'architectureId'], message: expect.stringMatching(/already waits for approval/), code: 'CONFLICT' }]);
    // The requester cannot approve their own change.
    const self = (await dev.ok(APPROVE, { input: { requestId: held.heldForApproval.id, comment: 'mine' } })).approvalRequestApprove;
    expect(self.userErrors[0].message).toMatch(/someone else must decide/);

    const approved = (await compliance.ok(APPROVE, { input: { requestId: held.heldForApproval.id, comment: 'Reviewed the ledger design' } }))
      .approvalRequestApprove;
    expect(approved.userErrors).toEqual([]);
    expect(approved.approvalRequest).toMatchObject({ status: 'APPROVED', heldChange: { status: 'APPLIED', outcomeMessage: null } });
    expect(await h.sql(`SELECT status, version FROM architectures WHERE id = $1`, [uuid])).toEqual([{ status: 'active', version: 2 }]);
    const decisions = await h.sql(
      `SELECT d.trigger, d.result, d.action_taken FROM policy_decisions d JOIN policies p ON p.id = d.policy_id
       WHERE d.architecture_id = $1 AND p.name = 'Regulated designs need approval' ORDER BY d.decided_at, d.id`,
      [uuid],
    );
    expect(decisions).toEqual([
      { trigger: 'create', result: 'pass', action_taken: 'none' },
      { trigger: 'deploy', result: 'violation', action_taken: 'held' },
      { trigger: 'deploy', result: 'violation', action_taken: 'approved' },
    ]);
    // The approval settled the rule: nothing open against the design.
    expect(await h.sql(`SELECT status FROM policy_violations WHERE architecture_id = $1`, [uuid])).toEqual([]);
    const audit = await h.sql(
      `SELECT action, outcome, after->>'approvalRequestId' IS NOT NULL AS linked FROM audit_entries WHERE entity_id = $1 AND action LIKE 'architecture.activate%' ORDER BY seq`,
      [uuid],
    );
    expect(audit).toEqual([
      { action: 'architecture.activate.held', outcome: 'success', linked: true },
      // The second attempt, refused while the first waited.
      { action: 'architecture.activate', outcome: 'failure', linked: false },
      { action: 'architecture.activate', outcome: 'success', linked: true },
    ]);
  });

  it('apply nothing when the design no longer passes the other policies at approval time', async () => {
    await policy('Cold storage needs approval', 'REQUIRE_APPROVAL', ['cold'], 'architecture.status == "active"');
    const draft = await design('Archive vault', ['cold']);
    const held = (await dev.ok(ACTIVATE, { input: { architectureId: draft.architecture.id } })).architectureActivate;
    expect(held.heldForApproval.status).toBe('PENDING');
    // While it waits, the draft becomes a production design without monitoring.
    const moved = (await dev.ok(UPDATE, { input: { architectureId: draft.architecture.id, environment: 'PRODUCTION' } })).architectureUpdate;
    expect(moved.userErrors).toEqual([]);
    // Production without monitoring: the seeded block policy refuses the activation when the approval replays it.
    const approved = (await compliance.ok(APPROVE, { input: { requestId: held.heldForApproval.id, comment: 'ok' } })).approvalRequestApprove;
    expect(approved.approvalRequest.heldChange).toEqual({
      status: 'REFUSED',
      outcomeMessage: 'Production needs monitoring: A production architecture must include monitoring before it goes live',
    });
    expect((await h.sql(`SELECT status FROM architectures WHERE name = 'Archive vault'`))[0].status).toBe('draft');
  });
});

describe('the demo seed', () => {
  it("holds the multi-cloud draft's activation under its require-approval architecture policy, waiting in the inbox; approving it activates the design", async () => {
    const [seeded] = await h.sql(`SELECT type, enforcement FROM policies WHERE id = $1`, [stableUuid('policy:acme:multi-cloud-approval')]);
    expect(seeded).toEqual({ type: 'architecture', enforcement: 'require_approval' });
    const requestId = toGlobalId('ApprovalRequest', stableUuid('approval:acme:lakehouse-activation'));
    const inbox = (await compliance.ok(`{ approvalInbox(first: 50) { nodes { id title kind heldChange { action status } } } }`)).approvalInbox.nodes;
    expect(inbox).toContainEqual({
      id: requestId,
      title: 'Activate architecture Evaluation lakehouse',
      kind: 'ARCHITECTURE_CHANGE',
      heldChange: { action: 'activate', status: 'HELD' },
    });
    const lakehouse = stableUuid('architecture:acme:Evaluation lakehouse');
    expect(await h.sql(`SELECT status FROM architectures WHERE id = $1`, [lakehouse])).toEqual([{ status: 'draft' }]);
    const approved = (await compliance.ok(APPROVE, { input: { requestId, comment: 'Trace archive reviewed' } })).approvalRequestApprove;
    expect(approved.approvalRequest).toMatchObject({ status: 'APPROVED', heldChange: { status: 'APPLIED' } });
    expect(await h.sql(`SELECT status FROM architectures WHERE id = $1`, [lakehouse])).toEqual([{ status: 'active' }]);
  });
});

describe('a held design change that is not approved', () => {
  const acme = stableUuid('tenant:acme');
  const GET = `query($id: ID!) { architecture(id: $id) { version status services { key type } } }`;

  /** An active design whose next save (adding a cache) is held by a require-approval policy. */
  async function heldSave(name: string, tag: string) {
    await policy(
      `${name} caches need approval`,
      'REQUIRE_APPROVAL',
      [tag],
      'architecture.status == "active" && architecture.services.exists(s, s.kind == "cache")',
    );
    const draft = await design(name, [tag]);
    const id = draft.architecture.id;
    const active = (await dev.ok(ACTIVATE, { input: { architectureId: id } })).architectureActivate;
    expect(active.userErrors).toEqual([]);
    expect(active.architecture).toMatchObject({ status: 'ACTIVE', version: 2 });
    const services = [svc('net', 'aws.vpc'), svc('db', 'aws.relational_db'), svc('sessions', 'aws.cache')];
    const held = (await dev.ok(UPDATE, { input: { architectureId: id, services } })).architectureUpdate;
    expect(held.architecture).toBeNull();
    expect(held.heldForApproval).toMatchObject({ kind: 'ARCHITECTURE_CHANGE', status: 'PENDING', heldChange: { action: 'update', status: 'HELD' } });
    return { id, uuid: await idOf(name), request: held.heldForApproval as { id: string }, services };
  }

  async function unchanged(id: string, uuid: string) {
    expect((await dev.ok(GET, { id })).architecture).toEqual({
      version: 2,
      status: 'ACTIVE',
      services: [
        { key: 'net', type: 'aws.vpc' },
        { key: 'db', type: 'aws.relational_db' },
      ],
    });
    expect(await h.sql(`SELECT version FROM architecture_versions WHERE architecture_id = $1 ORDER BY version`, [uuid])).toEqual([
      { version: 1 },
      { version: 2 },
    ]);
    const saves = await h.sql(`SELECT action, outcome FROM audit_entries WHERE entity_id = $1 AND action LIKE 'architecture.update%' ORDER BY seq`, [uuid]);
    expect(saves).toEqual([{ action: 'architecture.update.held', outcome: 'success' }]);
  }

  it('is discarded when the request is rejected: the design stays as it was, and the next save is judged afresh', async () => {
    const { id, uuid, request, services } = await heldSave('Session store', 'held-reject');
    const rejected = (await compliance.ok(REJECT, { input: { requestId: request.id, comment: 'Use the existing cluster' } })).approvalRequestReject;
    expect(rejected.userErrors).toEqual([]);
    expect(rejected.approvalRequest).toEqual({
      status: 'REJECTED',
      heldChange: { status: 'DISCARDED', outcomeMessage: 'Discarded: the request was rejected' },
    });
    await unchanged(id, uuid);
    // Nothing waits any more: saving the same change again opens a new request instead of a conflict.
    const again = (await dev.ok(UPDATE, { input: { architectureId: id, services } })).architectureUpdate;
    expect(again.userErrors).toEqual([]);
    expect(again.heldForApproval.id).not.toBe(request.id);
    expect(again.heldForApproval.status).toBe('PENDING');
  });

  it('is discarded when the request expires unanswered, and never applied afterwards', async () => {
    const { id, uuid, request } = await heldSave('Rate limiter', 'held-expire');
    const [row] = await h.sql(`SELECT r.id FROM approval_requests r WHERE r.subject_id = $1 AND r.status = 'pending'`, [uuid]);
    const deadline = (at: Date) =>
      inScope(h.services, { actor: { kind: 'system', tenantId: acme, name: 'test clock' } }, (scope) => handleApprovalDeadline(scope, row.id, at));
    // The governance step waits a week, then expires.
    expect(await deadline(new Date(Date.now() + 6 * 24 * 3600 * 1000))).toBeNull();
    expect(await deadline(new Date(Date.now() + 7 * 24 * 3600 * 1000 + 60_000))).toBe('expired');
    const HELD = `query($id: ID!) { approvalRequest(id: $id) { status heldChange { status outcomeMessage } } }`;
    expect((await dev.ok(HELD, { id: request.id })).approvalRequest).toEqual({
      status: 'EXPIRED',
      heldChange: { status: 'DISCARDED', outcomeMessage: 'Discarded: the request was expired' },
    });
    await unchanged(id, uuid);
    // A late approval cannot apply it.
    const late = (await compliance.ok(APPROVE, { input: { requestId: request.id, comment: 'too late' } })).approvalRequestApprove;
    expect(late.userErrors).not.toEqual([]);
    await unchanged(id, uuid);
  });
});

describe('designs are judged again when a policy that covers them changes', () => {
  const openOn = (uuid: string, policyName: string) =>
    h.sql(
      `SELECT v.status, v.architecture_version FROM policy_violations v JOIN policies p ON p.id = v.policy_id
       WHERE v.architecture_id = $1 AND p.name = $2 ORDER BY v.detected_at`,
      [uuid, policyName],
    );

  it('a new policy opens violations on the designs it covers; editing it clears or re-scopes them; activating it judges again', async () => {
    const east = await design('Rejudged east', ['rejudge']);
    await design('Rejudged west', ['rejudge'], { region: 'us-west-2' });
    await design('Rejudged elsewhere', ['other']);
    const eastUuid = await idOf('Rejudged east');
    const westUuid = await idOf('Rejudged west');
    const elsewhereUuid = await idOf('Rejudged elsewhere');
    // Active designs are judged too, at the version they stand at.
    expect((await dev.ok(ACTIVATE, { input: { architectureId: east.architecture.id } })).architectureActivate.architecture.version).toBe(2);

    const created = await policy('Stay out of us-east-1', 'AUDIT', ['rejudge'], 'architecture.region == "us-east-1"');
    expect(created.latestEvaluationRun).toMatchObject({ status: 'QUEUED', total: 2 });
    // Nothing changes until the job queue judges the designs.
    expect(await openOn(eastUuid, 'Stay out of us-east-1')).toEqual([]);
    await h.runJobs();
    expect((await admin.ok(RUN, { id: created.latestEvaluationRun.id })).node).toEqual({ status: 'SUCCEEDED', total: 2, processed: 2, violationsFound: 1 });
    expect(await openOn(eastUuid, 'Stay out of us-east-1')).toEqual([{ status: 'open', architecture_version: 2 }]);
    expect(await openOn(westUuid, 'Stay out of us-east-1')).toEqual([]);
    expect(await openOn(elsewhereUuid, 'Stay out of us-east-1')).toEqual([]);
    const decisions = await h.sql(
      `SELECT a.name, d.result FROM policy_decisions d JOIN architectures a ON a.id = d.architecture_id JOIN policies p ON p.id = d.policy_id
       WHERE p.name = 'Stay out of us-east-1' AND d.trigger = 'reevaluation' ORDER BY a.name`,
    );
    expect(decisions).toEqual([
      { name: 'Rejudged east', result: 'violation' },
      { name: 'Rejudged west', result: 'pass' },
    ]);

    // An edit that judges differently: east passes now, west breaks the rule.
    const edited = (
      await admin.ok(POLICY_UPDATE, {
        input: { policyId: created.id, rules: [{ name: 'Stay out of us-east-1 rule', condition: 'architecture.region == "us-west-2"', message: 'No west' }] },
      })
    ).policyUpdate;
    expect(edited.userErrors).toEqual([]);
    await h.runJobs();
    expect(await openOn(eastUuid, 'Stay out of us-east-1')).toEqual([{ status: 'resolved', architecture_version: 2 }]);
    expect(await openOn(westUuid, 'Stay out of us-east-1')).toEqual([{ status: 'open', architecture_version: 1 }]);

    // A scope that no longer covers west clears its violation at once: nothing would judge it again.
    expect((await admin.ok(POLICY_UPDATE, { input: { policyId: created.id, scope: { kind: 'TAGS', tags: ['other'] } } })).policyUpdate.userErrors).toEqual([]);
    expect(await openOn(westUuid, 'Stay out of us-east-1')).toEqual([{ status: 'resolved', architecture_version: 1 }]);
    await h.runJobs();
    expect(await openOn(elsewhereUuid, 'Stay out of us-east-1')).toEqual([]);

    // A policy created inactive judges nothing until it is activated.
    const dormant = await policy('No databases in rejudge', 'WARN', ['rejudge'], '"relational_db" in architecture.serviceKinds', false);
    expect(dormant.latestEvaluationRun).toBeNull();
    await h.runJobs();
    expect(await openOn(westUuid, 'No databases in rejudge')).toEqual([]);
    expect((await admin.ok(POLICY_ACTIVATE, { input: { policyId: dormant.id } })).policyActivate.policy.active).toBe(true);
    await h.runJobs();
    expect(await openOn(westUuid, 'No databases in rejudge')).toEqual([{ status: 'open', architecture_version: 1 }]);
    expect(await openOn(eastUuid, 'No databases in rejudge')).toEqual([{ status: 'open', architecture_version: 2 }]);
  });
});

describe('a waiver on an architecture violation', () => {
  it('exempts exactly that design at that version from that rule: not other designs, not later versions', async () => {
    await policy(
      'Tagged buckets private',
      'WARN',
      ['waivers'],
      'architecture.services.exists(s, s.kind == "object_storage" && s.properties.publicAccess == true)',
    );
    const publicBucket = [svc('site', 'aws.object_storage', { properties: { publicAccess: true } })];
    const one = await design('Waived site', ['waivers'], { services: publicBucket });
    const two = await design('Unwaived site', ['waivers'], { services: publicBucket });
    expect(one.policyWarnings.map((w: { policyName: string }) => w.policyName)).toContain('Tagged buckets private');
    const oneUuid = await idOf('Waived site');
    const twoUuid = await idOf('Unwaived site');
    const [violation] = await h.sql(
      `SELECT v.id FROM policy_violations v JOIN policies p ON p.id = v.policy_id WHERE v.architecture_id = $1 AND p.name = 'Tagged buckets private' AND v.status = 'open'`,
      [oneUuid],
    );
    // Only admins waive: a developer (who may draw and activate) may not.
    const byDeveloper = await dev.gql(WAIVE, { input: { violationId: toGlobalId('PolicyViolation', violation.id), reason: 'My own design' } });
    expect(byDeveloper.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const waived = (
      await admin.ok(WAIVE, {
        input: { violationId: toGlobalId('PolicyViolation', violation.id), reason: 'Marketing site' },
      })
    ).policyViolationWaive;
    expect(waived.violation.status).toBe('WAIVED');
    const warned = (r: { policyWarnings: { policyName: string }[] }) => r.policyWarnings.some((w) => w.policyName === 'Tagged buckets private');

    // The same draft version: still exempt. The other design: not exempt.
    expect(warned((await dev.ok(UPDATE, { input: { architectureId: one.architecture.id, description: 'v1 still' } })).architectureUpdate)).toBe(false);
    expect(warned((await dev.ok(UPDATE, { input: { architectureId: two.architecture.id, description: 'also public' } })).architectureUpdate)).toBe(true);
    const openOf = async (uuid: string) =>
      (
        await h.sql(
          `SELECT v.status, v.architecture_version AS version FROM policy_violations v JOIN policies p ON p.id = v.policy_id
           WHERE v.architecture_id = $1 AND p.name = 'Tagged buckets private' ORDER BY v.detected_at`,
          [uuid],
        )
      ).map((r: { status: string; version: number }) => `${r.status}@${r.version}`);
    expect(await openOf(oneUuid)).toEqual(['waived@1']);
    expect(await openOf(twoUuid)).toEqual(['open@1']);

    // Activating makes version 2: the waiver granted on version 1 does not cover it.
    const activated = (await dev.ok(ACTIVATE, { input: { architectureId: one.architecture.id } })).architectureActivate;
    expect(activated.architecture.version).toBe(2);
    expect(warned(activated)).toBe(true);
    expect(await openOf(oneUuid)).toEqual(['waived@1', 'open@2']);
    const decisions = await h.sql(
      `SELECT d.trigger, d.action_taken FROM policy_decisions d JOIN policies p ON p.id = d.policy_id
       WHERE d.architecture_id = $1 AND p.name = 'Tagged buckets private' ORDER BY d.decided_at, d.id`,
      [oneUuid],
    );
    expect(decisions).toEqual([
      { trigger: 'create', action_taken: 'warned' },
      { trigger: 'update', action_taken: 'waived' },
      { trigger: 'deploy', action_taken: 'warned' },
    ]);
  });
});
