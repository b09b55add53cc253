import { Harness, startHarness } from '../../../test/harness';
import { stableUuid } from '../../db/seed/deterministic';
import { rollUpAllTenants } from '../../jobs/metric-tasks';

/**
 * The rollup job at volume: a million fresh points (the bench's shape: 20 agents, 5 names, six hours) roll up
 * completely in bounded pieces, each transaction a statement per hour under the API's statement timeout.
 */
const acme = stableUuid('tenant:acme');
const HOUR = 3600_000;
const POINTS = 1_000_000;
const NAMES = ['scale.response_time', 'scale.requests', 'scale.errors', 'scale.tokens.prompt', 'scale.tokens.completion'];
/** Six whole hours ending at the last hour boundary. */
const end = new Date(Math.floor(Date.now() / HOUR) * HOUR);
const start = new Date(end.getTime() - 6 * HOUR);

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  const agents = (await h.sql(`SELECT id FROM agents WHERE tenant_id = $1 ORDER BY id LIMIT 20`, [acme])).map((a: { id: string }) => a.id);
  // In pieces of 100,000 rows, as the database owner (arranging, not under test).
  for (let first = 0; first < POINTS; first += 100_000) {
    await h.sql(
      `INSERT INTO metric_points (tenant_id, agent_id, name, at, value, batch_id)
       SELECT $1, ($2::uuid[])[1 + n % array_length($2::uuid[], 1)], ($3::text[])[1 + n % 5],
              $4::timestamptz + (n % 21600) * interval '1 second', (n % 997) + 0.5, gen_random_uuid()
       FROM generate_series($5::int, $6::int) AS n`,
      [acme, agents, NAMES, start, first, first + 99_999],
    );
  }
  // As the ingestion path marks them: every hour once per batch (here, once per hour).
  await h.sql(`INSERT INTO metric_rollup_dirty (tenant_id, hour) SELECT $1, $2::timestamptz + h * interval '1 hour' FROM generate_series(0, 5) AS h`, [
    acme,
    start,
  ]);
}, 300_000);
afterAll(() => h.close());

const totals = () =>
  h.sql(
    `SELECT (SELECT sum(count)::int FROM metric_rollups_minute WHERE tenant_id = $1 AND name LIKE 'scale.%') AS minutes,
            (SELECT sum(count)::int FROM metric_rollups_hour WHERE tenant_id = $1 AND name LIKE 'scale.%') AS hours,
            (SELECT sum(count)::int FROM metric_rollups_day WHERE tenant_id = $1 AND name LIKE 'scale.%') AS days,
            (SELECT count(*)::int FROM metric_rollup_dirty WHERE tenant_id = $1) AS dirty`,
    [acme],
  );

it('rolls up a million fresh points completely, in bounded pieces that each finish inside the statement timeout', async () => {
  expect(h.services.config.dbStatementTimeoutMs).toBe(30_000);
  // A run stops after its budget and says what is left: a tiny budget leaves the rest to follow-up runs.
  const first = await rollUpAllTenants(h.services, { budgetMs: 1, pieceMs: 1 });
  expect(first).toEqual({ hours: 1, remaining: true });
  const partial = (await totals())[0];
  expect(partial.hours).toBeGreaterThan(0);
  expect(partial.hours).toBeLessThan(POINTS);
  expect(partial.dirty).toBe(5);
  // Then the job as the worker runs it: each run queues a follow-up while work remains, until none is left.
  await h.sql(`SELECT graphile_worker.add_job('metrics:rollup', '{}'::json)`);
  await h.runJobs();
  expect((await totals())[0]).toEqual({ minutes: POINTS, hours: POINTS, days: POINTS, dirty: 0 });
  const [{ failed }] = await h.sql(
    `SELECT count(*)::int AS failed FROM graphile_worker.jobs WHERE task_identifier = 'metrics:rollup' AND last_error IS NOT NULL`,
  );
  expect(failed).toBe(0);
}, 600_000);

it('re-running an hour of that volume gives the same rows', async () => {
  const digest = () =>
    h.sql(
      `SELECT md5(string_agg(concat_ws(',', agent_id, name, bucket, count, sum, min, max, p95), ';' ORDER BY agent_id, name, bucket)) AS digest
       FROM metric_rollups_minute WHERE tenant_id = $1 AND name LIKE 'scale.%' AND bucket >= $2 AND bucket < $3`,
      [acme, start, new Date(start.getTime() + HOUR)],
    );
  const before = await digest();
  await h.sql(`INSERT INTO metric_rollup_dirty (tenant_id, hour) VALUES ($1, $2)`, [acme, start]);
  expect(await rollUpAllTenants(h.services)).toEqual({ hours: 1, remaining: false });
  expect(await digest()).toEqual(before);
  expect((await totals())[0]).toEqual({ minutes: POINTS, hours: POINTS, days: POINTS, dirty: 0 });
}, 120_000);
