import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';

export const BATCH = 1000;
/** A partner app's developer key in the workload tenant (bench-1), seeded by dataset.ts. */
const API_KEY = 'stw_bench_1_1';
const PREFIX = 'ingest-';
const COLUMNS = [
  'tenant_id',
  'idempotency_key',
  'agent_id',
  'incurred_on',
  'amount',
  'currency',
  'provider',
  'service',
  'region',
  'category',
  'quantity',
  'unit',
  'tags',
];

export interface IngestionResult {
  batch: number;
  connections: number;
  steward: { entries: number; entriesPerSecond: number };
  baseline: { entries: number; entriesPerSecond: number };
  ratio: number;
}

interface Entry {
  idempotencyKey: string;
  agent: string;
  date: string;
  amount: string;
  provider: string;
  service: string;
  region: string;
  category: string;
  quantity: string;
  unit: string;
  tags: string[];
}

/** Batch `b` of a run: dated years back so no workload's window or budget sees them; a third are request counts. */
function batchOf(run: string, b: number, agents: string[]): Entry[] {
  return Array.from({ length: BATCH }, (_, i) => ({
    idempotencyKey: `${PREFIX}${run}-${b}-${i}`,
    agent: agents[(b * BATCH + i) % agents.length],
    date: `2020-01-${String(1 + (i % 28)).padStart(2, '0')}`,
    amount: `${(i % 997) / 100}`,
    provider: ['aws', 'openai', 'anthropic'][i % 3],
    service: ['EC2', 'Chat Completions', 'Messages API'][i % 3],
    region: 'eu-west-1',
    category: ['compute', 'ai', 'ai'][i % 3],
    quantity: String(i % 50),
    unit: i % 3 === 2 ? 'requests' : 'GB',
    tags: ['bench', `team-${i % 7}`],
  }));
}

/** Sends batches from `connections` loops for `seconds`; returns the entries written. */
async function drive(connections: number, seconds: number, send: (b: number) => Promise<number>): Promise<{ entries: number; entriesPerSecond: number }> {
  let next = 0;
  let entries = 0;
  const started = process.hrtime.bigint();
  const deadline = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < deadline) {
        // Not `entries += await …`: that reads `entries` before the wait and loses the other loops' counts.
        const written = await send(next++);
        entries += written;
      }
    }),
  );
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  return { entries, entriesPerSecond: entries / elapsed };
}

const RECORD = `mutation Ingest($input: CostEntriesRecordInput!) { costEntriesRecord(input: $input) { recordedCount userErrors { field message } } }`;

/**
 * Cost entries per second through costEntriesRecord (batches of 1,000, API key, every check,
 * idempotency, agent counters, audit) against the same entries as plain multi-row INSERTs on a pool
 * of the database owner. What it wrote is removed afterwards, request counts included.
 */
export async function measureIngestion(
  stewardUrl: string,
  databaseUrl: string,
  tenantId: string,
  seconds: number,
  connections: number,
): Promise<IngestionResult> {
  const pool = new Pool({ connectionString: databaseUrl, max: connections });
  const run = randomBytes(4).toString('hex');
  try {
    const agents: string[] = (await pool.query(`SELECT id FROM agents WHERE tenant_id = $1 ORDER BY created_at DESC LIMIT 1000`, [tenantId])).rows.map(
      (r) => r.id,
    );
    const globalId = (uuid: string) => Buffer.from(`Agent:${uuid}`).toString('base64url');
    const steward = await drive(connections, seconds, async (b) => {
      const entries = batchOf(`s${run}`, b, agents).map(({ agent, ...e }) => ({ ...e, agentId: globalId(agent) }));
      const response = await fetch(`${stewardUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
        body: JSON.stringify({ query: RECORD, variables: { input: { entries } } }),
      });
      const body = (await response.json()) as { data?: { costEntriesRecord?: { recordedCount: number | null; userErrors: unknown[] } }; errors?: unknown[] };
      const result = body.data?.costEntriesRecord;
      if (!result || result.recordedCount !== BATCH) throw new Error(`ingestion batch failed: ${JSON.stringify(body).slice(0, 500)}`);
      return result.recordedCount;
    });
    const placeholders = Array.from({ length: BATCH }, (_, r) => `(${COLUMNS.map((_c, c) => `$${r * COLUMNS.length + c + 1}`).join(', ')})`).join(', ');
    const insert = `INSERT INTO cost_entries (${COLUMNS.join(', ')}) VALUES ${placeholders}`;
    const baseline = await drive(connections, seconds, async (b) => {
      const values = batchOf(`b${run}`, b, agents).flatMap((e) => [
        tenantId,
        e.idempotencyKey,
        e.agent,
        e.date,
        e.amount,
        'USD',
        e.provider,
        e.service,
        e.region,
        e.category,
        e.quantity,
        e.unit,
        e.tags,
      ]);
      return (await pool.query(insert, values)).rowCount ?? 0;
    });
    return { batch: BATCH, connections, steward, baseline, ratio: steward.entriesPerSecond / baseline.entriesPerSecond };
  } finally {
    await pool.query(
      `UPDATE agents a SET total_requests = a.total_requests - d.n
       FROM (SELECT agent_id, sum(quantity)::bigint AS n FROM cost_entries WHERE tenant_id = $1 AND idempotency_key LIKE $2 AND unit = 'requests' GROUP BY agent_id) d
       WHERE a.id = d.agent_id`,
      [tenantId, `${PREFIX}s${run}-%`],
    );
    await pool.query(`DELETE FROM cost_entries WHERE tenant_id = $1 AND idempotency_key LIKE $2`, [tenantId, `${PREFIX}%`]);
    await pool.query(`VACUUM ANALYZE cost_entries`);
    await pool.end();
  }
}

export function ingestionTable(r: IngestionResult): string {
  const rows = [
    ['target', 'entries', 'entries/s', 'vs baseline'],
    [`steward (costEntriesRecord, API key, batches of ${r.batch})`, String(r.steward.entries), r.steward.entriesPerSecond.toFixed(0), `${r.ratio.toFixed(2)}x`],
    [`baseline (multi-row INSERT, ${r.batch} rows)`, String(r.baseline.entries), r.baseline.entriesPerSecond.toFixed(0), '1.00x'],
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const line = (row: string[]) => `| ${row.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  return [line(rows[0]), `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}
