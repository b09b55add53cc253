import { randomBytes, randomUUID } from 'node:crypto';
import { Pool } from 'pg';

/** Points per metricPointsRecord batch (the API's limit) and per baseline INSERT. */
export const METRIC_BATCH = 5000;
/** A partner app's developer key in the workload tenant (bench-1), seeded by dataset.ts. */
const API_KEY = 'stw_bench_1_1';
const NAMES = ['agent.response_time', 'agent.requests', 'agent.errors', 'agent.tokens.prompt', 'agent.tokens.completion'];

export interface SideResult {
  points: number;
  pointsPerSecond: number;
  /** Points per second in each round. */
  rounds: number[];
}

export interface MetricIngestionResult {
  batch: number;
  connections: number;
  /** Rounds turning the order of the sides, each writing its share of the points. */
  rounds: number;
  steward: SideResult;
  /** Another build of Steward (BENCH_COMPARE_DIST), in the same rounds. */
  compare?: SideResult & { ratio: number; medianRoundRatio: number };
  baseline: SideResult;
  /** Points over time of the whole run, Steward's to the baseline's. */
  ratio: number;
  /** The median of the rounds' ratios (each round's Steward rate to the same round's baseline rate). */
  medianRoundRatio: number;
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
  rounds: number[];
}

/** Sends batches `first`..`first + count - 1` from `connections` loops; adds the points written and the time taken to `tally`. */
async function drive(first: number, count: number, connections: number, tally: Tally, send: (b: number) => Promise<number>): Promise<void> {
  let next = first;
  const end = first + count;
  const started = process.hrtime.bigint();
  let points = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < end) {
        // Not `points += await …`: that reads the total before the wait and loses the other loops' counts.
        const written = await send(next++);
        points += written;
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  tally.points += points;
  tally.seconds += seconds;
  tally.rounds.push(points / seconds);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
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
  {
    total = 1_000_000,
    connections = 4,
    apiKey = API_KEY,
    rounds = 4,
    compareUrl,
  }: { total?: number; connections?: number; apiKey?: string; rounds?: number; compareUrl?: string } = {},
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
    const sender = (url: string, tag: string) => async (b: number) => {
      const points = batchOf(`${tag}${run}`, b, agents, now).map(({ agent, ...p }) => ({ ...p, agentId: globalId(agent) }));
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
        body: JSON.stringify({ query: RECORD, variables: { input: { batchKey: `bench-${run}-${tag}${b}`, points } } }),
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
    // The order of the sides turns from round to round (Steward, [compared build,] baseline; then the next first; …),
    // so no side always runs on the quieter side of a shared machine; each side's rate is its points over its own time.
    const batches = Math.ceil(total / METRIC_BATCH);
    const tally = (): Tally => ({ points: 0, seconds: 0, rounds: [] });
    const sides: [Tally, (b: number) => Promise<number>][] = [[tally(), sender(stewardUrl, 's')]];
    if (compareUrl) sides.push([tally(), sender(compareUrl, 'c')]);
    sides.push([tally(), sendBaseline]);
    for (let round = 0; round < rounds; round++) {
      const first = Math.floor((batches * round) / rounds);
      const count = Math.floor((batches * (round + 1)) / rounds) - first;
      if (!count) continue;
      for (let i = 0; i < sides.length; i++) {
        const [t, send] = sides[(i + round) % sides.length];
        await drive(first, count, connections, t, send);
      }
    }
    const baselineTally = sides[sides.length - 1][0];
    const result = (t: Tally): SideResult => ({ points: t.points, pointsPerSecond: t.points / t.seconds, rounds: t.rounds });
    const baseline = result(baselineTally);
    const against = (t: Tally) => ({
      ratio: t.points / t.seconds / baseline.pointsPerSecond,
      medianRoundRatio: median(t.rounds.map((rate, i) => rate / baselineTally.rounds[i])),
    });
    const steward = result(sides[0][0]);
    const compare = compareUrl ? { ...result(sides[1][0]), ...against(sides[1][0]) } : undefined;
    return { batch: METRIC_BATCH, connections, rounds, steward, compare, baseline, ...against(sides[0][0]) };
  } finally {
    await pool.query(`DELETE FROM metric_points WHERE tenant_id = $1 AND labels->>'bench' IN ($2, $3, $4)`, [tenantId, `s${run}`, `c${run}`, `b${run}`]);
    await pool.query(`DELETE FROM telemetry_batches WHERE tenant_id = $1 AND kind = 'metrics' AND batch_key LIKE $2`, [tenantId, `bench-${run}-%`]);
    await pool.end();
  }
}

export function metricIngestionTable(r: MetricIngestionResult): string {
  const rows = [
    ['target', 'points', 'points/s', 'points/s by round', 'vs baseline', 'median of rounds'],
    [
      `steward (metricPointsRecord, API key, batches of ${r.batch})`,
      String(r.steward.points),
      r.steward.pointsPerSecond.toFixed(0),
      r.steward.rounds.map((x) => x.toFixed(0)).join(' / '),
      `${r.ratio.toFixed(2)}x`,
      `${r.medianRoundRatio.toFixed(2)}x`,
    ],
    ...(r.compare
      ? [
          [
            'steward-compare (BENCH_COMPARE_DIST)',
            String(r.compare.points),
            r.compare.pointsPerSecond.toFixed(0),
            r.compare.rounds.map((x) => x.toFixed(0)).join(' / '),
            `${r.compare.ratio.toFixed(2)}x`,
            `${r.compare.medianRoundRatio.toFixed(2)}x`,
          ],
        ]
      : []),
    [
      `baseline (multi-row INSERT, ${r.batch} rows)`,
      String(r.baseline.points),
      r.baseline.pointsPerSecond.toFixed(0),
      r.baseline.rounds.map((x) => x.toFixed(0)).join(' / '),
      '1.00x',
      '1.00x',
    ],
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const line = (row: string[]) => `| ${row.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  return [line(rows[0]), `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}
