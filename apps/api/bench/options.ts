import { resolve } from 'node:path';

/** apps/api: the bench runs compiled, from dist/bench-build/bench. */
export const apiRoot = resolve(__dirname, '../../..');
export const repoRoot = resolve(apiRoot, '../..');
export const dataDir = process.env.STEWARD_DATA_DIR ?? resolve(repoRoot, '.data');

export interface BenchOptions {
  tenants: number;
  users: number;
  /** Seconds of measured load per workload and target. */
  duration: number;
  /** Seconds of unmeasured load before each measurement. */
  warmup: number;
  connections: number;
  poolSize: number;
  /** Rounds per workload; in each, every target runs once, their order turning from round to round. */
  rounds: number;
  /** Workload names to run; empty for all. */
  workloads: string[];
}

/** `--name value` or `--name=value` from argv, else the environment variable. */
function setting(argv: string[], name: string, env: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === `--${name}`) return argv[i + 1];
    if (argv[i].startsWith(`--${name}=`)) return argv[i].slice(name.length + 3);
  }
  return process.env[env];
}

function positive(argv: string[], name: string, env: string, fallback: number): number {
  const raw = setting(argv, name, env);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer, got "${raw}"`);
  return value;
}

export function parseOptions(argv = process.argv.slice(2)): BenchOptions {
  const options: BenchOptions = {
    tenants: positive(argv, 'tenants', 'BENCH_TENANTS', 20),
    users: positive(argv, 'users', 'BENCH_USERS', 2000),
    duration: positive(argv, 'duration', 'BENCH_DURATION', 10),
    warmup: positive(argv, 'warmup', 'BENCH_WARMUP', 3),
    connections: positive(argv, 'connections', 'BENCH_CONNECTIONS', 20),
    poolSize: positive(argv, 'pool', 'BENCH_POOL_SIZE', 10),
    rounds: positive(argv, 'rounds', 'BENCH_ROUNDS', 3),
    workloads: (setting(argv, 'workload', 'BENCH_WORKLOADS') ?? '')
      .split(',')
      .map((w) => w.trim())
      .filter(Boolean),
  };
  if (options.users < 100) throw new Error('--users must be at least 100: the workload tenant needs 100 members');
  return options;
}
