import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname } from 'node:path';
import type { Measurement } from './load';

/** One workload on one target: the median of its rounds, and every round. */
export interface Row {
  workload: string;
  title: string;
  target: string;
  /** Statements Steward reported for the workload's sample request (transaction control included); 1 for the baseline. */
  sqlPerRequest: number;
  requestsPerSecond: number;
  minRequestsPerSecond: number;
  maxRequestsPerSecond: number;
  cpuMsPerRequest?: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  /** The target's req/s over the baseline's, median of the rounds' ratios (each round's runs are neighbours in time). */
  ratioToBaseline: number;
  rounds: Measurement[];
}

export function median(values: number[]): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Folds the rounds of one workload and target into a row; `baseline` is the baseline's rounds, in the same order. */
export function summarize(
  workload: { name: string; title: string },
  target: string,
  sqlPerRequest: number,
  rounds: Measurement[],
  baseline: Measurement[],
): Row {
  const rps = rounds.map((r) => r.requestsPerSecond);
  return {
    workload: workload.name,
    title: workload.title,
    target,
    sqlPerRequest,
    requestsPerSecond: median(rps),
    minRequestsPerSecond: Math.min(...rps),
    maxRequestsPerSecond: Math.max(...rps),
    cpuMsPerRequest: median(rounds.map((r) => r.cpuMsPerRequest ?? NaN)),
    p50Ms: median(rounds.map((r) => r.p50Ms)),
    p99Ms: median(rounds.map((r) => r.p99Ms)),
    non2xx: rounds.reduce((sum, r) => sum + r.non2xx, 0),
    errors: rounds.reduce((sum, r) => sum + r.errors + r.graphqlErrors, 0),
    ratioToBaseline: median(rounds.map((r, i) => r.requestsPerSecond / baseline[i].requestsPerSecond)),
    rounds,
  };
}

function fixed(value: number | undefined, digits: number): string {
  return value !== undefined && Number.isFinite(value) ? value.toFixed(digits) : '-';
}

function ratio(value: number): string {
  return `${fixed(value, value < 0.1 ? 3 : 2)}x`;
}

export function table(rows: Row[]): string {
  // Steward's count includes the two transaction-control round trips (BEGIN batch, COMMIT); data is the rest.
  const header = ['workload', 'target', 'req/s (min-max)', 'CPU ms/request', 'p50 ms', 'p99 ms', 'SQL/request (data)', 'vs baseline', 'non-2xx', 'errors'];
  // autocannon's latency histogram has whole-millisecond resolution.
  const lines = rows.map((r) => [
    `${r.workload} ${r.title}`,
    r.target,
    `${fixed(r.requestsPerSecond, 0)} (${fixed(r.minRequestsPerSecond, 0)}-${fixed(r.maxRequestsPerSecond, 0)})`,
    fixed(r.cpuMsPerRequest, 2),
    fixed(r.p50Ms, 0),
    fixed(r.p99Ms, 0),
    r.target === 'baseline' ? String(r.sqlPerRequest) : `${r.sqlPerRequest} (${r.sqlPerRequest - 2})`,
    ratio(r.ratioToBaseline),
    String(r.non2xx),
    String(r.errors),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells: string[]) => `| ${cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  return [format(header), `|${widths.map((w, i) => (i < 2 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...lines.map(format)].join('\n');
}

function commit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

export function writeResults(file: string, settings: Record<string, unknown>, rows: Row[]): void {
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? null,
    memoryMb: Math.round(totalmem() / 2 ** 20),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ timestamp: new Date().toISOString(), commit: commit(), machine, settings, results: rows }, null, 2) + '\n');
}
