import { measureWorkflowExecutions, workflowBenchTable } from '../bench/workflow-executions';
import { stableUuid } from '../src/db/seed/deterministic';
import { demoApiKeySecret } from '../src/db/seed/demo-world';
import { type Jobs, startJobs } from '../src/jobs/worker';
import { Harness, startHarness } from './harness';

/** The bench's workflow workload at a small scale: every execution runs its five nodes on the real job queue, and nothing is left behind. */
let h: Harness;
let jobs: Jobs | null = null;
beforeAll(async () => {
  // As in production: a pool of 10 and four worker slots (WORKER_CONCURRENCY's default).
  h = await startHarness({ dbPoolSize: 10, workerConcurrency: 4 });
  jobs = await startJobs(h.services, h.services.config.databaseUrl!, {});
});
afterAll(async () => {
  await jobs?.stop();
  await h.close();
});

it('starts executions of a 5-node workflow through workflowRun, waits for the worker to run them, and reports nodes/s and queue latency', async () => {
  const acme = stableUuid('tenant:acme');
  const [{ n: before }] = await h.sql(`SELECT count(*)::int AS n FROM workflow_executions WHERE tenant_id = $1`, [acme]);
  const result = await measureWorkflowExecutions(h.url, h.services.config.databaseUrl!, {
    executions: 20,
    connections: 2,
    apiKey: demoApiKeySecret('acme', 'Agent runtime'),
    timeoutSeconds: 240,
  });
  expect(result).toMatchObject({ executions: 20, nodesPerExecution: 5, nodes: 100, unfinished: 0 });
  expect(result.nodesPerSecond).toBeGreaterThan(0);
  expect(result.queueLatencyMs.p99).toBeGreaterThanOrEqual(result.queueLatencyMs.p50);
  expect(result.queueLatencyMs.max).toBeGreaterThanOrEqual(result.queueLatencyMs.p99);
  expect(workflowBenchTable(result)).toMatch(/\| nodes\/s +\| +\d+ \|/);
  const [{ n: after }] = await h.sql(`SELECT count(*)::int AS n FROM workflow_executions WHERE tenant_id = $1`, [acme]);
  expect(after).toBe(before);
  expect(await h.sql(`SELECT id FROM workflows WHERE tenant_id = $1 AND name LIKE 'Bench %'`, [acme])).toEqual([]);
});
