import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, closeSync, mkdirSync, openSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const webRoot = resolve(__dirname, '..');
export const repoRoot = resolve(webRoot, '../..');
export const resultsDir = join(webRoot, 'test-results');

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

export interface RunningApi {
  url: string;
  process: ChildProcess;
  dataDir: string;
}

/**
 * Starts the built API as `pnpm start` would, on its own ports and its own embedded PostgreSQL in a
 * temporary folder, so every run begins with a freshly seeded demo world. `name` names its log file.
 */
export async function startApi(name = 'api'): Promise<RunningApi> {
  mkdirSync(resultsDir, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'steward-e2e-'));
  // As root, embedded PostgreSQL runs initdb as an unprivileged user, who must reach this folder.
  chmodSync(dataDir, 0o755);
  const [port, pgPort] = [await freePort(), await freePort()];
  // A file, not a pipe: the API's output must never wait on this process's event loop.
  const log = openSync(join(resultsDir, `${name}.log`), 'w');
  const child = spawn(process.execPath, [join(repoRoot, 'apps/api/dist/cli/start.js')], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), STEWARD_DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort), DATABASE_URL: '', NODE_ENV: 'test' },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? -1));
  while (Date.now() - started < 180_000) {
    if (exited !== null) throw new Error(`the API exited with ${exited} before it was ready; see test-results/${name}.log`);
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.ok) return { url, process: child, dataDir };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  await stopApi({ url, process: child, dataDir });
  throw new Error(`the API was not ready within 180 s; see test-results/${name}.log`);
}

/** SIGTERM lets the API drain and stop its PostgreSQL; SIGKILL only if that hangs. */
export async function stopApi(api: RunningApi): Promise<void> {
  const child = api.process;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  }
  rmSync(api.dataDir, { recursive: true, force: true });
}
