import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';

/** A partner app's developer key in the workload tenant (bench-1), seeded by dataset.ts. */
const API_KEY = 'stw_bench_1_1';

/** Five nodes that run at once (no waits, no outside calls), so what is measured is the queue and the engine; the condition is always true, so all five run. */
const GRAPH = {
  nodes: [
    { id: 'start', type: 'start', config: {} },
    { id: 'note', type: 'task', config: { action: 'record.create', record: { kind: 'bench' } } },
    { id: 'check', type: 'condition', config: { expression: 'data.input.n >= 0' } },
    { id: 'file', type: 'task', config: { action: 'record.create', record: { kind: 'bench-filed' } } },
    { id: 'end', type: 'end', config: {} },
  ],
  edges: [
    { id: 'start-note', source: 'start', target: 'note' },
    { id: 'note-check', source: 'note', target: 'check' },
    { id: 'check-file', source: 'check', target: 'file', label: 'true' },
    { id: 'check-end', source: 'check', target: 'end', label: 'false' },
    { id: 'file-end', source: 'file', target: 'end' },
  ],
};
export const NODES_PER_EXECUTION = GRAPH.nodes.length;

export interface WorkflowBenchResult {
  executions: number;
  nodesPerExecution: number;
  /** Node runs that succeeded. */
  nodes: number;
  /** Executions that ended in another state than succeeded (0 in a good run). */
  unfinished: number;
  /** workflowRun requests per second while the executions were being started. */
  startsPerSecond: number;
  /** From the first execution's start to the last one's end. */
  seconds: number;
  nodesPerSecond: number;
  /** From a node run's job being due to the worker starting it: the queue's latency. */
  queueLatencyMs: { p50: number; p99: number; max: number };
  /** From an execution's start to its end. */
  executionMs: { p50: number; p99: number };
  /** The machine's 1-minute load average when the run started and ended (set by the runner). */
  loadAverageBefore?: number;
  loadAverageAfter?: number;
}

const CREATE = `mutation($input: WorkflowCreateInput!) { workflowCreate(input: $input) { workflow { id } userErrors { field message } } }`;
const RUN = `mutation($input: WorkflowRunInput!) { workflowRun(input: $input) { execution { id } userErrors { field message } } }`;

async function gql(url: string, apiKey: string, query: string, variables: Record<string, unknown>): Promise<Record<string, unknown>> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Record<string, { userErrors?: unknown[] } | null>; errors?: unknown[] };
  const payload = body.data ? Object.values(body.data)[0] : null;
  if (response.status !== 200 || body.errors?.length || !payload || payload.userErrors?.length)
    throw new Error(`workflow bench: ${query.slice(9, 40)} answered ${response.status}: ${JSON.stringify(body).slice(0, 500)}`);
  return payload as Record<string, unknown>;
}

const globalUuid = (id: string) => Buffer.from(id, 'base64').toString('utf8').split(':')[1];

/**
 * `executions` runs of a 5-node workflow through the job queue: a developer API key creates the workflow and
 * starts every execution with workflowRun (from `connections` loops); the server's graphile-worker runs each node
 * as a job. Reports node runs per second from the first start to the last end, and the queue latency of the node
 * runs (due to started) at p50 and p99. `drain` is for a test without a running worker. What it made is removed.
 */
export async function measureWorkflowExecutions(
  stewardUrl: string,
  databaseUrl: string,
  {
    executions = 1000,
    connections = 4,
    apiKey = API_KEY,
    timeoutSeconds = 900,
    drain,
  }: { executions?: number; connections?: number; apiKey?: string; timeoutSeconds?: number; drain?: () => Promise<void> } = {},
): Promise<WorkflowBenchResult> {
  const pool = new Pool({ connectionString: databaseUrl, max: 2 });
  const run = randomBytes(4).toString('hex');
  let workflowUuid: string | null = null;
  try {
    const created = await gql(stewardUrl, apiKey, CREATE, {
      input: { name: `Bench ${run}`, description: 'Five instant nodes, for pnpm bench', type: 'AUTOMATION', trigger: { kind: 'MANUAL' }, graph: GRAPH },
    });
    const workflowId = (created.workflow as { id: string }).id;
    workflowUuid = globalUuid(workflowId);

    let next = 0;
    const startedAt = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (next < executions) {
          const n = next++;
          await gql(stewardUrl, apiKey, RUN, { input: { workflowId, input: { n } } });
        }
      }),
    );
    const startsPerSecond = executions / (Number(process.hrtime.bigint() - startedAt) / 1e9);

    const deadline = Date.now() + timeoutSeconds * 1000;
    for (;;) {
      const [{ open }] = (
        await pool.query(`SELECT count(*) FILTER (WHERE status IN ('running','pending'))::int AS open FROM workflow_executions WHERE workflow_id = $1`, [
          workflowUuid,
        ])
      ).rows;
      if (open === 0) break;
      if (Date.now() > deadline) throw new Error(`workflow bench: ${open} of ${executions} executions still running after ${timeoutSeconds}s`);
      if (drain) await drain();
      else await new Promise((resolve) => setTimeout(resolve, 200));
    }

    const [totals] = (
      await pool.query(
        `SELECT count(*)::int AS executions, count(*) FILTER (WHERE status <> 'succeeded')::int AS unfinished,
           extract(epoch FROM max(finished_at) - min(started_at))::float8 AS seconds,
           coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM finished_at - started_at) * 1000), 0)::float8 AS exec_p50,
           coalesce(percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM finished_at - started_at) * 1000), 0)::float8 AS exec_p99
         FROM workflow_executions WHERE workflow_id = $1`,
        [workflowUuid],
      )
    ).rows;
    const [nodes] = (
      await pool.query(
        `SELECT count(*) FILTER (WHERE r.status = 'succeeded')::int AS nodes,
           coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY greatest(extract(epoch FROM r.started_at - r.run_at), 0) * 1000), 0)::float8 AS p50,
           coalesce(percentile_cont(0.99) WITHIN GROUP (ORDER BY greatest(extract(epoch FROM r.started_at - r.run_at), 0) * 1000), 0)::float8 AS p99,
           coalesce(max(greatest(extract(epoch FROM r.started_at - r.run_at), 0)) * 1000, 0)::float8 AS max
         FROM workflow_node_runs r JOIN workflow_executions e ON e.id = r.execution_id WHERE e.workflow_id = $1`,
        [workflowUuid],
      )
    ).rows;
    return {
      executions: totals.executions,
      nodesPerExecution: NODES_PER_EXECUTION,
      nodes: nodes.nodes,
      unfinished: totals.unfinished,
      startsPerSecond,
      seconds: totals.seconds,
      nodesPerSecond: totals.seconds > 0 ? nodes.nodes / totals.seconds : 0,
      queueLatencyMs: { p50: nodes.p50, p99: nodes.p99, max: nodes.max },
      executionMs: { p50: totals.exec_p50, p99: totals.exec_p99 },
    };
  } finally {
    // The workflow takes its versions, executions, node runs and timelines with it; the audit log keeps what was done.
    if (workflowUuid) await pool.query(`DELETE FROM workflows WHERE id = $1`, [workflowUuid]);
    await pool.end();
  }
}

export function workflowBenchTable(r: WorkflowBenchResult): string {
  const rows = [
    ['workflow executions through the queue', 'value'],
    ['executions (nodes each)', `${r.executions} (${r.nodesPerExecution})`],
    ['node runs succeeded', String(r.nodes)],
    ['executions not succeeded', String(r.unfinished)],
    ['workflowRun starts/s', r.startsPerSecond.toFixed(0)],
    ['first start to last end, s', r.seconds.toFixed(1)],
    ['nodes/s', r.nodesPerSecond.toFixed(0)],
    ['queue latency p50 / p99 / max, ms', `${r.queueLatencyMs.p50.toFixed(0)} / ${r.queueLatencyMs.p99.toFixed(0)} / ${r.queueLatencyMs.max.toFixed(0)}`],
    ['execution start to end p50 / p99, ms', `${r.executionMs.p50.toFixed(0)} / ${r.executionMs.p99.toFixed(0)}`],
    ...(r.loadAverageBefore !== undefined && r.loadAverageAfter !== undefined
      ? [['load average (1 min) before -> after', `${r.loadAverageBefore.toFixed(1)} -> ${r.loadAverageAfter.toFixed(1)}`]]
      : []),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const line = (row: string[]) => `| ${row.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  return [line(rows[0]), `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}
