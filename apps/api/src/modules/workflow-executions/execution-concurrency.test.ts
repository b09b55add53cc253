import { Caller, Harness, startHarness } from '../../../test/harness';
import { workerConcurrency } from '../../config';
import { stableUuid } from '../../db/seed/deterministic';
import { parseGlobalId } from '../../graphql/global-id';
import { runNodeJob } from '.';

/** Node steps under WORKER_CONCURRENCY > 1: the same run delivered to several slots at once runs once; many executions at once each run every node once. */
const acme = stableUuid('tenant:acme');
const CREATE = `mutation($input: WorkflowCreateInput!) { workflowCreate(input: $input) { workflow { id } userErrors { field message } } }`;
const RUN = `mutation($input: WorkflowRunInput!) { workflowRun(input: $input) { execution { id } userErrors { message } } }`;
const GRAPH = {
  nodes: [
    { id: 'start', type: 'start' },
    { id: 'note', type: 'task', config: { action: 'record.create', record: { kind: 'parallel' } } },
    { id: 'check', type: 'condition', config: { expression: 'data.input.n >= 0' } },
    { id: 'file', type: 'task', config: { action: 'record.create', record: { kind: 'filed' } } },
    { id: 'end', type: 'end' },
  ],
  edges: [
    { id: 'a', source: 'start', target: 'note' },
    { id: 'b', source: 'note', target: 'check' },
    { id: 'c', source: 'check', target: 'file', label: 'true' },
    { id: 'd', source: 'check', target: 'end', label: 'false' },
    { id: 'e', source: 'file', target: 'end' },
  ],
};

let h: Harness;
let dev: Caller;
beforeAll(async () => {
  // A pool of 10, as in production, so four slots and the requests have their connections.
  h = await startHarness({ dbPoolSize: 10 });
  dev = await h.signIn('dev@acme.test');
});
afterAll(() => h.close());

describe('WORKER_CONCURRENCY', () => {
  it('defaults to 4 and may take at most half of DB_POOL_SIZE, naming both when it would take more', () => {
    expect(workerConcurrency({}, 10)).toBe(4);
    expect(workerConcurrency({}, 4)).toBe(2);
    // A pool too small to halve still runs one job at a time.
    expect(workerConcurrency({}, 1)).toBe(1);
    expect(workerConcurrency({ WORKER_CONCURRENCY: '5' }, 10)).toBe(5);
    expect(() => workerConcurrency({ WORKER_CONCURRENCY: '6' }, 10)).toThrow(
      'WORKER_CONCURRENCY (6) must be at most half of DB_POOL_SIZE (10): each running job holds one of the pooled connections',
    );
    expect(() => workerConcurrency({ WORKER_CONCURRENCY: '0' }, 10)).toThrow('WORKER_CONCURRENCY must be a whole number of at least 1, not "0"');
  });
});

describe('node steps in parallel', () => {
  async function startMany(count: number): Promise<string[]> {
    const { workflowCreate } = await dev.ok(CREATE, { input: { name: `Parallel ${count}`, type: 'AUTOMATION', trigger: { kind: 'MANUAL' }, graph: GRAPH } });
    expect(workflowCreate.userErrors).toEqual([]);
    const ids: string[] = [];
    for (let n = 0; n < count; n++) {
      const { workflowRun } = await dev.ok(RUN, { input: { workflowId: workflowCreate.workflow.id, input: { n } } });
      ids.push(parseGlobalId(workflowRun.execution.id)!.id);
    }
    return ids;
  }

  it('a node run delivered to four slots at once runs once', async () => {
    const [execution] = await startMany(1);
    const [run] = await h.sql(`SELECT id FROM workflow_node_runs WHERE execution_id = $1 AND node_id = 'start'`, [execution]);
    const outcomes = await Promise.all([1, 2, 3, 4].map(() => runNodeJob(h.services, acme, run.id)));
    expect(outcomes.filter((o) => o !== null)).toEqual(['succeeded']);
    expect(await h.sql(`SELECT node_id, step, attempts, status FROM workflow_node_runs WHERE execution_id = $1 ORDER BY step`, [execution])).toEqual([
      { node_id: 'start', step: 1, attempts: 1, status: 'succeeded' },
      { node_id: 'note', step: 2, attempts: 0, status: 'pending' },
    ]);
  });

  it('twelve executions driven by four slots at once each run every node once, in order', async () => {
    const executions = await startMany(12);
    // Four slots take whatever node run is due, as graphile-worker's do with WORKER_CONCURRENCY=4, each in its own transaction.
    const due = () => h.sql(`SELECT id FROM workflow_node_runs WHERE execution_id = ANY($1::uuid[]) AND status = 'pending' ORDER BY random()`, [executions]);
    let rounds = 0;
    for (let pending = await due(); pending.length && rounds < 20; pending = await due(), rounds++) {
      const queue = pending.map((r: { id: string }) => r.id);
      // Every due run is handed to two slots, as a job delivered twice would be.
      const slots = Array.from({ length: 4 }, async (_, slot) => {
        for (let i = slot; i < queue.length * 2; i += 4) await runNodeJob(h.services, acme, queue[i % queue.length]);
      });
      await Promise.all(slots);
    }
    const runs = await h.sql(
      `SELECT e.status, count(r.*)::int AS runs, max(r.attempts)::int AS attempts, string_agg(r.node_id, ',' ORDER BY r.step) AS path
       FROM workflow_executions e JOIN workflow_node_runs r ON r.execution_id = e.id WHERE e.id = ANY($1::uuid[]) GROUP BY e.id, e.status`,
      [executions],
    );
    expect(runs).toHaveLength(12);
    for (const row of runs) expect(row).toEqual({ status: 'succeeded', runs: 5, attempts: 1, path: 'start,note,check,file,end' });
    // One start per node run in the timeline: no step ran twice.
    const [{ twice }] = await h.sql(
      `SELECT count(*)::int AS twice FROM (SELECT node_run_id FROM workflow_execution_events WHERE execution_id = ANY($1::uuid[]) AND node_run_id IS NOT NULL
         AND to_status = 'running'
         GROUP BY node_run_id HAVING count(*) > 1) x`,
      [executions],
    );
    expect(twice).toBe(0);
  });
});
