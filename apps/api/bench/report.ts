import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname } from 'node:path';
import type { Measurement } from './load';

export interface Row extends Measurement {
  workload: string;
  title: string;
  target: 'steward' | 'baseline';
  sqlPerRequest: number;
  /** Steward's req/s over the baseline's, for the same workload. */
  ratioToBaseline: number;
}

function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '-';
}

function ratio(value: number): string {
  return `${fixed(value, value < 0.1 ? 3 : 2)}x`;
}

export function table(rows: Row[]): string {
  // Steward's count includes the two transaction-control round trips (BEGIN batch, COMMIT); data is the rest.
  const header = ['workload', 'target', 'req/s', 'CPU ms/request', 'p50 ms', 'p99 ms', 'SQL/request (data)', 'vs baseline', 'non-2xx', 'errors'];
  // autocannon's latency histogram has whole-millisecond resolution.
  const lines = rows.map((r) => [
    `${r.workload} ${r.title}`, r.target, fixed(r.requestsPerSecond, 0), fixed(r.cpuMsPerRequest ?? NaN, 2), fixed(r.p50Ms, 0), fixed(r.p99Ms, 0),
    r.target === 'steward' ? `${r.sqlPerRequest} (${r.sqlPerRequest - 2})` : String(r.sqlPerRequest), ratio(r.ratioToBaseline), String(r.non2xx), String(r.errors + r.graphqlErrors),
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
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? null, memoryMb: Math.round(totalmem() / 2 ** 20), node: process.version, platform: `${process.platform}-${process.arch}` };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ timestamp: new Date().toISOString(), commit: commit(), machine, settings, results: rows }, null, 2) + '\n');
}
