import { Harness, startHarness } from '../../../test/harness';
import { stableUuid } from '../../db/seed/deterministic';
import { demoApiKeySecret } from '../../db/seed/demo-world';
import { toGlobalId } from '../../graphql/global-id';
import { maintainPartitions } from '../../jobs/metric-tasks';
import { inScope } from '../../scope';
import { rollUpDirty, rollUpHours } from '.';

const RECORD = `mutation($input: MetricPointsRecordInput!) { metricPointsRecord(input: $input) { outcome recordedCount userErrors { field message code } } }`;
const SERIES = `query($input: MetricSeriesInput!) { metricSeries(input: $input) { resolution step from to
  series { name unit agent { name } points { at avg sum min max count p95 } } } }`;

const acme = stableUuid('tenant:acme');
const agentUuid = (name: string, tenant = 'acme') => stableUuid(`agent:${tenant}:${name}`);
const agentId = (name: string, tenant = 'acme') => toGlobalId('Agent', agentUuid(name, tenant));
const HOUR = 3600_000;
/** An hour boundary two hours ago: the fixture's points fall in one closed hour. */
const hourStart = new Date(Math.floor(Date.now() / HOUR) * HOUR - 2 * HOUR);
const at = (minute: number, second = 0) => new Date(hourStart.getTime() + minute * 60_000 + second * 1000).toISOString();

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const point = (name: string, value: number, when: string, agent = 'Code Reviewer', labels?: Record<string, string>) => ({
  agentId: agentId(agent),
  name,
  value,
  at: when,
  labels,
});

describe('recording metric points', () => {
  it('records a batch with an API key, audited, and a retry of the same batch is a duplicate that writes nothing', async () => {
    const runtime = h.apiKey(demoApiKeySecret('acme', 'Agent runtime'));
    const input = { batchKey: 'b-1', points: [point('test.batch', 1, at(1)), point('test.batch', 2, at(2), 'Incident Triage', { region: 'eu' })] };
    expect((await runtime.ok(RECORD, { input })).metricPointsRecord).toEqual({ outcome: 'RECORDED', recordedCount: 2, userErrors: [] });
    expect((await runtime.ok(RECORD, { input })).metricPointsRecord).toEqual({ outcome: 'DUPLICATE', recordedCount: 2, userErrors: [] });
    const [stored] = await h.sql(`SELECT count(*)::int AS n FROM metric_points WHERE name = 'test.batch'`);
    expect(stored.n).toBe(2);
    const [labels] = await h.sql(`SELECT labels FROM metric_points WHERE name = 'test.batch' AND value = 2`);
    expect(labels.labels).toEqual({ region: 'eu' });
    const audits = await h.sql(`SELECT actor_label, after FROM audit_entries WHERE action = 'metricPoints.record' AND outcome = 'success'`);
    expect(audits).toEqual([{ actor_label: 'Agent runtime', after: { batchKey: 'b-1', points: 2, from: at(1), to: at(2) } }]);
    const [dirty] = await h.sql(`SELECT count(*)::int AS n FROM metric_rollup_dirty WHERE tenant_id = $1 AND hour = $2`, [acme, hourStart]);
    expect(dirty.n).toBe(1);
  });

  it('marks an hour dirty without waiting for a rollup run that has taken that hour and not committed yet', async () => {
    const runtime = h.apiKey(demoApiKeySecret('acme', 'Agent runtime'));
    await runtime.ok(RECORD, { input: { batchKey: 'taken-1', points: [point('test.taken', 1, at(20))] } });
    let recorded: unknown;
    await inScope(h.services, { actor: { kind: 'system', tenantId: acme, name: 'test' } }, async (scope) => {
      // The rollup job's first step: it took (deleted) the hour's marks; its transaction is still open.
      await scope.tx.manager.query(`DELETE FROM metric_rollup_dirty WHERE tenant_id = $1 AND hour = $2`, [acme, hourStart]);
      // Waiting for that transaction here would never end: it ends only after this batch.
      recorded = (await runtime.ok(RECORD, { input: { batchKey: 'taken-2', points: [point('test.taken', 2, at(21))] } })).metricPointsRecord;
    });
    expect(recorded).toEqual({ outcome: 'RECORDED', recordedCount: 1, userErrors: [] });
    // The second batch's mark outlives the run that took the first: its point is rolled up by the next run.
    const [dirty] = await h.sql(`SELECT count(*)::int AS n FROM metric_rollup_dirty WHERE tenant_id = $1 AND hour = $2`, [acme, hourStart]);
    expect(dirty.n).toBe(1);
    expect(await inScope(h.services, { actor: { kind: 'system', tenantId: acme, name: 'test' } }, (scope) => rollUpDirty(scope))).toBe(1);
    const [rolled] = await h.sql(`SELECT count::int, sum FROM metric_rollups_hour WHERE tenant_id = $1 AND name = 'test.taken' AND bucket = $2`, [
      acme,
      hourStart,
    ]);
    expect(rolled).toEqual({ count: 2, sum: 3 });
  });

  it('refuses a reused batch key with other content as a CONFLICT, writing nothing', async () => {
    const runtime = h.apiKey(demoApiKeySecret('acme', 'Agent runtime'));
    await runtime.ok(RECORD, { input: { batchKey: 'b-2', points: [point('test.reuse', 1, at(3))] } });
    const again = (await runtime.ok(RECORD, { input: { batchKey: 'b-2', points: [point('test.reuse', 5, at(3))] } })).metricPointsRecord;
    expect(again.outcome).toBeNull();
    expect(again.userErrors).toEqual([{ field: ['input', 'batchKey'], code: 'CONFLICT', message: expect.stringContaining('other content') }]);
    const [stored] = await h.sql(`SELECT count(*)::int AS n, sum(value) AS total FROM metric_points WHERE name = 'test.reuse'`);
    expect(stored).toEqual({ n: 1, total: 1 });
  });

  it('refuses the whole batch with every point problem at its index, and writes nothing', async () => {
    const runtime = h.apiKey(demoApiKeySecret('acme', 'Agent runtime'));
    const tooMany = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, 'v']));
    const result = (
      await runtime.ok(RECORD, {
        input: {
          batchKey: 'b-3',
          points: [
            point('test.bad', 1, at(4)),
            point('Not A Name', 1, at(4)),
            point('test.bad', 1, new Date(Date.now() + HOUR).toISOString()),
            point('test.bad', 1, new Date(Date.now() - 400 * 86_400_000).toISOString()),
            point('test.bad', 1, at(4), 'Code Reviewer', tooMany),
            { ...point('test.bad', 1, at(4)), agentId: 'nonsense' },
          ],
        },
      })
    ).metricPointsRecord;
    expect(result.outcome).toBeNull();
    expect(result.userErrors.map((e: { field: string[] }) => e.field.join('.'))).toEqual([
      'input.points.1.name',
      'input.points.2.at',
      'input.points.3.at',
      'input.points.4.labels',
      'input.points.5.agentId',
    ]);
    const [stored] = await h.sql(`SELECT count(*)::int AS n FROM metric_points WHERE name = 'test.bad'`);
    expect(stored.n).toBe(0);
  });

  it('checks points against a raw retention changed behind this process, in the same statement, and writes nothing', async () => {
    const runtime = h.apiKey(demoApiKeySecret('acme', 'Agent runtime'));
    const tenDaysAgo = new Date(Date.now() - 10 * 86_400_000).toISOString();
    // This process last read acme's raw retention as the default 30 days.
    expect((await runtime.ok(RECORD, { input: { batchKey: 'ret-1', points: [point('test.retention', 1, tenDaysAgo)] } })).metricPointsRecord.outcome).toBe(
      'RECORDED',
    );
    const [before] = await h.sql(`SELECT count(*)::int AS n FROM observability_settings WHERE tenant_id = $1`, [acme]);
    await h.sql(
      `INSERT INTO observability_settings (tenant_id, raw_days, hour_days, day_days) VALUES ($1, 7, 365, 2557) ON CONFLICT (tenant_id) DO UPDATE SET raw_days = 7`,
      [acme],
    );
    try {
      const refused = (await runtime.ok(RECORD, { input: { batchKey: 'ret-2', points: [point('test.retention', 2, tenDaysAgo)] } })).metricPointsRecord;
      expect(refused).toEqual({
        outcome: null,
        recordedCount: null,
        userErrors: [{ field: ['input', 'points', '0', 'at'], code: 'BAD_USER_INPUT', message: 'at is older than the raw retention of 7 days' }],
      });
    } finally {
      if (before.n === 0) await h.sql(`DELETE FROM observability_settings WHERE tenant_id = $1`, [acme]);
      else await h.sql(`UPDATE observability_settings SET raw_days = 30 WHERE tenant_id = $1`, [acme]);
    }
    const stored = await h.sql(`SELECT value FROM metric_points WHERE name = 'test.retention'`);
    expect(stored).toEqual([{ value: 1 }]);
    const [claims] = await h.sql(`SELECT count(*)::int AS n FROM telemetry_batches WHERE batch_key = 'ret-2'`);
    expect(claims.n).toBe(0);
  });

  it('refuses a batch over 5,000 points with one clear error', async () => {
    const runtime = h.apiKey(demoApiKeySecret('acme', 'Agent runtime'));
    const points = Array.from({ length: 5001 }, (_, i) => point('test.big', i, at(5)));
    const result = (await runtime.ok(RECORD, { input: { batchKey: 'b-big', points } })).metricPointsRecord;
    expect(result.userErrors).toEqual([
      { field: ['input', 'points'], code: 'BAD_USER_INPUT', message: 'A batch holds at most 5000 points; this one has 5001' },
    ]);
  });

  it("refuses points of another tenant's agent, naming each point", async () => {
    const runtime = h.apiKey(demoApiKeySecret('acme', 'Agent runtime'));
    const foreign = { ...point('test.foreign', 1, at(6)), agentId: agentId('Code Reviewer', 'globex') };
    const result = (await runtime.ok(RECORD, { input: { batchKey: 'b-foreign', points: [point('test.foreign', 1, at(6)), foreign] } })).metricPointsRecord;
    expect(result.userErrors).toEqual([{ field: ['input', 'points', '1', 'agentId'], code: 'BAD_USER_INPUT', message: 'No such agent in this tenant' }]);
    const [stored] = await h.sql(`SELECT count(*)::int AS n FROM metric_points WHERE name = 'test.foreign'`);
    expect(stored.n).toBe(0);
  });

  it('is for admins and developers: an analyst key and a viewer are refused', async () => {
    const feed = h.apiKey(demoApiKeySecret('acme', 'Billing feed'));
    const refused = await feed.gql(RECORD, { input: { batchKey: 'b-analyst', points: [point('test.roles', 1, at(7))] } });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const viewer = await h.signIn('viewer@acme.test', 'acme');
    const series = await viewer.gql(SERIES, { input: { name: 'agent.requests' } });
    expect(series.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('rollups and series', () => {
  // Known answers: 20 values 1..20 in minute 10 (p95 = 19.05), 10 and 30 in minute 11.
  const fixture = [
    ...Array.from({ length: 20 }, (_, i) => point('test.fixture', i + 1, at(10, i))),
    point('test.fixture', 10, at(11)),
    point('test.fixture', 30, at(11, 30)),
  ];

  it('computes minute, hour and day rollups with known answers, and a re-run gives the same rows', async () => {
    const dev = await h.signIn('dev@acme.test', 'acme');
    expect((await dev.ok(RECORD, { input: { batchKey: 'fixture', points: fixture } })).metricPointsRecord.userErrors).toEqual([]);
    const run = () => inScope(h.services, { actor: { kind: 'system', tenantId: acme, name: 'test' } }, (scope) => rollUpDirty(scope));
    expect(await run()).toBeGreaterThanOrEqual(1);
    const read = () =>
      h.sql(
        `SELECT 'minute' AS tier, bucket, count::int, sum, min, max, round(p95::numeric, 2)::float AS p95 FROM metric_rollups_minute WHERE name = 'test.fixture'
         UNION ALL SELECT 'hour', bucket, count::int, sum, min, max, round(p95::numeric, 2)::float FROM metric_rollups_hour WHERE name = 'test.fixture'
         UNION ALL SELECT 'day', bucket, count::int, sum, min, max, round(p95::numeric, 2)::float FROM metric_rollups_day WHERE name = 'test.fixture' ORDER BY 1, 2`,
      );
    const first = await read();
    const day = new Date(Date.UTC(hourStart.getUTCFullYear(), hourStart.getUTCMonth(), hourStart.getUTCDate()));
    expect(first).toEqual([
      { tier: 'day', bucket: day, count: 22, sum: 250, min: 1, max: 30, p95: 19.95 },
      { tier: 'hour', bucket: hourStart, count: 22, sum: 250, min: 1, max: 30, p95: 19.95 },
      { tier: 'minute', bucket: new Date(at(10)), count: 20, sum: 210, min: 1, max: 20, p95: 19.05 },
      { tier: 'minute', bucket: new Date(at(11)), count: 2, sum: 40, min: 10, max: 30, p95: 29 },
    ]);
    await inScope(h.services, { actor: { kind: 'system', tenantId: acme, name: 'test' } }, (scope) => rollUpHours(scope, [hourStart, hourStart]));
    expect(await read()).toEqual(first);
    // A late point marks its hour again; the next run folds it in.
    await dev.ok(RECORD, { input: { batchKey: 'fixture-late', points: [point('test.fixture', 100, at(59))] } });
    await run();
    const [hour] = await h.sql(`SELECT count::int, max FROM metric_rollups_hour WHERE name = 'test.fixture'`);
    expect(hour).toEqual({ count: 23, max: 100 });
    // Another hour of the same day (values 50 and 60, p95 59.5; the first hour's 23 values have p95 29): the day
    // adds both hours up from their rollups; its p95 is the larger hourly p95, an upper bound of the day's.
    const other = new Date(hourStart.getTime() + (hourStart.getUTCHours() > 0 ? -HOUR : HOUR));
    const inOther = (minute: number) => new Date(other.getTime() + minute * 60_000).toISOString();
    await dev.ok(RECORD, { input: { batchKey: 'fixture-other-hour', points: [point('test.fixture', 50, inOther(5)), point('test.fixture', 60, inOther(6))] } });
    expect(await run()).toBe(1);
    const [firstHour] = await h.sql(`SELECT round(p95::numeric, 2)::float AS p95 FROM metric_rollups_hour WHERE name = 'test.fixture' AND bucket = $1`, [
      hourStart,
    ]);
    expect(firstHour.p95).toBe(29);
    const days = await h.sql(
      `SELECT bucket, count::int, sum, min, max, round(p95::numeric, 2)::float AS p95 FROM metric_rollups_day WHERE name = 'test.fixture'`,
    );
    expect(days).toEqual([{ bucket: day, count: 25, sum: 460, min: 1, max: 100, p95: 59.5 }]);
    // Rolling both hours up again changes nothing.
    await inScope(h.services, { actor: { kind: 'system', tenantId: acme, name: 'test' } }, (scope) => rollUpHours(scope, [other, hourStart]));
    expect(
      await h.sql(`SELECT bucket, count::int, sum, min, max, round(p95::numeric, 2)::float AS p95 FROM metric_rollups_day WHERE name = 'test.fixture'`),
    ).toEqual(days);
  });

  it('answers a series from the coarsest store that fits the step, for many agents in a constant number of statements', async () => {
    const analyst = await h.signIn('analyst@acme.test', 'acme');
    const minute = await analyst.gql(SERIES, {
      input: { name: 'test.fixture', agentIds: [agentId('Code Reviewer')], from: hourStart.toISOString(), to: at(60), stepSeconds: 60 },
    });
    expect(minute.data.metricSeries.resolution).toBe('MINUTE');
    expect(minute.data.metricSeries.series[0].points.slice(0, 2)).toEqual([
      { at: at(10), avg: 10.5, sum: 210, min: 1, max: 20, count: 20, p95: 19.05 },
      { at: at(11), avg: 20, sum: 40, min: 10, max: 30, count: 2, p95: 29 },
    ]);
    const hourly = await analyst.ok(SERIES, { input: { name: 'test.fixture', from: hourStart.toISOString(), to: at(60), stepSeconds: 3600 } });
    expect(hourly.metricSeries).toMatchObject({
      resolution: 'HOUR',
      step: 3600,
      series: [{ agent: { name: 'Code Reviewer' }, points: [{ count: 23, max: 100 }] }],
    });
    const raw = await analyst.ok(SERIES, {
      input: { name: 'test.batch', labels: { region: 'eu' }, from: hourStart.toISOString(), to: at(60), stepSeconds: 60 },
    });
    expect(raw.metricSeries).toMatchObject({ resolution: 'RAW', series: [{ agent: { name: 'Incident Triage' }, points: [{ sum: 2, count: 1 }] }] });
    // Seeded week: 30 days at an hourly step for one agent and for every agent cost the same statements.
    const month = { name: 'agent.response_time', from: new Date(Date.now() - 30 * 86_400_000).toISOString(), stepSeconds: 3600 };
    const one = await analyst.gql(SERIES, { input: { ...month, agentIds: [agentId('Code Reviewer')] } });
    const all = await analyst.gql(SERIES, { input: month });
    expect(all.data.metricSeries.resolution).toBe('HOUR');
    expect(one.data.metricSeries.series).toHaveLength(1);
    expect(all.data.metricSeries.series.length).toBeGreaterThan(3);
    expect(all.data.metricSeries.series[0].points.length).toBeGreaterThan(24 * 6);
    expect(all.extensions?.sql.statements).toBe(one.extensions?.sql.statements);
  });

  it('plans a series with the settings its own statement reads: a retention changed elsewhere is answered at once', async () => {
    const admin = await h.signIn('admin@acme.test');
    const CHART = `query($input: MetricSeriesInput!) { metricSeries(input: $input) { resolution step } }`;
    const input = { name: 'agent.response_time', from: new Date(Date.now() - 30 * 86_400_000).toISOString(), stepSeconds: 3600 };
    expect((await admin.ok(CHART, { input })).metricSeries).toEqual({ resolution: 'HOUR', step: 3600 });
    // Changed behind this process's back (another process, or by hand): this process last read the old retention.
    const [before] = await h.sql(`SELECT count(*)::int AS n FROM observability_settings WHERE tenant_id = $1`, [acme]);
    await h.sql(
      `INSERT INTO observability_settings (tenant_id, raw_days, hour_days, day_days) VALUES ($1, 30, 7, 2557)
       ON CONFLICT (tenant_id) DO UPDATE SET hour_days = 7`,
      [acme],
    );
    try {
      expect((await admin.ok(CHART, { input })).metricSeries).toEqual({ resolution: 'DAY', step: 86400 });
    } finally {
      if (before.n === 0) await h.sql(`DELETE FROM observability_settings WHERE tenant_id = $1`, [acme]);
    }
    expect((await admin.ok(CHART, { input })).metricSeries.resolution).toBe(before.n === 0 ? 'HOUR' : 'DAY');
  });

  it("never shows another tenant's points", async () => {
    const globex = await h.signIn('admin@globex.test', 'globex');
    const seen = await globex.ok(SERIES, { input: { name: 'test.fixture', from: hourStart.toISOString(), stepSeconds: 60 } });
    expect(seen.metricSeries.series).toEqual([]);
    const foreign = await globex.gql(SERIES, { input: { name: 'test.fixture', agentIds: [agentId('Code Reviewer')], from: hourStart.toISOString() } });
    expect(foreign.data.metricSeries.series).toEqual([]);
  });
});

describe('partitions and retention', () => {
  it('keeps partitions out of reach of steward_app and under the parent’s row security', async () => {
    const partitions = await h.sql(`SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = 'metric_points'::regclass`);
    expect(partitions.length).toBeGreaterThanOrEqual(5);
    expect(partitions.every((p) => p.relrowsecurity && p.relforcerowsecurity)).toBe(true);
    const denied = await inScope(h.services, { actor: { kind: 'system', tenantId: acme, name: 'test' } }, async (scope) => {
      try {
        await scope.tx.isolated(() => scope.tx.manager.query(`SELECT count(*) FROM ${partitions[0].relname}`));
        return 'read';
      } catch (error) {
        return (error as Error).message;
      }
    });
    expect(denied).toMatch(/permission denied/);
  });

  it('drops whole monthly partitions past the longest retention of their tier, and makes the coming months', async () => {
    await h.sql(`SELECT steward.ensure_month_partitions('metric_points', now() - interval '8 months', 2)`);
    const old = new Date(Date.now() - 8 * 30 * 86_400_000);
    const oldName = `metric_points_p${old.getUTCFullYear()}${String(old.getUTCMonth() + 1).padStart(2, '0')}`;
    await h.sql(`INSERT INTO metric_points (tenant_id, agent_id, name, at, value, batch_id) VALUES ($1, $2, 'test.old', $3, 1, gen_random_uuid())`, [
      acme,
      agentUuid('Code Reviewer'),
      old,
    ]);
    const { dropped, made } = await maintainPartitions(h.services, new Date(Date.now() + 200 * 86_400_000));
    expect(dropped).toContain(oldName);
    expect(made).toBeGreaterThan(0);
    const [left] = await h.sql(`SELECT count(*)::int AS n FROM metric_points WHERE name = 'test.old'`);
    expect(left.n).toBe(0);
    // Daily rollups are kept seven years: none of theirs went.
    expect(dropped.some((name) => name.startsWith('metric_rollups_day'))).toBe(false);
    expect(dropped.some((name) => name.startsWith('audit'))).toBe(false);
  });

  it("keeps each tenant's retention within the limits of its plan (the plans table), set by admins only, audited", async () => {
    const RETENTION = `{ metricRetention { rawDays minuteDays hourDays dayDays complianceDays planMaxRawDays planMaxHourDays planMaxDayDays } }`;
    const SET = `mutation($input: MetricRetentionSetInput!) { metricRetentionSet(input: $input) { retention { rawDays hourDays dayDays } userErrors { field code } } }`;
    // Starter: raw 30 days, hourly 90, daily 1 year; the default year of hourly rollups is cut to the plan's 90 days.
    const initech = await h.signIn('admin@initech.test', 'initech');
    expect((await initech.ok(RETENTION)).metricRetention).toEqual({
      rawDays: 30,
      minuteDays: 30,
      hourDays: 90,
      dayDays: 365,
      complianceDays: 7 * 365 + 2,
      planMaxRawDays: 30,
      planMaxHourDays: 90,
      planMaxDayDays: 365,
    });
    // Professional: raw 90, hourly 1 year, daily 3 years.
    const globex = await h.signIn('admin@globex.test', 'globex');
    expect((await globex.ok(RETENTION)).metricRetention).toMatchObject({ rawDays: 30, hourDays: 365, dayDays: 1095, planMaxRawDays: 90, planMaxHourDays: 365 });
    const over = (await globex.ok(SET, { input: { rawDays: 91, hourDays: 366, dayDays: 2000 } })).metricRetentionSet;
    expect(over.retention).toBeNull();
    expect(over.userErrors.map((e: { field: string[] }) => e.field.join('.'))).toEqual(['input.rawDays', 'input.hourDays', 'input.dayDays']);
    const set = (await globex.ok(SET, { input: { rawDays: 60, hourDays: 120 } })).metricRetentionSet;
    expect(set).toEqual({ retention: { rawDays: 60, hourDays: 120, dayDays: 1095 }, userErrors: [] });
    const [audit] = await h.sql(`SELECT before, after FROM audit_entries WHERE action = 'metricRetention.set' AND outcome = 'success' AND tenant_id = $1`, [
      stableUuid('tenant:globex'),
    ]);
    expect(audit).toEqual({
      before: { rawDays: 30, hourDays: 365, dayDays: 1095, silenceMinutes: 5 },
      after: { rawDays: 60, hourDays: 120, dayDays: 1095, silenceMinutes: 5 },
    });
    // A plan that keeps less clamps what the tenant chose, without rewriting its choice.
    await h.sql(`UPDATE tenants SET plan = 'trial' WHERE slug = 'globex'`);
    try {
      expect((await globex.ok(RETENTION)).metricRetention).toMatchObject({ rawDays: 7, hourDays: 30, dayDays: 365, planMaxRawDays: 7 });
    } finally {
      await h.sql(`UPDATE tenants SET plan = 'professional' WHERE slug = 'globex'`);
    }
    const dev = await h.signIn('dev@globex.test', 'globex');
    expect((await dev.gql(SET, { input: { rawDays: 10 } })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
