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

/** Sends `total / batch` batches from `connections` loops; returns the points written per second. */
async function drive(total: number, connections: number, send: (b: number) => Promise<number>): Promise<{ points: number; pointsPerSecond: number }> {
  const batches = Math.ceil(total / METRIC_BATCH);
  let next = 0;
  let points = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < batches) {
        // Not `points += await …`: that reads `points` before the wait and loses the other loops' counts.
        const written = await send(next++);
        points += written;
      }
    }),
  );
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  return { points, pointsPerSecond: points / elapsed };
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
  { total = 1_000_000, connections = 4, apiKey = API_KEY }: { total?: number; connections?: number; apiKey?: string } = {},
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
    const steward = await drive(total, connections, async (b) => {
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
    });
    const columns = 7;
    const placeholders = Array.from(
      { length: METRIC_BATCH },
      (_, r) => `(${Array.from({ length: columns }, (_c, c) => `$${r * columns + c + 1}`).join(', ')})`,
    ).join(', ');
    const insert = `INSERT INTO metric_points (tenant_id, agent_id, name, at, value, labels, batch_id) VALUES ${placeholders}`;
    const baseline = await drive(total, connections, async (b) => {
      const batchId = randomUUID();
      const values = batchOf(`b${run}`, b, agents, now).flatMap((p) => [tenantId, p.agent, p.name, p.at, p.value, JSON.stringify(p.labels), batchId]);
      return (await pool.query(insert, values)).rowCount ?? 0;
    });
    return { batch: METRIC_BATCH, connections, steward, baseline, ratio: steward.pointsPerSecond / baseline.pointsPerSecond };
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
