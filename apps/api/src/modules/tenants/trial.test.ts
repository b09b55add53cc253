import { Caller, Harness, startHarness } from '../../../test/harness';
import { sweepTrials } from '../../jobs/plan-tasks';
import { taskList } from '../../jobs/worker';
import { JOB } from '../../jobs/job-names';

const CREATE_TENANT = `mutation($input: TenantCreateInput!) { tenantCreate(input: $input) { tenant { id plan } adminInvitationToken userErrors { field message code } } }`;
const AGENT = `mutation($input: AgentCreateInput!) { agentCreate(input: $input) { agent { id } userErrors { field message code } } }`;
const EXTEND = `mutation($input: TenantTrialExtendInput!) { tenantTrialExtend(input: $input) { tenant { readOnlySince subscription { trialEndsAt } } userErrors { field message code } } }`;
const PLAN_CHANGE = `mutation($input: TenantPlanChangeInput!) { tenantPlanChange(input: $input) { tenant { plan readOnlySince } userErrors { field message code } } }`;

const agent = (name: string) => ({ name, role: 'CUSTOM', description: 'trial test', modelTier: 'HAIKU' });
const DAY = 86_400_000;

let h: Harness;
let platform: Caller;
beforeAll(async () => {
  h = await startHarness();
  platform = await h.signIn('platform@steward.test');
});
afterAll(() => h.close());

/** A fresh tenant on the trial plan and its signed-in admin. */
async function trialTenant(slug: string): Promise<{ id: string; uuid: string; admin: Caller; endsAt: Date }> {
  const created = (await platform.ok(CREATE_TENANT, { input: { name: `Trial ${slug}`, slug, plan: 'TRIAL', adminEmail: `admin@${slug}.test` } })).tenantCreate;
  expect(created.userErrors).toEqual([]);
  await h.anonymous.ok(`mutation($t: String!) { invitationAccept(input: { token: $t, fullName: "Admin", password: "a-long-enough-password" }) { accepted } }`, {
    t: created.adminInvitationToken,
  });
  const signIn = await h.anonymous.ok(`mutation($e: String!) { sessionCreate(input: { email: $e, password: "a-long-enough-password" }) { accessToken } }`, {
    e: `admin@${slug}.test`,
  });
  const [row] = await h.sql(`SELECT t.id, s.trial_ends_at FROM tenants t JOIN subscriptions s ON s.tenant_id = t.id AND s.ended_at IS NULL WHERE t.slug = $1`, [
    slug,
  ]);
  return { id: created.tenant.id, uuid: row.id, admin: new Caller(h.url, { token: signIn.sessionCreate.accessToken }), endsAt: new Date(row.trial_ends_at) };
}

describe('trial expiry (job plans:trialExpiry, clock under test control)', () => {
  it('warns three days ahead once, then makes the tenant read-only when the trial runs out; extending or a paid plan ends it', async () => {
    const { id, uuid, admin, endsAt } = await trialTenant('expiring');
    expect(endsAt.getTime() - Date.now()).toBeGreaterThan(13 * DAY);

    // Ten days left: nothing to do.
    expect(await sweepTrials(h.services, new Date(endsAt.getTime() - 10 * DAY))).toEqual({ warned: 0, expired: 0 });

    // Two days left: one warning alert, once.
    const warnAt = new Date(endsAt.getTime() - 2 * DAY);
    expect(await sweepTrials(h.services, warnAt)).toEqual({ warned: 1, expired: 0 });
    expect(await sweepTrials(h.services, warnAt)).toEqual({ warned: 0, expired: 0 });
    const warned = await h.sql(`SELECT severity, message FROM alerts WHERE tenant_id = $1 AND source = 'plan'`, [uuid]);
    expect(warned).toEqual([{ severity: 'warning', message: expect.stringMatching(/^The trial of Trial expiring ends on \d{4}-\d\d-\d\d \(in 2 days\)/) }]);
    expect((await admin.ok(AGENT, { input: agent('Before the end') })).agentCreate.userErrors).toEqual([]);

    // Run out: read-only, a critical alert, audited; reads go on, changes are refused with a clear message.
    const endAt = new Date(endsAt.getTime() + 60_000);
    expect(await sweepTrials(h.services, endAt)).toEqual({ warned: 0, expired: 1 });
    expect(await sweepTrials(h.services, endAt)).toEqual({ warned: 0, expired: 0 });
    const alerts = await h.sql(`SELECT severity FROM alerts WHERE tenant_id = $1 AND source = 'plan' ORDER BY created_at, severity`, [uuid]);
    expect(alerts.map((a) => a.severity).sort()).toEqual(['critical', 'warning']);
    const audit = await h.sql(`SELECT action, actor_type FROM audit_entries WHERE tenant_id = $1 AND action LIKE 'tenant.trial.%' ORDER BY created_at`, [uuid]);
    expect(audit).toEqual([
      { action: 'tenant.trial.warn', actor_type: 'system' },
      { action: 'tenant.trial.expire', actor_type: 'system' },
    ]);
    const refused = (await admin.ok(AGENT, { input: agent('After the end') })).agentCreate;
    expect(refused).toEqual({
      agent: null,
      userErrors: [
        {
          field: null,
          code: 'PLAN_LIMIT',
          message: `The trial ended on ${endAt.toISOString().slice(0, 10)}: this tenant is read-only until a platform admin moves it to a paid plan or extends the trial.`,
        },
      ],
    });
    const read = await admin.ok(`{ agents(first: 10) { totalCount } tenant { readOnlySince } }`);
    expect(read.agents.totalCount).toBe(1);
    expect(new Date(read.tenant.readOnlySince).getTime()).toBe(endAt.getTime());

    // A platform admin extends the trial: writable again, and the job leaves it alone until the new end.
    const extended = (await platform.ok(EXTEND, { input: { tenantId: id, days: 7, reason: 'more time' } })).tenantTrialExtend;
    expect(extended.userErrors).toEqual([]);
    expect(extended.tenant.readOnlySince).toBeNull();
    expect((await admin.ok(AGENT, { input: agent('Extended') })).agentCreate.userErrors).toEqual([]);

    // It runs out again; a paid plan ends the read-only state.
    const [{ trial_ends_at }] = await h.sql(`SELECT trial_ends_at FROM subscriptions WHERE tenant_id = $1 AND ended_at IS NULL`, [uuid]);
    expect(await sweepTrials(h.services, new Date(new Date(trial_ends_at).getTime() + 1000))).toEqual({ warned: 0, expired: 1 });
    expect((await admin.ok(AGENT, { input: agent('Refused again') })).agentCreate.userErrors[0].code).toBe('PLAN_LIMIT');
    const paid = (await platform.ok(PLAN_CHANGE, { input: { tenantId: id, plan: 'STARTER' } })).tenantPlanChange;
    expect(paid).toEqual({ tenant: { plan: 'STARTER', readOnlySince: null }, userErrors: [] });
    expect((await admin.ok(AGENT, { input: agent('Paid') })).agentCreate.userErrors).toEqual([]);
    expect(await sweepTrials(h.services, new Date(Date.now() + 365 * DAY))).toEqual({ warned: 0, expired: 0 });
  });

  it('is a scheduled job of the worker; the read-only tenant can still sign in and out', async () => {
    expect(Object.keys(taskList(h.services))).toContain(JOB.trialExpiry);
    const { uuid, admin } = await trialTenant('signing');
    await h.sql(`UPDATE subscriptions SET trial_ends_at = now() - interval '1 minute' WHERE tenant_id = $1 AND ended_at IS NULL`, [uuid]);
    expect((await sweepTrials(h.services)).expired).toBe(1);
    const again = await h.anonymous.ok(
      `mutation { sessionCreate(input: { email: "admin@signing.test", password: "a-long-enough-password" }) { accessToken userErrors { message } } }`,
    );
    expect(again.sessionCreate.accessToken).toEqual(expect.any(String));
    expect((await admin.ok(AGENT, { input: agent('No') })).agentCreate.userErrors[0].code).toBe('PLAN_LIMIT');
  });
});
