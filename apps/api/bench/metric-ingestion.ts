import { randomBytes, randomUUID } from 'node:crypto';
import { Pool } from 'pg';

/** Points per metricPointsRecord batch (the API's limit) and per baseline INSERT. */
export const METRIC_BATCH = 5000;
/** A partner app's developer key in the workload tenant (bench-1), seeded by dataset.ts. */
const API_KEY = 'stw_bench_1_1';
const NAMES = ['agent.response_time', 'agent.requests', 'agent.errors', 'agent.tokens.prompt', 'agent.tokens.completion'];

export interface MetricIngestionResult {
  batch: number;
  connections: number;
  /** Rounds alternating the two sides, each writing its share of the points. */
  rounds: number;
  steward: { points: number; pointsPerSecond: number };
  baseline: { points: number; pointsPerSecond: number };
  ratio: number;
}

interface Point {
  agent: string;
  name: string;
  at: string;
  value: number;
  labels: Record<string, string>;
}

/** Batch `b` of a run: points of 20 agents over the last six hours, a label naming the run so they can be removed. */
function batchOf(run: string, b: number, agents: string[], now: number): Point[] {
  return Array.from({ length: METRIC_BATCH }, (_, i) => {
    const n = b * METRIC_BATCH + i;
    return {
      agent: agents[n % agents.length],
      name: NAMES[n % NAMES.length],
      at: new Date(now - 60_000 - (n % 21_600) * 1000).toISOString(),
      value: (n % 997) + 0.5,
      labels: { bench: run },
    };
  });
}

interface Tally {
  points: number;
  seconds: number;
}

/** Sends batches `first`..`first + count - 1` from `connections` loops; adds the points written and the time taken to `tally`. */
async function drive(first: number, count: number, connections: number, tally: Tally, send: (b: number) => Promise<number>): Promise<void> {
  let next = first;
  const end = first + count;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < end) {
        // Not `tally.points += await …`: that reads the total before the wait and loses the other loops' counts.
        const written = await send(next++);
        tally.points += written;
      }
    }),
  );
  tally.seconds += Number(process.hrtime.bigint() - started) / 1e9;
}

const RECORD = `mutation IngestMetrics($input: MetricPointsRecordInput!) { metricPointsRecord(input: $input) { outcome recordedCount userErrors { field message } } }`;

/**
 * Metric points per second through metricPointsRecord (batches of 5,000, API key, every check, batch
 * key, one statement for the points and their dirty hours, audit) against the same points as plain
 * multi-row INSERTs of 5,000 rows on a pool of the database owner. What it wrote is removed afterwards.
 */
export async function measureMetricIngestion(
  stewardUrl: string,
  databaseUrl: string,
  tenantId: string,
  { total = 1_000_000, connections = 4, apiKey = API_KEY, rounds = 4 }: { total?: number; connections?: number; apiKey?: string; rounds?: number } = {},
): Promise<MetricIngestionResult> {
  const pool = new Pool({ connectionString: databaseUrl, max: connections });
  const run = randomBytes(4).toString('hex');
  const now = Date.now();
  try {
    const agents: string[] = (await pool.query(`SELECT id FROM agents WHERE tenant_id = $1 ORDER BY created_at DESC, id DESC LIMIT 20`, [tenantId])).rows.map(
      (r) => r.id,
    );
    if (!agents.length) throw new Error('metric ingestion: the workload tenant has no agents');
    const globalId = (uuid: string) => Buffer.from(`Agent:${uuid}`).toString('base64url');
    const sendSteward = async (b: number) => {
      const points = batchOf(`s${run}`, b, agents, now).map(({ agent, ...p }) => ({ ...p, agentId: globalId(agent) }));
      const response = await fetch(`${stewardUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
        body: JSON.stringify({ query: RECORD, variables: { input: { batchKey: `bench-${run}-${b}`, points } } }),
      });
      const body = (await response.json()) as { data?: { metricPointsRecord?: { recordedCount: number | null } } };
      const result = body.data?.metricPointsRecord;
      if (!result || result.recordedCount !== METRIC_BATCH) throw new Error(`metric ingestion batch failed: ${JSON.stringify(body).slice(0, 500)}`);
      return result.recordedCount;
    };
    const columns = 7;
    const placeholders = Array.from(
      { length: METRIC_BATCH },
      (_, r) => `(${Array.from({ length: columns }, (_c, c) => `$${r * columns + c + 1}`).join(', ')})`,
    ).join(', ');
    const insert = `INSERT INTO metric_points (tenant_id, agent_id, name, at, value, labels, batch_id) VALUES ${placeholders}`;
    const sendBaseline = async (b: number) => {
      const batchId = randomUUID();
      const values = batchOf(`b${run}`, b, agents, now).flatMap((p) => [tenantId, p.agent, p.name, p.at, p.value, JSON.stringify(p.labels), batchId]);
      return (await pool.query(insert, values)).rowCount ?? 0;
    };
    // Rounds alternate which side goes first (Steward, baseline; baseline, Steward; …), so neither always
    // runs on the quieter side of a shared machine; each side's rate is its points over its own time.
    const batches = Math.ceil(total / METRIC_BATCH);
    const tallies = { steward: { points: 0, seconds: 0 }, baseline: { points: 0, seconds: 0 } };
    for (let round = 0; round < rounds; round++) {
      const first = Math.floor((batches * round) / rounds);
      const count = Math.floor((batches * (round + 1)) / rounds) - first;
      const sides: [Tally, (b: number) => Promise<number>][] = [
        [tallies.steward, sendSteward],
        [tallies.baseline, sendBaseline],
      ];
      if (round % 2) sides.reverse();
      for (const [tally, send] of sides) await drive(first, count, connections, tally, send);
    }
    const rate = (t: Tally) => ({ points: t.points, pointsPerSecond: t.points / t.seconds });
    const steward = rate(tallies.steward);
    const baseline = rate(tallies.baseline);
    return { batch: METRIC_BATCH, connections, rounds, steward, baseline, ratio: steward.pointsPerSecond / baseline.pointsPerSecond };
  } finally {
    await pool.query(`DELETE FROM metric_points WHERE tenant_id = $1 AND labels->>'bench' IN ($2, $3)`, [tenantId, `s${run}`, `b${run}`]);
    await pool.query(`DELETE FROM telemetry_batches WHERE tenant_id = $1 AND kind = 'metrics' AND batch_key LIKE $2`, [tenantId, `bench-${run}-%`]);
    await pool.end();
  }
}

export function metricIngestionTable(r: MetricIngestionResult): string {
  const rows = [
    ['target', 'points', 'points/s', 'vs baseline'],
    [`steward (metricPointsRecord, API key, batches of ${r.batch})`, String(r.steward.points), r.steward.pointsPerSecond.toFixed(0), `${r.ratio.toFixed(2)}x`],
    [`baseline (multi-row INSERT, ${r.batch} rows)`, String(r.baseline.points), r.baseline.pointsPerSecond.toFixed(0), '1.00x'],
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const line = (row: string[]) => `| ${row.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  return [line(rows[0]), `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}
