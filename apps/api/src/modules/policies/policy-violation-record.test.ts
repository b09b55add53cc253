import { Caller, Harness, startHarness } from '../../../test/harness';
import { stableUuid } from '../../db/seed/deterministic';
import { toGlobalId } from '../../graphql/global-id';

const RECORD = `query($id: ID!) { policyViolation(id: $id) { id ruleName agentName status
  decision { ruleName agentName result actionTaken trigger policyVersion inputDigest decidedAt agent { name } policy { name } }
  waiverHistory { kind at reason expiresAt by { fullName } } } }`;
const WAIVE = `mutation($input: PolicyViolationWaiveInput!) { policyViolationWaive(input: $input) { userErrors { message } } }`;
const REVOKE = `mutation($input: PolicyViolationWaiverRevokeInput!) { policyViolationWaiverRevoke(input: $input) { userErrors { message } } }`;

let h: Harness;
let admin: Caller;
const openViolation = async (tenant = 'acme') =>
  (
    await h.sql(
      `SELECT v.id, v.rule_name, v.agent_name, v.decision_id FROM policy_violations v JOIN tenants t ON t.id = v.tenant_id
    WHERE t.slug = $1 AND v.status = 'open' AND v.decision_id IS NOT NULL ORDER BY v.detected_at, v.id LIMIT 1`,
      [tenant],
    )
  )[0];

beforeAll(async () => {
  h = await startHarness();
  admin = await h.signIn('admin@acme.test');
});
afterAll(() => h.close());

describe('a violation read by id', () => {
  it('carries the decision that found it', async () => {
    const seeded = await openViolation();
    const { policyViolation } = await admin.ok(RECORD, { id: toGlobalId('PolicyViolation', seeded.id) });
    const [decision] = await h.sql(`SELECT result, action_taken, input_digest FROM policy_decisions WHERE id = $1`, [seeded.decision_id]);
    expect(policyViolation).toMatchObject({
      ruleName: seeded.rule_name,
      agentName: seeded.agent_name,
      status: 'OPEN',
      waiverHistory: [],
      decision: {
        ruleName: seeded.rule_name,
        agentName: seeded.agent_name,
        result: decision.result.toUpperCase(),
        actionTaken: decision.action_taken.toUpperCase(),
        inputDigest: decision.input_digest,
        agent: { name: seeded.agent_name },
      },
    });
    expect(decision.result).toBe('violation');
  });

  it('lists every waiver granted and revoked for the agent under the rule, oldest first, with who and why', async () => {
    const seeded = await openViolation();
    const id = toGlobalId('PolicyViolation', seeded.id);
    const until = new Date(Date.now() + 7 * 86400_000).toISOString();
    expect(
      (await admin.ok(WAIVE, { input: { violationId: id, reason: 'Vendor fix due next week', expiresAt: until } })).policyViolationWaive.userErrors,
    ).toEqual([]);
    expect((await admin.ok(REVOKE, { input: { violationId: id } })).policyViolationWaiverRevoke.userErrors).toEqual([]);
    // A refused attempt is audited as a failure and is no part of the history.
    expect((await admin.ok(REVOKE, { input: { violationId: id } })).policyViolationWaiverRevoke.userErrors).toHaveLength(1);
    expect((await admin.ok(WAIVE, { input: { violationId: id, reason: 'Accepted risk' } })).policyViolationWaive.userErrors).toEqual([]);
    const { policyViolation } = await admin.ok(RECORD, { id });
    expect(policyViolation.status).toBe('WAIVED');
    expect(policyViolation.waiverHistory).toEqual([
      { kind: 'WAIVED', at: expect.any(String), reason: 'Vendor fix due next week', expiresAt: until, by: { fullName: 'Ada Admin' } },
      { kind: 'REVOKED', at: expect.any(String), reason: null, expiresAt: null, by: { fullName: 'Ada Admin' } },
      { kind: 'WAIVED', at: expect.any(String), reason: 'Accepted risk', expiresAt: null, by: { fullName: 'Ada Admin' } },
    ]);
    await admin.ok(REVOKE, { input: { violationId: id } });
  });

  it.each([
    ['dev@acme.test', true],
    ['compliance@acme.test', true],
    ['auditor@acme.test', true],
    ['analyst@acme.test', false],
    ['viewer@acme.test', false],
  ])('is read by %s: %s', async (email, may) => {
    const seeded = await openViolation();
    const response = await (await h.signIn(email)).gql(RECORD, { id: toGlobalId('PolicyViolation', seeded.id) });
    if (may) {
      expect(response.errors).toBeUndefined();
      expect(response.data.policyViolation.decision.ruleName).toBe(seeded.rule_name);
    } else {
      expect(response.data?.policyViolation ?? null).toBeNull();
      expect(response.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
  });

  it("is NOT_FOUND for another tenant's violation, and for an id of another type", async () => {
    const globex = await openViolation('globex');
    const response = await admin.gql(RECORD, { id: toGlobalId('PolicyViolation', globex.id) });
    expect(response.data.policyViolation).toBeNull();
    expect(response.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const wrongType = await admin.gql(RECORD, { id: toGlobalId('Agent', stableUuid('agent:acme:Code Reviewer')) });
    expect(wrongType.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('costs the same statements for a page of 2 or 20 violations with their decisions and waiver histories', async () => {
    const PAGE = `query($first: Int!) { policyViolations(first: $first) { nodes { id decision { ruleName agent { name } } waiverHistory { kind by { fullName } } } } }`;
    // Earlier, resolved findings of the seeded violations, so a page of 20 is full.
    await h.sql(`INSERT INTO policy_violations (tenant_id, policy_id, policy_version, rule_name, agent_id, agent_name, severity, enforcement, message, observed, status, decision_id, detected_at, resolved_at)
      SELECT v.tenant_id, v.policy_id, v.policy_version, v.rule_name, v.agent_id, v.agent_name, v.severity, v.enforcement, v.message, v.observed, 'resolved', v.decision_id,
             v.detected_at - make_interval(days => i), v.detected_at - make_interval(days => i) + interval '1 hour'
      FROM policy_violations v CROSS JOIN generate_series(1, 20) i JOIN tenants t ON t.id = v.tenant_id WHERE t.slug = 'acme' AND v.status = 'open'`);
    const counts: number[] = [];
    for (const first of [2, 20]) {
      const response = await admin.gql(PAGE, { first });
      expect(response.errors).toBeUndefined();
      expect(response.data.policyViolations.nodes.length).toBe(first);
      counts.push(response.extensions?.sql.statements);
    }
    expect(counts[1]).toBe(counts[0]);
  });
});
