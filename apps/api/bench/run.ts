import { loadavg } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { BenchDataset, prepareDataset } from './dataset';
import { IngestionResult, ingestionTable, measureIngestion } from './ingestion';
import { measure, Measurement, sample, Target } from './load';
import { MetricIngestionResult, metricIngestionTable, measureMetricIngestion } from './metric-ingestion';
import { apiRoot, BenchOptions, parseOptions } from './options';
import { Row, summarize, table, writeResults } from './report';
import { ChildServer, freePort, startChildServer } from './servers';
import { Workload, workloads } from './workloads';
import { measureWorkflowExecutions, WorkflowBenchResult, workflowBenchTable } from './workflow-executions';
import { eventFanoutTable, EventFanoutResult, measureEventFanout } from './events-fanout';

/** Keys for the bench's own server only (production mode requires them). */
const BENCH_KEYS = {
  STEWARD_JWT_KEYS: `bench:${Buffer.from('steward-bench-only-signing-key-0123456789abcdef').toString('base64')}`,
  STEWARD_ENCRYPTION_KEYS: `bench:${Buffer.from('steward-bench-only-sealing-key!!').toString('base64')}`,
  STEWARD_DATA_KEYS: `bench-data:${Buffer.from('steward-bench-only-data-key-32b!').toString('base64')}`,
};
const RESULTS_FILE = join(apiRoot, 'bench/results/latest.json');
/** Batches of 1,000 are heavy: a couple of concurrent senders saturate two cores. */
const INGEST_CONNECTIONS = Number(process.env.BENCH_INGEST_CONNECTIONS ?? 2);
/**
 * BENCH_WORKER_CONCURRENCY, e.g. "1,4": the workflows workload runs once per value and round, each on a server whose worker
 * has that WORKER_CONCURRENCY, in turning order; unset, it runs once on the bench's server (its default concurrency).
 */
const WORKER_CONCURRENCIES = (process.env.BENCH_WORKER_CONCURRENCY ?? '')
  .split(',')
  .map((v) => v.trim())
  .filter(Boolean)
  .map(Number);

/** Executions of the 5-node workflow in the workflows workload (BENCH_WORKFLOW_EXECUTIONS). */
const WORKFLOW_EXECUTIONS = Number(process.env.BENCH_WORKFLOW_EXECUTIONS ?? 1000);

/** The events workload: subscriptions over two API processes, alerts offered per second (BENCH_FANOUT_*). */
const FANOUT = {
  subscribers: Number(process.env.BENCH_FANOUT_SUBSCRIBERS ?? 1000),
  perConnection: Number(process.env.BENCH_FANOUT_PER_CONNECTION ?? 10),
  events: Number(process.env.BENCH_FANOUT_EVENTS ?? 100),
  rate: Number(process.env.BENCH_FANOUT_RATE ?? 20),
};

const log = (line: string) => process.stderr.write(`bench: ${line}\n`);
const brief = (value: unknown) => JSON.stringify(value).slice(0, 600);

interface Setup {
  options: BenchOptions;
  dataset: BenchDataset;
  /** Steward, and a second build of it when BENCH_COMPARE_DIST names one. */
  stewards: ChildServer[];
  baseline: ChildServer;
  /** One access token per Steward server. */
  tokens: string[];
}

async function signIn(steward: ChildServer, subject: BenchDataset['subject']): Promise<string> {
  const { body } = await sample({
    name: steward.name,
    url: `${steward.url}/graphql`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($input: SessionCreateInput!) { sessionCreate(input: $input) { accessToken userErrors { message } } }',
      variables: { input: { email: subject.email, password: subject.password, tenantSlug: subject.tenantSlug } },
    }),
  });
  const token = (body.data as { sessionCreate?: { accessToken?: string } } | undefined)?.sessionCreate?.accessToken;
  if (!token) throw new Error(`sign-in as ${subject.email} failed: ${brief(body)}`);
  return token;
}

/** Steward must answer without errors and with exactly the baseline's data; returns its SQL statement count. */
async function verify(workload: Workload, steward: Target, baseline: Target): Promise<number> {
  const ours = await sample(steward, { 'x-steward-stats': '1' });
  if (ours.status !== 200 || ours.body.errors?.length || !ours.body.data) {
    throw new Error(`Steward answered ${workload.name} with status ${ours.status} and ${brief(ours.body)}; not benchmarking a failing request`);
  }
  const reference = await sample(baseline);
  if (reference.status !== 200) throw new Error(`the baseline answered ${workload.name} with status ${reference.status}: ${brief(reference.body)}`);
  if (!isDeepStrictEqual(ours.body.data, reference.body.data)) {
    throw new Error(`${workload.name}: Steward and the baseline SQL disagree\n steward:  ${brief(ours.body.data)}\n baseline: ${brief(reference.body.data)}`);
  }
  const statements = ours.body.extensions?.sql?.statements;
  if (typeof statements !== 'number') throw new Error(`Steward reported no extensions.sql.statements: ${brief(ours.body.extensions)}`);
  return statements;
}

interface Contender {
  target: Target;
  server: ChildServer;
  /** Statements per request: Steward's own count for its sample request, 1 for the baseline. */
  statements: number;
}

/** One timed run of a target after its warm-up, with the server's CPU time over it. */
async function timedRun(contender: Contender, options: BenchOptions): Promise<Measurement> {
  const { target, server } = contender;
  log(`${target.name}: ${options.warmup}s warm-up, then ${options.duration}s at ${options.connections} connections`);
  await measure(target, options.connections, options.warmup);
  const cpuBefore = server.cpuSeconds();
  const measurement = await measure(target, options.connections, options.duration);
  const cpuAfter = server.cpuSeconds();
  const cpuMsPerRequest =
    cpuBefore !== undefined && cpuAfter !== undefined && measurement.requests ? ((cpuAfter - cpuBefore) * 1000) / measurement.requests : undefined;
  return { ...measurement, cpuMsPerRequest, loadAverage: loadavg()[0] };
}

/**
 * Rounds of the workload: in each, every target runs once, back to back, and the order turns from
 * round to round (Steward, baseline; baseline, Steward; …) so neither always runs on the warmer or
 * quieter side of a shared machine. Rows are medians over the rounds.
 */
async function runWorkload(workload: Workload, setup: Setup): Promise<Row[]> {
  const { options, dataset, stewards, baseline, tokens } = setup;
  const body = JSON.stringify({ query: workload.query, variables: workload.variables?.(dataset.subject) ?? {} });
  const reference: Target = { name: 'baseline', url: `${baseline.url}/${workload.name}`, headers: { 'content-type': 'application/json' }, body };
  const contenders: Contender[] = [];
  for (const [i, steward] of stewards.entries()) {
    const target: Target = {
      name: steward.name,
      url: `${steward.url}/graphql`,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i]}` },
      body,
    };
    contenders.push({ target, server: steward, statements: await verify(workload, target, reference) });
  }
  contenders.push({ target: reference, server: baseline, statements: 1 });
  const rounds = new Map<Contender, Measurement[]>(contenders.map((c) => [c, []]));
  for (let round = 0; round < options.rounds; round++) {
    log(`${workload.name} round ${round + 1} of ${options.rounds}`);
    const order = contenders.map((_, i) => contenders[(i + round) % contenders.length]);
    for (const contender of order) rounds.get(contender)!.push(await timedRun(contender, options));
  }
  const baselineRounds = rounds.get(contenders[contenders.length - 1])!;
  return contenders.map((c) => summarize(workload, c.target.name, c.statements, rounds.get(c)!, baselineRounds));
}

async function main(): Promise<void> {
  const options = parseOptions();
  const selected = options.workloads.length ? workloads.filter((w) => options.workloads.includes(w.name)) : workloads;
  const ingest = !options.workloads.length || options.workloads.includes('ingest');
  const metricIngest = !options.workloads.length || options.workloads.includes('metric-ingest');
  const workflowRuns = !options.workloads.length || options.workloads.includes('workflows');
  const eventFanout = !options.workloads.length || options.workloads.includes('events');
  if (!selected.length && !ingest && !metricIngest && !workflowRuns && !eventFanout)
    throw new Error(
      `no workload named ${options.workloads.join(', ')}; there are ${workloads.map((w) => w.name).join(', ')}, ingest, metric-ingest, workflows and events`,
    );

  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) await stop().catch((error) => log(`stopping: ${String(error)}`));
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stopAll().finally(() => process.exit(130)));
  try {
    const dataset = await prepareDataset(options, log);
    stops.push(dataset.stop);
    log(
      `${dataset.reused ? 'reusing' : 'built'} ${options.tenants} tenants, ${options.users} users; workload tenant has ${dataset.subject.tenantMembers} members`,
    );
    const database = { DATABASE_URL: dataset.url, DB_POOL_SIZE: String(options.poolSize) };
    // Rate limits off: the bench measures throughput, which the plans' API request limits would cap.
    const stewardEnv: Record<string, string> = {
      ...database,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      ...BENCH_KEYS,
      ACCESS_TOKEN_TTL_SECONDS: '86400',
      API_RATE_LIMITS: 'off',
      // The workloads send their query text with a bench user's session, as partner apps do with keys.
      STEWARD_PERSISTED_ONLY: '0',
      // With BENCH_WORKER_CONCURRENCY the workflow rounds bring their own worker; these servers' workers stay off.
      ...(workflowRuns && WORKER_CONCURRENCIES.length ? { STEWARD_JOBS: 'off' } : {}),
      // BENCH_STEWARD_JOBS=off: no job runs beside the workloads (e.g. two builds' rollup jobs taking turns on one database).
      ...(process.env.BENCH_STEWARD_JOBS ? { STEWARD_JOBS: process.env.BENCH_STEWARD_JOBS } : {}),
    };
    // BENCH_STEWARD_DIST runs another build of Steward (e.g. a copy of dist made before a change) against the same data;
    // BENCH_COMPARE_DIST runs a second build beside this one, in the same rounds ('steward-compare').
    const builds: [string, string][] = [['steward', process.env.BENCH_STEWARD_DIST ?? join(apiRoot, 'dist')]];
    if (process.env.BENCH_COMPARE_DIST) builds.push(['steward-compare', process.env.BENCH_COMPARE_DIST]);
    const stewards: ChildServer[] = [];
    for (const [name, dist] of builds) {
      const server = await startChildServer(name, join(dist, 'cli/start.js'), await freePort(), '/readyz', stewardEnv);
      stops.push(server.stop);
      stewards.push(server);
    }
    const baseline = await startChildServer('baseline', join(__dirname, 'baseline.js'), await freePort(), '/healthz', {
      ...database,
      BENCH_SUBJECT: JSON.stringify({ userId: dataset.subject.userId, tenantId: dataset.subject.tenantId }),
    });
    stops.push(baseline.stop);
    const tokens: string[] = [];
    for (const steward of stewards) tokens.push(await signIn(steward, dataset.subject));
    const setup: Setup = { options, dataset, stewards, baseline, tokens };

    const rows: Row[] = [];
    for (const workload of selected) rows.push(...(await runWorkload(workload, setup)));
    let ingestion: IngestionResult | undefined;
    if (ingest) {
      log(`ingestion: ${options.duration}s of batches through costEntriesRecord, then as plain INSERTs, ${INGEST_CONNECTIONS} connections each`);
      ingestion = await measureIngestion(stewards[0].url, dataset.url, dataset.subject.tenantId, options.duration, INGEST_CONNECTIONS);
    }
    let metricIngestion: MetricIngestionResult | undefined;
    if (metricIngest) {
      log(
        `metric ingestion: 1,000,000 points in batches of 5,000 through metricPointsRecord and as plain INSERTs, in 4 alternating rounds, ${INGEST_CONNECTIONS} connections each`,
      );
      metricIngestion = await measureMetricIngestion(stewards[0].url, dataset.url, dataset.subject.tenantId, {
        connections: INGEST_CONNECTIONS,
        compareUrl: stewards[1]?.url,
      });
    }
    let workflowExecutions: WorkflowBenchResult | undefined;
    const workflowRounds: { round: number; workerConcurrency: number; loadAverageBefore: number; loadAverageAfter: number; result: WorkflowBenchResult }[] = [];
    if (workflowRuns && WORKER_CONCURRENCIES.length) {
      // One server per run, with its worker at that concurrency (the others' workers are off, so only it drains the queue);
      // the order turns from round to round, as the other workloads' targets do.
      for (let round = 0; round < options.rounds; round++) {
        const order = WORKER_CONCURRENCIES.map((_, i) => WORKER_CONCURRENCIES[(i + round) % WORKER_CONCURRENCIES.length]);
        for (const concurrency of order) {
          log(`workflows round ${round + 1} of ${options.rounds}: ${WORKFLOW_EXECUTIONS} executions, WORKER_CONCURRENCY=${concurrency}`);
          const server = await startChildServer(`steward-workers-${concurrency}`, join(builds[0][1], 'cli/start.js'), await freePort(), '/readyz', {
            ...stewardEnv,
            STEWARD_JOBS: 'on',
            WORKER_CONCURRENCY: String(concurrency),
          });
          try {
            const loadAverageBefore = loadavg()[0];
            const result = await measureWorkflowExecutions(server.url, dataset.url, { executions: WORKFLOW_EXECUTIONS, connections: INGEST_CONNECTIONS });
            const loadAverageAfter = loadavg()[0];
            workflowRounds.push({ round: round + 1, workerConcurrency: concurrency, loadAverageBefore, loadAverageAfter, result });
            log(
              `workflows WORKER_CONCURRENCY=${concurrency}: ${result.nodesPerSecond.toFixed(1)} nodes/s, queue p99 ${result.queueLatencyMs.p99.toFixed(0)} ms, ` +
                `load ${loadAverageBefore.toFixed(1)} -> ${loadAverageAfter.toFixed(1)}`,
            );
          } finally {
            await server.stop();
          }
        }
      }
    } else if (workflowRuns) {
      log(`workflows: ${WORKFLOW_EXECUTIONS} executions of a 5-node workflow started through workflowRun, run by the server's job queue`);
      const loadAverageBefore = loadavg()[0];
      workflowExecutions = await measureWorkflowExecutions(stewards[0].url, dataset.url, { executions: WORKFLOW_EXECUTIONS, connections: INGEST_CONNECTIONS });
      const loadAverageAfter = loadavg()[0];
      // The figures are only as good as the machine was quiet: keep its 1-minute load average beside them.
      workflowExecutions = { ...workflowExecutions, loadAverageBefore, loadAverageAfter };
      log(`workflows: load ${loadAverageBefore.toFixed(1)} -> ${loadAverageAfter.toFixed(1)} (1-minute average, before -> after)`);
    }
    let fanout: EventFanoutResult | undefined;
    if (eventFanout) {
      // A second API process on the same database: subscriptions alternate between the two, events cross over LISTEN/NOTIFY.
      const other = await startChildServer('steward-2', join(builds[0][1], 'cli/start.js'), await freePort(), '/readyz', {
        ...stewardEnv,
        STEWARD_JOBS: 'off',
      });
      try {
        log(`events: ${FANOUT.subscribers} subscriptions over 2 API processes, ${FANOUT.events} alerts at ${FANOUT.rate}/s`);
        fanout = await measureEventFanout([stewards[0].url, other.url], dataset.url, tokens[0], dataset.subject.tenantId, FANOUT);
        log(`events: ${fanout.eventsPerSecond.toFixed(1)} events/s to every subscriber, latency p99 ${fanout.latencyMs.p99.toFixed(0)} ms`);
      } finally {
        await other.stop();
      }
    }
    process.stdout.write(
      `\n${rows.length ? table(rows) : ''}${fanout ? `\n\n${eventFanoutTable(fanout)}` : ''}${ingestion ? `\n\n${ingestionTable(ingestion)}` : ''}${metricIngestion ? `\n\n${metricIngestionTable(metricIngestion)}` : ''}${
        workflowExecutions ? `\n\n${workflowBenchTable(workflowExecutions)}` : ''
      }${workflowRounds.map((r) => `\n\nround ${r.round}, WORKER_CONCURRENCY=${r.workerConcurrency}\n${workflowBenchTable(r.result)}`).join('')}\n\n`,
    );
    writeResults(
      RESULTS_FILE,
      {
        ...options,
        workloads: selected.map((w) => w.name),
        workloadTenantMembers: dataset.subject.tenantMembers,
        ingestion,
        metricIngestion,
        eventFanout: fanout,
        workflowExecutions,
        workflowRounds,
      },
      rows,
    );
    log(`results written to ${RESULTS_FILE}`);
  } finally {
    await stopAll();
  }
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
