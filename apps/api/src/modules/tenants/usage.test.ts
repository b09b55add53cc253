import { Caller, Harness, startHarness } from '../../../test/harness';

const CREATE_TENANT = `mutation($input: TenantCreateInput!) { tenantCreate(input: $input) { tenant { id plan } adminInvitationToken userErrors { field message code } } }`;
const RECORD = `mutation($input: AnalyticsEventsRecordInput!) { analyticsEventsRecord(input: $input) { outcome recordedCount userErrors { field message code } } }`;
const USAGE = `{ tenant { usage { limit used max liftedBy { tier } } usageDays { start events apiRequests } usageMonths { start events apiRequests } } }`;

let h: Harness;
let platform: Caller;
beforeAll(async () => {
  h = await startHarness();
  platform = await h.signIn('platform@steward.test');
});
afterAll(() => h.close());

/** A fresh trial tenant and its signed-in admin. */
async function tenantOn(slug: string): Promise<{ id: string; uuid: string; admin: Caller }> {
  const created = (await platform.ok(CREATE_TENANT, { input: { name: `Tenant ${slug}`, slug, adminEmail: `admin@${slug}.test` } })).tenantCreate;
  expect(created.userErrors).toEqual([]);
  await h.anonymous.ok(`mutation($t: String!) { invitationAccept(input: { token: $t, fullName: "Admin", password: "a-long-enough-password" }) { accepted } }`, {
    t: created.adminInvitationToken,
  });
  const signIn = await h.anonymous.ok(`mutation($e: String!) { sessionCreate(input: { email: $e, password: "a-long-enough-password" }) { accessToken } }`, {
    e: `admin@${slug}.test`,
  });
  const [row] = await h.sql<{ id: string }>(`SELECT id FROM tenants WHERE slug = $1`, [slug]);
  return { id: created.tenant.id, uuid: row.id, admin: new Caller(h.url, { token: signIn.sessionCreate.accessToken }) };
}

const batch = (key: string, n: number) => ({ batchKey: key, events: Array.from({ length: n }, (_, i) => ({ type: 'SYSTEM_EVENT', name: `usage.test.${i}` })) });

describe('events a month', () => {
  it('are counted in the recording transaction, and of two concurrent batches that together pass the limit exactly one is recorded', async () => {
    const { uuid, admin } = await tenantOn('metered');
    await h.sql(`UPDATE tenants SET resource_limits = '{"maxEventsPerMonth": 10}' WHERE id = $1`, [uuid]);
    expect((await admin.ok(RECORD, { input: batch('first', 6) })).analyticsEventsRecord).toEqual({ outcome: 'RECORDED', recordedCount: 6, userErrors: [] });
    // A retry of the same batch is a duplicate and counts nothing.
    expect((await admin.ok(RECORD, { input: batch('first', 6) })).analyticsEventsRecord.outcome).toBe('DUPLICATE');
    const racing = await Promise.all(['second', 'third'].map((key) => admin.ok(RECORD, { input: batch(key, 3) })));
    const outcomes = racing.map((r) => r.analyticsEventsRecord);
    expect(outcomes.filter((o) => o.outcome === 'RECORDED')).toHaveLength(1);
    const refused = outcomes.find((o) => o.outcome !== 'RECORDED')!;
    expect(refused.userErrors).toEqual([
      {
        field: ['input', 'events'],
        code: 'PLAN_LIMIT',
        message:
          "This tenant's negotiated limit allows 10 analytics events a month; 9 are recorded this month, and these 3 would pass it. The Starter plan allows 100000 a month.",
      },
    ]);
    const [stored] = await h.sql<{ n: number }>(`SELECT count(*)::int AS n FROM analytics_events WHERE tenant_id = $1`, [uuid]);
    expect(stored.n).toBe(9);
    const { tenant } = await admin.ok(USAGE);
    expect(tenant.usage.find((u: { limit: string }) => u.limit === 'EVENTS_PER_MONTH')).toEqual({
      limit: 'EVENTS_PER_MONTH',
      used: 9,
      max: 10,
      liftedBy: { tier: 'STARTER' },
    });
    expect(tenant.usageDays.map((d: { events: number }) => d.events)).toEqual([9]);
    expect(tenant.usageMonths[0].events).toBe(9);
    // One more still fits; the plan's own limit names the plan.
    expect((await admin.ok(RECORD, { input: batch('fourth', 1) })).analyticsEventsRecord.outcome).toBe('RECORDED');
    await h.sql(`UPDATE tenants SET resource_limits = '{}' WHERE id = $1`, [uuid]);
    await h.sql(`UPDATE plans SET max_events_per_month = 12 WHERE code = 'trial'`);
    try {
      const over = (await admin.ok(RECORD, { input: batch('fifth', 5) })).analyticsEventsRecord.userErrors;
      expect(over[0].message).toBe(
        'The Trial plan allows 12 analytics events a month; 10 are recorded this month, and these 5 would pass it. The Starter plan allows 100000 a month.',
      );
    } finally {
      await h.sql(`UPDATE plans SET max_events_per_month = 10000 WHERE code = 'trial'`);
    }
  });

  it('count earlier days of the month, not last month', async () => {
    const { uuid, admin } = await tenantOn('monthly');
    await h.sql(`UPDATE tenants SET resource_limits = '{"maxEventsPerMonth": 10}' WHERE id = $1`, [uuid]);
    // Last month's use is history; earlier days of this month count (today may be the 1st: then only last month is arranged).
    await h.sql(`INSERT INTO tenant_usage_days (tenant_id, day, events) VALUES ($1, date_trunc('month', now() AT TIME ZONE 'UTC')::date - 1, 500)`, [uuid]);
    const today = new Date().getUTCDate();
    if (today > 1)
      await h.sql(`INSERT INTO tenant_usage_days (tenant_id, day, events) VALUES ($1, date_trunc('month', now() AT TIME ZONE 'UTC')::date, 8)`, [uuid]);
    const result = (await admin.ok(RECORD, { input: batch('month', 3) })).analyticsEventsRecord;
    if (today > 1) expect(result.userErrors[0]?.code).toBe('PLAN_LIMIT');
    else expect(result.outcome).toBe('RECORDED');
    const { tenant } = await admin.ok(USAGE);
    expect(tenant.usageMonths.map((m: { events: number }) => m.events)).toEqual(today > 1 ? [8, 500] : [3, 500]);
  });
});

describe('API requests', () => {
  it('of signed-in sessions are held to the plan’s requests a minute, and every request is counted for the tenant', async () => {
    const { id, uuid, admin } = await tenantOn('chatty');
    await h.sql(`UPDATE plans SET max_api_requests_per_minute = 4 WHERE code = 'trial'`);
    h.server.meter.forgetRate(uuid);
    const answers = await Promise.all(Array.from({ length: 7 }, () => admin.gql(`{ tenant { name } }`))).finally(async () => {
      await h.sql(`UPDATE plans SET max_api_requests_per_minute = 60 WHERE code = 'trial'`);
      h.server.meter.forgetRate(uuid);
    });
    const limited = answers.filter((a) => a.status === 429);
    const served = answers.length - limited.length;
    expect(limited.length).toBeGreaterThanOrEqual(3);
    expect(limited[0].errors?.[0]).toMatchObject({
      message: expect.stringMatching(/^The tenant's plan allows 4 API requests a minute for its signed-in members: try again in \d+ s$/),
      extensions: { code: 'RATE_LIMITED' },
    });
    expect(Number(limited[0].headers.get('retry-after'))).toBeGreaterThan(0);
    await h.server.meter.flush();
    const [row] = await h.sql<{ n: string }>(`SELECT api_requests AS n FROM tenant_usage_days WHERE tenant_id = $1`, [uuid]);
    // What the tenant was served counts; what was refused does not.
    expect(Number(row.n)).toBe(served);
    const { node } = await platform.ok(`query($id: ID!) { node(id: $id) { ... on Tenant { usageDays { apiRequests } } } }`, { id });
    expect(node.usageDays[0].apiRequests).toBe(Number(row.n));
  });

  it('usage stays in its tenant', async () => {
    const { admin } = await tenantOn('private');
    const globex = await h.signIn('admin@globex.test', 'globex');
    const own = (await admin.ok(USAGE)).tenant;
    expect(own.usageDays).toEqual([]);
    const theirs = (await globex.ok(USAGE)).tenant;
    const rows = await h.sql(
      `SELECT 1 FROM tenant_usage_days u JOIN tenants t ON t.id = u.tenant_id WHERE t.slug = 'globex' AND u.day > (now() AT TIME ZONE 'UTC')::date - 60 AND u.day < (now() AT TIME ZONE 'UTC')::date`,
    );
    // The demo seed gives Globex history; none of it shows in the new tenant, and all of the last 60 days shows in Globex.
    expect(rows.length).toBeGreaterThan(50);
    const today = new Date().toISOString().slice(0, 10);
    expect(theirs.usageDays.filter((d: { start: string }) => d.start.slice(0, 10) < today).length).toBe(rows.length);
    expect(theirs.usageMonths.length).toBeGreaterThanOrEqual(4);
  });
});

describe('usage export', () => {
  const exportAs = (caller: Caller, query: string) =>
    fetch(`${h.url}/usage/export?${query}`, { headers: caller.credentials.token ? { authorization: `Bearer ${caller.credentials.token}` } : {} });

  it('streams a tenant admin their own months as CSV, a platform admin every tenant as JSON, and is audited', async () => {
    const acme = await h.signIn('admin@acme.test', 'acme');
    const csv = await exportAs(acme, 'format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="steward-usage-\d{4}-\d\d-to-\d{4}-\d\d\.csv"$/);
    const lines = (await csv.text()).trim().split('\n');
    expect(lines[0]).toBe('tenantId,tenantSlug,tenantName,month,plan,billingCycle,price,events,apiRequests');
    expect(lines.length).toBeGreaterThanOrEqual(5);
    expect(lines.slice(1).every((l) => l.split(',')[1] === 'acme')).toBe(true);
    const [expected] = await h.sql<{ events: string }>(
      `SELECT sum(events) AS events FROM tenant_usage_days u JOIN tenants t ON t.id = u.tenant_id
       WHERE t.slug = 'acme' AND u.day >= date_trunc('month', now() AT TIME ZONE 'UTC')::date - interval '1 month' AND u.day < date_trunc('month', now() AT TIME ZONE 'UTC')::date`,
    );
    const lastMonth = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
    const row = lines.find((l) => l.split(',')[3] === lastMonth)!.split(',');
    expect(row[4]).toBe('enterprise');
    expect(Number(row[7])).toBe(Number(expected.events));

    const all = await exportAs(platform, `format=json&from=${lastMonth}&to=${lastMonth}`);
    const records = (await all.json()) as { tenantSlug: string; month: string; events: number }[];
    // The demo tenants with history, and the tenant an earlier test gave last month's use.
    expect(new Set(records.map((r) => r.tenantSlug))).toEqual(new Set(['acme', 'globex', 'initech', 'monthly']));
    expect(records.every((r) => r.month === lastMonth)).toBe(true);
    expect(records.find((r) => r.tenantSlug === 'acme')!.events).toBe(Number(expected.events));

    const audited = await h.sql(`SELECT tenant_id FROM audit_entries WHERE action = 'tenant.usage.export'`);
    expect(audited.length).toBe(2);
  });

  it('is refused to members who are not admins and to anonymous callers, and never shows another tenant', async () => {
    const analyst = await h.signIn('analyst@acme.test', 'acme');
    expect((await exportAs(analyst, 'format=csv')).status).toBe(403);
    expect((await exportAs(h.anonymous, 'format=csv')).status).toBe(401);
    const globex = await h.signIn('admin@globex.test', 'globex');
    const text = await (
      await exportAs(
        globex,
        'format=csv&tenant=' +
          encodeURIComponent(
            (await platform.ok(`{ tenants(first: 50) { nodes { id slug } } }`)).tenants.nodes.find((t: { slug: string }) => t.slug === 'acme').id,
          ),
      )
    ).text();
    expect(text).not.toMatch(/,acme,/);
    expect((await exportAs(globex, 'format=xml')).status).toBe(400);
  });
});
