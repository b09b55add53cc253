import { measureMetricIngestion, metricIngestionTable } from '../bench/metric-ingestion';
import { stableUuid } from '../src/db/seed/deterministic';
import { demoApiKeySecret } from '../src/db/seed/demo-world';
import { Harness, startHarness } from './harness';

/** The bench's metric ingestion workload, at a small scale: both paths write every point, and it leaves nothing behind. */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

it('drives metricPointsRecord (and a compared build, here the same server) and the multi-row INSERT baseline with batches of 5,000, then removes what it wrote', async () => {
  const acme = stableUuid('tenant:acme');
  const [{ n: before }] = await h.sql(`SELECT count(*)::int AS n FROM metric_points WHERE tenant_id = $1`, [acme]);
  const result = await measureMetricIngestion(h.url, h.services.config.databaseUrl!, acme, {
    total: 20_000,
    connections: 2,
    apiKey: demoApiKeySecret('acme', 'Agent runtime'),
    compareUrl: h.url,
  });
  expect(result.steward.points).toBe(20_000);
  expect(result.baseline.points).toBe(20_000);
  expect(result.compare?.points).toBe(20_000);
  expect(result.steward.rounds).toHaveLength(4);
  expect(result.ratio).toBeGreaterThan(0);
  expect(result.medianRoundRatio).toBeGreaterThan(0);
  expect(metricIngestionTable(result)).toMatch(/metricPointsRecord, API key, batches of 5000/);
  expect(metricIngestionTable(result)).toMatch(/steward-compare/);
  const [{ n: after }] = await h.sql(`SELECT count(*)::int AS n FROM metric_points WHERE tenant_id = $1`, [acme]);
  expect(after).toBe(before);
});
